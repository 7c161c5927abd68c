"""ProGAN presets."""

from kerasgan.models.progan.progan import ProGAN
from kerasgan.models.progan.progan_schedule import ProGANSchedule
from kerasgan.zoo import common
from kerasgan.zoo.preset import Preset

PAPER = (
    "Karras, Aila, Laine & Lehtinen, Progressive Growing of GANs for Improved Quality, Stability, and Variation, ICLR "
    "2018"
)
REFERENCE = "tkarras/progressive_growing_of_gans"

PRESETS = (
    Preset(
        name="progan_mnist",
        model_class=ProGAN,
        config=dict(
            image_shape=(32, 32, 1),
            latent_dim=128,
            fmap_base=1024,
            fmap_max=32,
            schedule=ProGANSchedule(32, training_images=15_000, transition_images=15_000),
            seed=0,
        ),
        dataset=common.MNIST_SUBSET + ", padded to 32×32 with background",
        data_licence=common.MNIST_LICENCE,
        description=(
            "ProGAN grown 4×4 → 8 → 16 → 32 (15k images per stable phase and per fade-in, 150k images in all: the "
            "reference shows 600k per phase and 12M in total), 32 maps at every resolution (the reference's CIFAR run "
            "has 128), latent 128, EMA generator (0.999). Far too short a run for ProGAN: blurry, low-recall samples."
        ),
        paper=PAPER,
        reference=REFERENCE,
        recipe="recipes/progan_mnist.py",
        fit=dict(
            batch_size=64,
            epochs=30,
            optimizer="Adam(1e-3, β1=0, β2=0.99, ε=1e-8) for G and D (the reference's), WGAN-GP λ 10 + drift 0.001",
        ),
        metrics_protocol=common.MNIST_PROTOCOL,
    ),
    Preset(
        name="progan_cifar10",
        model_class=ProGAN,
        config=dict(
            image_shape=(32, 32, 3),
            latent_dim=128,
            fmap_base=4096,
            fmap_max=128,
            schedule=ProGANSchedule(32, training_images=400_000, transition_images=400_000),
            seed=0,
        ),
        dataset=common.CIFAR10,
        data_licence=common.CIFAR10_LICENCE,
        description=(
            "ProGAN with the authors' CIFAR-10 settings (Theano config: fmap_base 4096, fmap_max 128, latent 128, "
            "400k + 400k images per phase), grown 4×4 → 32×32."
        ),
        paper=PAPER,
        reference=REFERENCE + " (Theano-era config.py, CIFAR-10 entry)",
        recipe="recipes/progan_cifar10.py",
        fit=dict(
            batch_size=64,
            images=20_000_000,
            optimizer="Adam(1e-3, β1=0, β2=0.99, ε=1e-8), WGAN-GP λ 10 + drift 0.001, EMA 0.999",
        ),
        metrics_protocol=common.CIFAR10_PROTOCOL,
        status_note=common.CIFAR10_NOT_TRAINED,
    ),
)
