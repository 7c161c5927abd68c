"""WGAN-GP presets."""

from kerasgan.models.mimicry_weights import convert_mimicry_generator
from kerasgan.models.wgan_gp.wgangp import WGANGP
from kerasgan.models.wgan_gp.wgangp_resnet_generator import WGANGPResNetGenerator
from kerasgan.zoo import common
from kerasgan.zoo.preset import Preset
from kerasgan.zoo.publisher_weights import PublisherWeights

PAPER = "Gulrajani, Ahmed, Arjovsky, Dumoulin & Courville, Improved Training of Wasserstein GANs, NeurIPS 2017"
REFERENCE = "igul222/improved_wgan_training"

PRESETS = (
    Preset(
        name="wgangp_mnist",
        model_class=WGANGP,
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
            epochs=50,
            optimizer="Adam(1e-4, β1=0.5, β2=0.9) for G and D (gan_mnist.py)",
        ),
        metrics_protocol=common.MNIST_PROTOCOL,
    ),
    Preset(
        name="wgangp_cifar10",
        model_class=WGANGP,
        config=dict(
            generator=(
                WGANGPResNetGenerator,
                dict(latent_dim=128, image_shape=(32, 32, 3), filters=256, upsampling="bilinear"),
            ),
            d_filters=128,
            gp_weight=10.0,
            n_critic=5,
            seed=0,
        ),
        dataset=common.CIFAR10,
        data_licence=common.CIFAR10_LICENCE,
        description=(
            "WGAN-GP's CIFAR-10 ResNet (gan_cifar_resnet.py: 3 up-blocks, critic of 4 blocks of 128 maps), λ = 10, "
            "5 critic steps, with Mimicry's released generator: the authors' network at 256 maps (DIM_G 128 in the "
            "reference) with bilinear upsampling (upsampling='bilinear'). Mimicry releases no critic: the critic is "
            "the authors' network with fresh weights."
        ),
        paper=PAPER,
        reference=REFERENCE + " (gan_cifar_resnet.py); weights: kwotsin/mimicry nets/wgan_gp/wgan_gp_32.py",
        recipe="recipes/wgangp_cifar10.py",
        fit=dict(
            critic_batch_size=64,
            iterations=100_000,
            optimizer="Adam(2e-4, β1=0, β2=0.9), linear decay to 0 (gan_cifar_resnet.py)",
        ),
        metrics_protocol=common.CIFAR10_PROTOCOL,
        publisher_weights=PublisherWeights(
            publisher="Mimicry",
            url="https://drive.google.com/uc?export=download&id=1KL9uDpSZ1Fwzt-4Mke1o88w8ftX01OxR",
            file_name="mimicry_wgangp_32_cifar10_netG.pth",
            converter=convert_mimicry_generator,
            licence=common.MIMICRY_LICENCE,
            reported_metrics={"fid": "22.29 ± 0.06", "is": "7.33 ± 0.02", "kid": "0.0204 ± 0.0004"},
            reported_protocol=common.MIMICRY_PROTOCOL,
            page="https://github.com/kwotsin/mimicry#baselines (WGAN-GP, CIFAR-10 32×32, netG.pth)",
            conversion_check=common.MIMICRY_CONVERSION,
        ),
    ),
)
