"""DCGAN presets."""

from kerasgan.models.dcgan.dcgan import DCGAN
from kerasgan.zoo import common
from kerasgan.zoo.preset import Preset

PAPER = "Radford, Metz & Chintala, Unsupervised Representation Learning with Deep Convolutional GANs, ICLR 2016"
REFERENCE = "Newmu/dcgan_code"

PRESETS = (
    Preset(
        name="dcgan_mnist",
        model_class=DCGAN,
        config=dict(image_shape=(28, 28, 1), latent_dim=100, base_filters=64, seed=0),
        dataset=common.MNIST_SUBSET,
        data_licence=common.MNIST_LICENCE,
        description="DCGAN at 28×28×1 (generator 7×7×128 → 14 → 28, discriminator 64 → 128 maps), z ~ U[-1, 1]^100.",
        paper=PAPER,
        reference=REFERENCE,
        recipe="recipes/dcgan_mnist.py",
        fit=dict(batch_size=64, epochs=30, optimizer="Adam(2e-4, β1=0.5) for G and D (the paper's)"),
        metrics_protocol=common.MNIST_PROTOCOL,
    ),
    Preset(
        name="dcgan_cifar10",
        model_class=DCGAN,
        config=dict(image_shape=(32, 32, 3), latent_dim=100, base_filters=128, seed=0),
        dataset=common.CIFAR10,
        data_licence=common.CIFAR10_LICENCE,
        description=(
            "DCGAN at 32×32×3 (generator 4×4×512 → 8 → 16 → 32, discriminator 128 → 256 → 512 maps), the paper's "
            "widths."
        ),
        paper=PAPER,
        reference=REFERENCE,
        recipe="recipes/dcgan_cifar10.py",
        fit=dict(batch_size=128, epochs=25, optimizer="Adam(2e-4, β1=0.5) for G and D (the paper's)"),
        metrics_protocol=common.CIFAR10_PROTOCOL,
        status_note=common.CIFAR10_NOT_TRAINED,
    ),
)
