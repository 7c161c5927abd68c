"""BigGAN presets."""

from kerasgan.models.biggan.biggan import BigGAN
from kerasgan.zoo import common
from kerasgan.zoo.preset import Preset

PAPER = "Brock, Donahue & Simonyan, Large Scale GAN Training for High Fidelity Natural Image Synthesis, ICLR 2019"
REFERENCE = "ajbrock/BigGAN-PyTorch"

PRESETS = (
    Preset(
        name="biggan_mnist",
        model_class=BigGAN,
        config=dict(
            image_shape=(32, 32, 1),
            latent_dim=128,
            num_classes=10,
            ch=8,
            n_critic=4,
            init="N02",
            ema_decay=0.999,
            ema_start=250,
            seed=0,
        ),
        dataset=common.MNIST_SUBSET + " with its digit labels, padded to 32×32",
        data_licence=common.MNIST_LICENCE,
        description=(
            "Class-conditional BigGAN with the reference's CIFAR architecture (3 G blocks, 4 D blocks, per-class CBN, "
            "projection D, no attention) at ch = 8 (32 maps; the reference's CIFAR run has ch = 64), 10 digit "
            "classes, EMA generator (decay 0.999 from step 250: the run has 1,000 G steps, too short for the "
            "reference's 0.9999 from 1,000)."
        ),
        paper=PAPER,
        reference=REFERENCE + " (launch_cifar_ema.sh settings)",
        recipe="recipes/biggan_mnist.py",
        fit=dict(
            critic_batch_size=50,
            n_critic=4,
            epochs=40,
            optimizer="Adam(2e-4, β=(0, 0.999)) for G and D, orthogonal regularisation 1e-4",
        ),
        metrics_protocol=common.MNIST_PROTOCOL,
    ),
    Preset(
        name="biggan_cifar10",
        model_class=BigGAN,
        config=dict(
            image_shape=(32, 32, 3),
            latent_dim=128,
            num_classes=10,
            ch=64,
            n_critic=4,
            init="N02",
            ema_decay=0.9999,
            ema_start=1000,
            seed=0,
        ),
        dataset=common.CIFAR10 + " with its class labels",
        data_licence=common.CIFAR10_LICENCE,
        description=(
            "Class-conditional BigGAN for CIFAR-10 with the reference's CIFAR config (G_ch = D_ch = 64: 256 maps, 3 G "
            "blocks, 4 D blocks, per-class CBN, no attention, z 128)."
        ),
        paper=PAPER,
        reference=REFERENCE + " (launch_cifar_ema.sh)",
        recipe="recipes/biggan_cifar10.py",
        fit=dict(
            critic_batch_size=50,
            n_critic=4,
            epochs=500,
            optimizer="Adam(2e-4, β=(0, 0.999)) for G and D, EMA 0.9999 from step 1000",
        ),
        metrics_protocol=common.CIFAR10_PROTOCOL,
        status_note=common.CIFAR10_NOT_TRAINED,
    ),
)
