"""WGAN-GP presets."""

from kerasgan.models.wgan_gp.wgangp import WGANGP
from kerasgan.models.wgan_gp.wgangp_dcgan_critic import WGANGPDCGANCritic
from kerasgan.models.wgan_gp.wgangp_dcgan_generator import WGANGPDCGANGenerator
from kerasgan.zoo import common
from kerasgan.zoo.preset import Preset

PAPER = "Gulrajani, Ahmed, Arjovsky, Dumoulin & Courville, Improved Training of Wasserstein GANs, NeurIPS 2017"
REFERENCE = "igul222/improved_wgan_training"

PRESETS = (
    Preset(
        name="wgangp_mnist",
        model_class=WGANGP,
        config=dict(
            generator=(WGANGPDCGANGenerator, dict(latent_dim=128, image_shape=(28, 28, 1), dim=64)),
            discriminator=(WGANGPDCGANCritic, dict(image_shape=(28, 28, 1), dim=64)),
            gp_weight=10.0,
            n_critic=5,
            seed=0,
        ),
        dataset=common.MNIST_SUBSET,
        data_licence=common.MNIST_LICENCE,
        description=(
            "WGAN-GP's MNIST networks (gan_mnist.py, DIM 64: generator 4×4×256 → 7 → 14 → 28, critic 64 → 128 → 256 "
            "maps), λ = 10, 5 critic steps."
        ),
        paper=PAPER,
        reference=REFERENCE + " (gan_mnist.py)",
        recipe="recipes/wgangp_mnist.py",
        fit=dict(
            critic_batch_size=50,
            n_critic=5,
            epochs=50,
            optimizer="Adam(1e-4, β1=0.5, β2=0.9) for G and D (gan_mnist.py)",
        ),
        metrics_protocol=common.MNIST_PROTOCOL,
    ),
    Preset(
        name="wgangp_cifar10",
        model_class=WGANGP,
        config=dict(
            image_shape=(32, 32, 3), latent_dim=128, g_filters=128, d_filters=128, gp_weight=10.0, n_critic=5, seed=0
        ),
        dataset=common.CIFAR10,
        data_licence=common.CIFAR10_LICENCE,
        description=(
            "WGAN-GP's CIFAR-10 ResNet (gan_cifar_resnet.py: 3 up-blocks of 128 maps, critic of 4 blocks of 128), λ = "
            "10, 5 critic steps."
        ),
        paper=PAPER,
        reference=REFERENCE + " (gan_cifar_resnet.py)",
        recipe="recipes/wgangp_cifar10.py",
        fit=dict(
            critic_batch_size=64,
            n_critic=5,
            iterations=100_000,
            optimizer="Adam(2e-4, β1=0, β2=0.9), linear decay to 0 (gan_cifar_resnet.py)",
        ),
        metrics_protocol=common.CIFAR10_PROTOCOL,
        status_note=common.CIFAR10_NOT_TRAINED,
    ),
)
