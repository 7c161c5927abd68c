"""DCGAN presets."""

from kerasgan.models.dcgan.dcgan import DCGAN
from kerasgan.models.dcgan.dcgan_discriminator import DCGANDiscriminator
from kerasgan.models.dcgan.dcgan_generator import DCGANGenerator
from kerasgan.models.dcgan.openmmlab_weights import DISCRIMINATOR_OPTIONS
from kerasgan.models.dcgan.openmmlab_weights import GENERATOR_OPTIONS
from kerasgan.models.dcgan.openmmlab_weights import convert_openmmlab_dcgan
from kerasgan.zoo import common
from kerasgan.zoo.preset import Preset
from kerasgan.zoo.publisher_weights import PublisherWeights

PAPER = "Radford, Metz & Chintala, Unsupervised Representation Learning with Deep Convolutional GANs, ICLR 2016"
REFERENCE = "Newmu/dcgan_code"

PRESETS = (
    Preset(
        name="dcgan_mnist",
        model_class=DCGAN,
        dataset=common.MNIST_SUBSET,
        data_licence=common.MNIST_LICENCE,
        description="DCGAN at 28×28×1 (generator 7×7×128 → 14 → 28, discriminator 64 → 128 maps), z ~ U[-1, 1]^100.",
        paper=PAPER,
        reference=REFERENCE,
        recipe="recipes/dcgan_mnist.py",
        fit=dict(critic_batch_size=64, epochs=30, optimizer="Adam(2e-4, β1=0.5) for G and D (the paper's)"),
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
        fit=dict(critic_batch_size=128, epochs=25, optimizer="Adam(2e-4, β1=0.5) for G and D (the paper's)"),
        metrics_protocol=common.CIFAR10_PROTOCOL,
        status_note=common.CIFAR10_NOT_TRAINED,
    ),
    Preset(
        name="dcgan_celeba64",
        model_class=DCGAN,
        config=dict(
            generator=(
                DCGANGenerator,
                dict(latent_dim=100, image_shape=(64, 64, 3), base_filters=128, **GENERATOR_OPTIONS),
            ),
            discriminator=(
                DCGANDiscriminator,
                dict(image_shape=(64, 64, 3), base_filters=128, **DISCRIMINATOR_OPTIONS),
            ),
            latent_distribution="normal",
            seed=0,
        ),
        dataset=common.CELEBA_CROPPED,
        data_licence=common.CELEBA_LICENCE,
        description=(
            "DCGAN at 64×64×3 with the paper's widths (generator 4×4×1024 → 512 → 256 → 128 → 64×64×3, "
            "discriminator 128 → 256 → 512 → 1024 → logit), with OpenMMLab's released generator and discriminator "
            "(300k iterations, batch 128): the PyTorch port's 4×4 kernels (kernel_size=4), a per-map BatchNorm after "
            "the projection of z (projection_norm='channel'), biases where no BatchNorm follows (use_bias=True), "
            "LeakyReLU 0.01 (leaky_relu_slope=0.01) and z ~ N(0, I); trained on BGR images, converted to take and "
            "make RGB."
        ),
        paper=PAPER,
        reference=REFERENCE
        + "; weights: open-mmlab/mmgeneration configs/dcgan (dcgan_celeba-cropped_64_b128x1_300k.py)",
        recipe="",
        fit=dict(
            critic_batch_size=128,
            iterations=300_000,
            optimizer="Adam(2e-4, β=(0.5, 0.999)) for G and D, non-saturating loss, one D step per G step (OpenMMLab's "
            "run; no kerasgan recipe: CelebA is out of this repository's reach)",
        ),
        metrics_protocol=common.CELEBA_FID_PROTOCOL,
        publisher_weights=PublisherWeights(
            publisher="OpenMMLab",
            url="https://download.openmmlab.com/mmgen/dcgan/"
            "dcgan_celeba-cropped_64_b128x1_300kiter_20210408_161607-1f8a2277.pth",
            file_name="dcgan_celeba-cropped_64_b128x1_300kiter_20210408_161607-1f8a2277.pth",
            converter=convert_openmmlab_dcgan,
            licence=common.OPENMMLAB_LICENCE,
            reported_metrics={"ms_ssim": 0.2899, "swd": "8.93, 10.53, 50.32 / 23.26"},
            reported_protocol=common.OPENMMLAB_MS_SSIM_PROTOCOL,
            page="https://github.com/open-mmlab/mmgeneration/tree/master/configs/dcgan",
            conversion_check=common.conversion_check(
                "OpenMMLab", "mmgeneration ccd1f56",
                "generator max |Δ| ≤ 7.2e-7 of the output range, discriminator ≤ 1.5e-6 of the logits' range",
            ),
        ),
    ),
)
