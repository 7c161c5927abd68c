"""ProGAN presets."""

from kerasgan.models.progan.openmmlab_weights import DISCRIMINATOR_OPTIONS
from kerasgan.models.progan.openmmlab_weights import GENERATOR_OPTIONS
from kerasgan.models.progan.openmmlab_weights import convert_openmmlab_pggan
from kerasgan.models.progan.progan import ProGAN
from kerasgan.models.progan.progan_discriminator import ProGANDiscriminator
from kerasgan.models.progan.progan_generator import ProGANGenerator
from kerasgan.models.progan.progan_schedule import ProGANSchedule
from kerasgan.zoo import common
from kerasgan.zoo.preset import Preset
from kerasgan.zoo.publisher_weights import PublisherWeights

PAPER = (
    "Karras, Aila, Laine & Lehtinen, Progressive Growing of GANs for Improved Quality, Stability, and Variation, ICLR "
    "2018"
)
REFERENCE = "tkarras/progressive_growing_of_gans"

PRESETS = (
    Preset(
        name="progan_mnist",
        model_class=ProGAN,
        dataset=common.MNIST_SUBSET + ", padded to 32×32 with background",
        data_licence=common.MNIST_LICENCE,
        description=(
            "ProGAN grown 4×4 → 8 → 16 → 32 (30k images per stable phase and per fade-in, full size at 180k, then "
            "32×32 to 450k images in all: the reference shows 600k per phase and 12M in total, 27× more), 32 maps at "
            "every resolution (the reference's CIFAR run has 128), latent 128, EMA generator (0.999, the reference's). "
            "The previous run (15k per phase, 150k in all) shipped FID 44 and class entropy 0.71: its EMA still held "
            "~30 % of the 32×32 layers' initial weights (they train only from their fade-in; 0.999 needs ~5k steps "
            "to forget them); its raw generator scored FID 25.8, entropy 0.93."
        ),
        paper=PAPER,
        reference=REFERENCE,
        recipe="recipes/progan_mnist.py",
        fit=dict(
            critic_batch_size=64,
            epochs=90,
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
            critic_batch_size=64,
            images=20_000_000,
            optimizer="Adam(1e-3, β1=0, β2=0.99, ε=1e-8), WGAN-GP λ 10 + drift 0.001, EMA 0.999",
        ),
        metrics_protocol=common.CIFAR10_PROTOCOL,
        status_note=common.CIFAR10_NOT_TRAINED,
    ),
    Preset(
        name="progan_celebahq1024",
        model_class=ProGAN,
        config=dict(
            generator=(
                ProGANGenerator,
                dict(latent_dim=512, image_shape=(1024, 1024, 3), fmap_base=8192, fmap_max=512, **GENERATOR_OPTIONS),
            ),
            discriminator=(
                ProGANDiscriminator,
                dict(image_shape=(1024, 1024, 3), fmap_base=8192, fmap_max=512, **DISCRIMINATOR_OPTIONS),
            ),
            seed=0,
        ),
        dataset=common.CELEBA_HQ,
        data_licence=common.CELEBA_HQ_LICENCE,
        description=(
            "ProGAN at 1024×1024×3 with the paper's CelebA-HQ network (latent 512, 512 maps up to 64×64 halving to "
            "16 at 1024×1024), fully grown, with OpenMMLab's released generator, EMA generator and discriminator "
            "(12M images on 8 GPUs). OpenMMLab's networks differ from the authors' where kerasgan takes options: "
            "pixel norm x / (√mean x² + ε), ε 1e-5 (1e-6 on z), equalized-LR fan of the up-convs 9·out_channels "
            "(up_conv_fan='out'), no 3×3 conv after the minibatch stddev (final_conv=False); trained on BGR images, "
            "converted to take and make RGB. Sampling uses the EMA generator, clipped to [-1, 1]."
        ),
        paper=PAPER,
        reference=REFERENCE + "; weights: open-mmlab/mmgeneration configs/pggan (pggan_celeba-hq_1024_g8_12Mimg.py)",
        recipe="",
        fit=dict(
            critic_batch_size=64,
            images=12_000_000,
            optimizer=(
                "Adam(β=(0, 0.99)), lr 1e-3 rising to 3e-3 at 512 and 1024; WGAN-GP λ 10 + drift 0.0005 on real and "
                "fake scores; EMA 0.999; 600k images at 4×4, 1.2M per resolution to 512, 12M at 1024, fade-ins of "
                "600k (OpenMMLab's run; no kerasgan recipe: CelebA-HQ at 1024×1024 is out of this repository's reach)"
            ),
        ),
        metrics_protocol=common.CELEBA_FID_PROTOCOL,
        publisher_weights=PublisherWeights(
            publisher="OpenMMLab",
            url="https://download.openmmlab.com/mmgen/pggan/pggan_celeba-hq_1024_g8_20210408_181911-f1ef51c3.pth",
            file_name="pggan_celeba-hq_1024_g8_20210408_181911-f1ef51c3.pth",
            converter=convert_openmmlab_pggan,
            licence=common.OPENMMLAB_LICENCE,
            reported_metrics={"ms_ssim": 0.3379, "swd": "8.93, 3.98, 3.07, 2.64 / 4.655"},
            reported_protocol=common.OPENMMLAB_MS_SSIM_PROTOCOL,
            page="https://github.com/open-mmlab/mmgeneration/tree/master/configs/pggan",
            conversion_check=common.conversion_check(
                "OpenMMLab", "mmgeneration ccd1f56",
                "generator and EMA generator max |Δ| ≤ 8.9e-6 of the output range (also mid-fade), discriminator "
                "≤ 1.1e-5",
            ),
        ),
    ),
)
