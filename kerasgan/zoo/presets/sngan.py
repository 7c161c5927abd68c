"""SN-GAN and projection cGAN presets."""

from kerasgan.models.sngan.sngan import SNGAN
from kerasgan.zoo import common
from kerasgan.zoo.preset import Preset

PAPER = "Miyato, Kataoka, Koyama & Yoshida, Spectral Normalization for GANs, ICLR 2018"
PROJECTION_PAPER = "Miyato & Koyama, cGANs with Projection Discriminator, ICLR 2018"
REFERENCE = "pfnet-research/sngan_projection"
MNIST_FIT = dict(
    critic_batch_size=64,
    n_critic=5,
    epochs=40,
    optimizer="Adam(2e-4, β1=0, β2=0.9) for G and D (sn_cifar10.yml), no decay",
)
CIFAR_FIT = dict(
    critic_batch_size=64,
    n_critic=5,
    iterations=50_000,
    g_batch_size=128,
    optimizer="Adam(2e-4, β1=0, β2=0.9), linear decay to 0 (sn_cifar10.yml)",
)

PRESETS = (
    Preset(
        name="sngan_mnist",
        model_class=SNGAN,
        config=dict(image_shape=(32, 32, 1), latent_dim=128, g_filters=32, d_filters=32, seed=0),
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
        config=dict(
            image_shape=(32, 32, 1), latent_dim=128, num_classes=10, g_filters=32, d_filters=32, n_critic=1, seed=0
        ),
        dataset=common.MNIST_SUBSET + " with its digit labels, padded to 32×32",
        data_licence=common.MNIST_LICENCE,
        description=(
            "Class-conditional SN-GAN ResNet (categorical conditional BN in G, projection discriminator) at 32×32×1 "
            "with 32 maps per block, 10 digit classes; SN-GAN's setting C (n_dis 1) to fit a CPU budget."
        ),
        paper=PROJECTION_PAPER,
        reference=REFERENCE,
        recipe="recipes/sngan_projection_mnist.py",
        fit=dict(
            batch_size=64,
            epochs=25,
            optimizer=(
                "Adam(2e-4, β1=0.5, β2=0.999), n_dis 1: setting C of the SN-GAN paper's Table 1 (a recorded first run "
                "with sn_cifar10.yml's n_dis 5 for 625 G steps did not learn the classes: 13 % class accuracy)"
            ),
        ),
        metrics_protocol=common.MNIST_PROTOCOL,
    ),
    Preset(
        name="sngan_cifar10",
        model_class=SNGAN,
        config=dict(image_shape=(32, 32, 3), latent_dim=128, g_filters=256, d_filters=128, g_batch_size=128, seed=0),
        dataset=common.CIFAR10,
        data_licence=common.CIFAR10_LICENCE,
        description=(
            "SN-GAN ResNet-32 for CIFAR-10 (sn_cifar10.yml: generator 256 maps, discriminator 128), hinge loss, n_dis "
            "5."
        ),
        paper=PAPER,
        reference=REFERENCE + " (configs/sn_cifar10.yml)",
        recipe="recipes/sngan_cifar10.py",
        fit=CIFAR_FIT,
        metrics_protocol=common.CIFAR10_PROTOCOL,
        status_note=common.CIFAR10_NOT_TRAINED,
    ),
    Preset(
        name="sngan_projection_cifar10",
        model_class=SNGAN,
        config=dict(
            image_shape=(32, 32, 3),
            latent_dim=128,
            num_classes=10,
            g_filters=256,
            d_filters=128,
            g_batch_size=128,
            seed=0,
        ),
        dataset=common.CIFAR10 + " with its class labels",
        data_licence=common.CIFAR10_LICENCE,
        description="Projection cGAN on the SN-GAN CIFAR ResNet-32 (conditional BN in G, projection D), 10 classes.",
        paper=PROJECTION_PAPER,
        reference=REFERENCE + " (sn_cifar10.yml networks with num_classes=10)",
        recipe="recipes/sngan_projection_cifar10.py",
        fit=CIFAR_FIT,
        metrics_protocol=common.CIFAR10_PROTOCOL,
        status_note=common.CIFAR10_NOT_TRAINED,
    ),
)
