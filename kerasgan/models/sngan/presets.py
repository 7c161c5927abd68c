"""SN-GAN and projection cGAN presets (registered when kerasgan is imported)."""

from kerasgan.models.sngan.sngan import SNGAN
from kerasgan.zoo import common
from kerasgan.zoo.preset import Preset
from kerasgan.zoo.registry import register

PAPER = "Miyato, Kataoka, Koyama & Yoshida, Spectral Normalization for GANs, ICLR 2018"
PROJECTION_PAPER = "Miyato & Koyama, cGANs with Projection Discriminator, ICLR 2018"
REFERENCE = "pfnet-research/sngan_projection"
MNIST_FIT = dict(
    batch_size=320, epochs=40,
    optimizer="Adam(2e-4, β1=0, β2=0.9) for G and D (sn_cifar10.yml), no decay; 64 images per D step, n_dis 5",
)
CIFAR_FIT = dict(
    batch_size=320, iterations=50_000, g_batch_size=128,
    optimizer="Adam(2e-4, β1=0, β2=0.9), linear decay to 0 (sn_cifar10.yml); 64 images per D step, n_dis 5",
)

register(Preset(
    name="sngan_mnist",
    model_class=SNGAN,
    config=dict(image_shape=(32, 32, 1), latent_dim=128, g_filters=32, d_filters=32, seed=0),
    dataset=common.MNIST_SUBSET + ", padded to 32×32 with background",
    data_licence=common.MNIST_LICENCE,
    description="SN-GAN ResNet at 32×32×1 with 32 maps per block (the reference's CIFAR network has 256/128), hinge loss, n_dis 5.",
    paper=PAPER,
    reference=REFERENCE,
    recipe="recipes/sngan_mnist.py",
    fit=MNIST_FIT,
    status_note=common.TRAINED_HERE,
    weights_file="sngan_mnist.weights.h5",
    sha256="2f0b5398d871d3e7ed8add896c2c053868ac926fbece63d06dab7157f01d3310",
    metrics={'fid': 26.01848, 'kid': 0.39497, 'kid_std': 0.02634, 'precision': 0.4426, 'recall': 0.57764},
    metrics_protocol=common.MNIST_PROTOCOL,
    training={'epochs': 40, 'fit_batch_size': 320, 'training_examples': 5000, 'generator_steps': 640, 'seconds': 563.8, 'backend': 'tensorflow', 'machine': 'x86_64, 2 CPU cores'},
))

register(Preset(
    name="sngan_projection_mnist",
    model_class=SNGAN,
    config=dict(image_shape=(32, 32, 1), latent_dim=128, num_classes=10, g_filters=32, d_filters=32, n_critic=1,
                seed=0),
    dataset=common.MNIST_SUBSET + " with its digit labels, padded to 32×32",
    data_licence=common.MNIST_LICENCE,
    description="Class-conditional SN-GAN ResNet (categorical conditional BN in G, projection discriminator) at 32×32×1 with 32 maps per block, 10 digit classes; SN-GAN's setting C (n_dis 1) to fit a CPU budget.",
    paper=PROJECTION_PAPER,
    reference=REFERENCE,
    recipe="recipes/sngan_projection_mnist.py",
    fit=dict(
        batch_size=64, epochs=25,
        optimizer="Adam(2e-4, β1=0.5, β2=0.999), n_dis 1: setting C of the SN-GAN paper's Table 1 (a recorded first run with sn_cifar10.yml's n_dis 5 for 625 G steps did not learn the classes: 13 % class accuracy)",
    ),
    status_note=common.TRAINED_HERE,
    weights_file="sngan_projection_mnist.weights.h5",
    sha256="5e1b9c3d8fbdd1d6ed2f957518b64cac8290dbff13f6d90ab836910a721a670b",
    metrics={'fid': 15.91646, 'kid': 0.21833, 'kid_std': 0.01581, 'precision': 0.5074, 'recall': 0.56843, 'class_accuracy': 0.2996, 'class_accuracy_min': 0.072, 'class_accuracy_per_class': [0.37, 0.754, 0.264, 0.368, 0.072, 0.18, 0.176, 0.178, 0.294, 0.34]},
    metrics_protocol=common.MNIST_PROTOCOL,
    training={'epochs': 25, 'fit_batch_size': 64, 'training_examples': 5000, 'generator_steps': 1975, 'seconds': 481.5, 'backend': 'tensorflow', 'machine': 'x86_64, 2 CPU cores'},
))

register(Preset(
    name="sngan_cifar10",
    model_class=SNGAN,
    config=dict(image_shape=(32, 32, 3), latent_dim=128, g_filters=256, d_filters=128, g_batch_size=128, seed=0),
    dataset=common.CIFAR10,
    data_licence=common.CIFAR10_LICENCE,
    description="SN-GAN ResNet-32 for CIFAR-10 (sn_cifar10.yml: generator 256 maps, discriminator 128), hinge loss, n_dis 5.",
    paper=PAPER,
    reference=REFERENCE + " (configs/sn_cifar10.yml)",
    recipe="recipes/sngan_cifar10.py",
    fit=CIFAR_FIT,
    status_note=common.CIFAR10_NOT_TRAINED,
))

register(Preset(
    name="sngan_projection_cifar10",
    model_class=SNGAN,
    config=dict(image_shape=(32, 32, 3), latent_dim=128, num_classes=10, g_filters=256, d_filters=128, g_batch_size=128, seed=0),
    dataset=common.CIFAR10 + " with its class labels",
    data_licence=common.CIFAR10_LICENCE,
    description="Projection cGAN on the SN-GAN CIFAR ResNet-32 (conditional BN in G, projection D), 10 classes.",
    paper=PROJECTION_PAPER,
    reference=REFERENCE + " (sn_cifar10.yml networks with num_classes=10)",
    recipe="recipes/sngan_projection_cifar10.py",
    fit=CIFAR_FIT,
    status_note=common.CIFAR10_NOT_TRAINED,
))
