"""WGAN-GP presets (registered when kerasgan is imported)."""

from kerasgan.models.wgan_gp.wgangp import WGANGP
from kerasgan.models.wgan_gp.wgangp_dcgan_critic import WGANGPDCGANCritic
from kerasgan.models.wgan_gp.wgangp_dcgan_generator import WGANGPDCGANGenerator
from kerasgan.zoo import common
from kerasgan.zoo.preset import Preset
from kerasgan.zoo.registry import register

PAPER = "Gulrajani, Ahmed, Arjovsky, Dumoulin & Courville, Improved Training of Wasserstein GANs, NeurIPS 2017"
REFERENCE = "igul222/improved_wgan_training"

register(Preset(
    name="wgangp_mnist",
    model_class=WGANGP,
    config=dict(
        generator=(WGANGPDCGANGenerator, dict(latent_dim=128, image_shape=(28, 28, 1), dim=64)),
        discriminator=(WGANGPDCGANCritic, dict(image_shape=(28, 28, 1), dim=64)),
        gp_weight=10.0, n_critic=5, seed=0,
    ),
    dataset=common.MNIST_SUBSET,
    data_licence=common.MNIST_LICENCE,
    description="WGAN-GP's MNIST networks (gan_mnist.py, DIM 64: generator 4×4×256 → 7 → 14 → 28, critic 64 → 128 → 256 maps), λ = 10, 5 critic steps.",
    paper=PAPER,
    reference=REFERENCE + " (gan_mnist.py)",
    recipe="recipes/wgangp_mnist.py",
    fit=dict(batch_size=250, epochs=50, optimizer="Adam(1e-4, β1=0.5, β2=0.9) for G and D (gan_mnist.py); 50 images per critic step"),
    status_note=common.TRAINED_HERE,
    weights_file="wgangp_mnist.weights.h5",
    sha256="185e41fb3d41caea3f1f8bf600af1310dbc181049f100311bbcc213a8ae5c134",
    metrics={'fid': 18.21903, 'kid': 0.30281, 'kid_std': 0.02104, 'precision': 0.6014, 'recall': 0.6144},
    metrics_protocol=common.MNIST_PROTOCOL,
    training={'epochs': 50, 'fit_batch_size': 250, 'training_examples': 5000, 'generator_steps': 1000, 'seconds': 1351.1, 'backend': 'tensorflow', 'machine': 'x86_64, 2 CPU cores'},
))

register(Preset(
    name="wgangp_cifar10",
    model_class=WGANGP,
    config=dict(image_shape=(32, 32, 3), latent_dim=128, g_filters=128, d_filters=128, gp_weight=10.0, n_critic=5, seed=0),
    dataset=common.CIFAR10,
    data_licence=common.CIFAR10_LICENCE,
    description="WGAN-GP's CIFAR-10 ResNet (gan_cifar_resnet.py: 3 up-blocks of 128 maps, critic of 4 blocks of 128), λ = 10, 5 critic steps.",
    paper=PAPER,
    reference=REFERENCE + " (gan_cifar_resnet.py)",
    recipe="recipes/wgangp_cifar10.py",
    fit=dict(batch_size=320, iterations=100_000, optimizer="Adam(2e-4, β1=0, β2=0.9), linear decay to 0 (gan_cifar_resnet.py); 64 images per critic step"),
    status_note=common.CIFAR10_NOT_TRAINED,
))
