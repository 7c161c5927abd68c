"""SN-GAN and projection cGAN presets."""

from kerasgan.models.mimicry_weights import convert_mimicry_generator
from kerasgan.models.sngan.openmmlab_weights import convert_openmmlab_sngan_projection
from kerasgan.models.sngan.sngan import SNGAN
from kerasgan.models.sngan.sngan_resnet_discriminator import SNGANResNetDiscriminator
from kerasgan.models.sngan.sngan_resnet_generator import SNGANResNetGenerator
from kerasgan.zoo import common
from kerasgan.zoo.preset import Preset
from kerasgan.zoo.publisher_weights import PublisherWeights

PAPER = "Miyato, Kataoka, Koyama & Yoshida, Spectral Normalization for GANs, ICLR 2018"
PROJECTION_PAPER = "Miyato & Koyama, cGANs with Projection Discriminator, ICLR 2018"
REFERENCE = "pfnet-research/sngan_projection"
# The publishers' variants of the CIFAR-10 ResNet-32 (see the networks' docstrings).
MIMICRY_GENERATOR = dict(latent_dim=128, image_shape=(32, 32, 3), filters=256, upsampling="bilinear", bn_epsilon=1e-5)
OPENMMLAB_GENERATOR = dict(latent_dim=128, image_shape=(32, 32, 3), filters=256, num_classes=10, bn_epsilon=1e-4)
OPENMMLAB_DISCRIMINATOR = dict(image_shape=(32, 32, 3), filters=128, num_classes=10, final_bias=True,
                               sn_inference="stored")
MNIST_FIT = dict(
    critic_batch_size=64,
    epochs=40,
    optimizer="Adam(2e-4, β1=0, β2=0.9) for G and D (sn_cifar10.yml), no decay",
)
CIFAR_FIT = dict(
    critic_batch_size=64,
    iterations=50_000,
    g_batch_size=128,
    optimizer="Adam(2e-4, β1=0, β2=0.9), linear decay to 0 (sn_cifar10.yml)",
)

PRESETS = (
    Preset(
        name="sngan_mnist",
        model_class=SNGAN,
        dataset=common.MNIST_SUBSET + ", padded to 32×32 with background",
        data_licence=common.MNIST_LICENCE,
        description=(
            "SN-GAN ResNet at 32×32×1 with 32 maps per block (the reference's CIFAR network has 256/128), hinge loss, "
            "n_dis 5."
        ),
        paper=PAPER,
        reference=REFERENCE,
        recipe="recipes/sngan_mnist.py",
        fit=MNIST_FIT,
        metrics_protocol=common.MNIST_PROTOCOL,
    ),
    Preset(
        name="sngan_projection_mnist",
        model_class=SNGAN,
        dataset=common.MNIST_SUBSET + " with its digit labels, padded to 32×32",
        data_licence=common.MNIST_LICENCE,
        description=(
            "Class-conditional SN-GAN ResNet (categorical conditional BN in G, projection discriminator) at 32×32×1 "
            "with 32 maps per block, 10 digit classes, hinge loss, n_dis 4, EMA generator (0.99 from G step 250). "
            "The generator learns at 1e-3, five times the discriminator's rate: at the discriminator's rate (the "
            "earlier weights, Adam 2e-4 for both) its class-conditional BN tables learnt the classes too slowly and "
            "it drew the asked-for digit 30 % of the time; with 1e-3 the class accuracy rose from 35 % at G step 500 "
            "to 90 % at 750 and 99 % at 875. The tables are plain, as the reference's (no spectral norm)."
        ),
        paper=PROJECTION_PAPER,
        reference=REFERENCE,
        recipe="recipes/sngan_projection_mnist.py",
        fit=dict(
            critic_batch_size=50,
            epochs=40,
            optimizer=(
                "G Adam(1e-3, β1=0, β2=0.999), D Adam(2e-4, β1=0, β2=0.999), no decay (β1 0 as sn_cifar10.yml; G's "
                "rate raised so its class tables learn within 1,000 G steps)"
            ),
        ),
        metrics_protocol=common.MNIST_PROTOCOL,
    ),
    Preset(
        name="sngan_cifar10",
        model_class=SNGAN,
        config=dict(
            generator=(SNGANResNetGenerator, MIMICRY_GENERATOR),
            d_filters=128,
            g_batch_size=128,
            seed=0,
        ),
        dataset=common.CIFAR10,
        data_licence=common.CIFAR10_LICENCE,
        description=(
            "SN-GAN ResNet-32 for CIFAR-10 (sn_cifar10.yml widths: generator 256 maps, discriminator 128), hinge "
            "loss, n_dis 5, with Mimicry's released generator: the authors' network with bilinear upsampling and "
            "BatchNorm ε 1e-5 (upsampling='bilinear', bn_epsilon=1e-5). Mimicry releases no discriminator: the "
            "discriminator is the authors' network with fresh weights."
        ),
        paper=PAPER,
        reference=REFERENCE + " (configs/sn_cifar10.yml); weights: kwotsin/mimicry nets/sngan/sngan_32.py",
        recipe="recipes/sngan_cifar10.py",
        fit=CIFAR_FIT,
        metrics_protocol=common.CIFAR10_PROTOCOL,
        publisher_weights=PublisherWeights(
            publisher="Mimicry",
            url="https://drive.google.com/uc?export=download&id=16TxezS7VBTiuPdQdjDUM0-_rHXqyPrvr",
            file_name="mimicry_sngan_32_cifar10_netG.pth",
            converter=convert_mimicry_generator,
            licence=common.MIMICRY_LICENCE,
            reported_metrics={"fid": "16.77 ± 0.04", "is": "7.97 ± 0.06", "kid": "0.0125 ± 0.0001"},
            reported_protocol=common.MIMICRY_PROTOCOL,
            page="https://github.com/kwotsin/mimicry#baselines (SNGAN, CIFAR-10 32×32, netG.pth)",
            conversion_check=common.MIMICRY_CONVERSION,
        ),
    ),
    Preset(
        name="sngan_projection_cifar10",
        model_class=SNGAN,
        config=dict(
            generator=(SNGANResNetGenerator, OPENMMLAB_GENERATOR),
            discriminator=(SNGANResNetDiscriminator, OPENMMLAB_DISCRIMINATOR),
            g_batch_size=128,
            seed=0,
        ),
        dataset=common.CIFAR10 + " with its class labels",
        data_licence=common.CIFAR10_LICENCE,
        description=(
            "Projection cGAN on the SN-GAN CIFAR ResNet-32 (conditional BN in G, projection D; 256/128 maps), 10 "
            "classes, with OpenMMLab's released generator and discriminator (490k iterations, n_dis 5, Adam 2e-4, "
            "batch 64): the authors' networks with BatchNorm ε 1e-4 (bn_epsilon=1e-4), a conditional-BN gain of "
            "1 + embedding (converted into the per-class gain table), a bias on the discriminator's last linear layer "
            "(final_bias=True) and torch's spectral norm (sn_inference='stored'); trained on BGR images, converted "
            "to take and make RGB."
        ),
        paper=PROJECTION_PAPER,
        reference=REFERENCE + " (sn_cifar10.yml networks with num_classes=10); weights: open-mmlab/mmgeneration "
        "configs/sngan_proj",
        recipe="recipes/sngan_projection_cifar10.py",
        fit=CIFAR_FIT,
        metrics_protocol=common.CIFAR10_PROTOCOL,
        publisher_weights=PublisherWeights(
            publisher="OpenMMLab",
            url="https://download.openmmlab.com/mmgen/sngan_proj/"
            "sngan_proj_cifar10_32_lr-2e-4_b64x1_woReLUinplace_fid-iter490000_20210709_163329-ba0862a0.pth",
            file_name="sngan_proj_cifar10_32_lr-2e-4_b64x1_woReLUinplace_fid-iter490000_20210709_163329-ba0862a0.pth",
            converter=convert_openmmlab_sngan_projection,
            licence=common.OPENMMLAB_LICENCE,
            reported_metrics={"fid": 8.1158, "is": 9.5659},
            reported_protocol=common.OPENMMLAB_PROTOCOL + " (best-FID checkpoint, iteration 490,000 of 500,000)",
            page="https://github.com/open-mmlab/mmgeneration/tree/master/configs/sngan_proj",
            conversion_check=common.conversion_check(
                "OpenMMLab", "mmgeneration ccd1f56", "generator max |Δ| ≤ 6.2e-7 of the output range, discriminator "
                "≤ 6.7e-6 on logits of magnitude 23"
            ),
        ),
    ),
)
