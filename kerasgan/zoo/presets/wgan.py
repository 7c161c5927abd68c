"""WGAN (weight clipping) presets: the DCGAN networks with the techniques of the WGAN paper."""

from kerasgan.models.dcgan.dcgan import DCGAN
from kerasgan.zoo import common
from kerasgan.zoo.preset import Preset

PAPER = "Arjovsky, Chintala & Bottou, Wasserstein GAN, ICML 2017"
REFERENCE = "martinarjovsky/WassersteinGAN (main.py, DCGAN networks)"

PRESETS = (
    Preset(
        name="wgan_mnist",
        model_class=DCGAN,
        dataset=common.MNIST_SUBSET,
        data_licence=common.MNIST_LICENCE,
        description=(
            "WGAN with weight clipping, as the authors ran it: dcgan_mnist's networks (generator 7×7×128 → 14 → 28, "
            "critic 64 → 128 maps with BatchNorm, no sigmoid), z ~ N(0, I)^100, the Wasserstein loss, every critic "
            "parameter clamped to ±0.01 before each critic update (WeightClipping), 5 critic updates per generator "
            "update and 100 for the first 25 generator updates and every 500th (CriticSchedule)."
        ),
        paper=PAPER,
        reference=REFERENCE,
        recipe="recipes/wgan_mnist.py",
        fit=dict(
            critic_batch_size=64,
            epochs=125,
            optimizer="RMSprop(5e-5, ρ=0.99, ε=1e-8) for G and D (the reference's torch RMSprop defaults)",
        ),
        metrics_protocol=common.MNIST_PROTOCOL,
    ),
)
