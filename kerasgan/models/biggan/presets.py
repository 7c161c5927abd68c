"""BigGAN presets (registered when kerasgan is imported)."""

from kerasgan.models.biggan.biggan import BigGAN
from kerasgan.zoo import common
from kerasgan.zoo.preset import Preset
from kerasgan.zoo.registry import register

PAPER = "Brock, Donahue & Simonyan, Large Scale GAN Training for High Fidelity Natural Image Synthesis, ICLR 2019"
REFERENCE = "ajbrock/BigGAN-PyTorch"

register(Preset(
    name="biggan_mnist",
    model_class=BigGAN,
    config=dict(image_shape=(32, 32, 1), latent_dim=128, num_classes=10, ch=8, n_critic=4, init="N02",
                ema_decay=0.999, ema_start=250, seed=0),
    dataset=common.MNIST_SUBSET + " with its digit labels, padded to 32×32",
    data_licence=common.MNIST_LICENCE,
    description="Class-conditional BigGAN with the reference's CIFAR architecture (3 G blocks, 4 D blocks, per-class CBN, projection D, no attention) at ch = 8 (32 maps; the reference's CIFAR run has ch = 64), 10 digit classes, EMA generator (decay 0.999 from step 250: the run has 1,000 G steps, too short for the reference's 0.9999 from 1,000).",
    paper=PAPER,
    reference=REFERENCE + " (launch_cifar_ema.sh settings)",
    recipe="recipes/biggan_mnist.py",
    fit=dict(batch_size=200, epochs=40, optimizer="Adam(2e-4, β=(0, 0.999)) for G and D, 4 D steps of 50 images per G step, orthogonal regularisation 1e-4"),
    status_note=common.TRAINED_HERE,
    weights_file="biggan_mnist.weights.h5",
    sha256="c77bd9f09b8023c1fe83a69d328fe9587fc3390778ce9f14bb7c2fa1fcdebb5f",
    metrics={'fid': 16.08468, 'kid': 0.2391, 'kid_std': 0.01572, 'precision': 0.545, 'recall': 0.5321, 'class_accuracy': 0.4544, 'class_accuracy_min': 0.198, 'class_accuracy_per_class': [0.396, 0.882, 0.334, 0.686, 0.324, 0.198, 0.334, 0.48, 0.382, 0.528]},
    metrics_protocol=common.MNIST_PROTOCOL,
    training={'epochs': 40, 'fit_batch_size': 200, 'training_examples': 5000, 'generator_steps': 1000, 'seconds': 453.3, 'backend': 'tensorflow', 'machine': 'x86_64, 2 CPU cores'},
))

register(Preset(
    name="biggan_cifar10",
    model_class=BigGAN,
    config=dict(image_shape=(32, 32, 3), latent_dim=128, num_classes=10, ch=64, n_critic=4, init="N02",
                ema_decay=0.9999, ema_start=1000, seed=0),
    dataset=common.CIFAR10 + " with its class labels",
    data_licence=common.CIFAR10_LICENCE,
    description="Class-conditional BigGAN for CIFAR-10 with the reference's CIFAR config (G_ch = D_ch = 64: 256 maps, 3 G blocks, 4 D blocks, per-class CBN, no attention, z 128).",
    paper=PAPER,
    reference=REFERENCE + " (launch_cifar_ema.sh)",
    recipe="recipes/biggan_cifar10.py",
    fit=dict(batch_size=200, epochs=500, optimizer="Adam(2e-4, β=(0, 0.999)) for G and D, 4 D steps of 50 images per G step, EMA 0.9999 from step 1000"),
    status_note=common.CIFAR10_NOT_TRAINED,
))
