"""HGAN presets."""

from kerasgan.models.hgan.hgan import HGAN
from kerasgan.zoo import common
from kerasgan.zoo.preset import Preset

PRESETS = (
    Preset(
        name="hgan_mnist",
        model_class=HGAN,
        dataset=common.MNIST_SUBSET,
        data_licence=common.MNIST_LICENCE,
        description=(
            "HGAN at 28×28×1 as we construct it from the paper's abstract (see the HGAN docstring): the student and "
            "first discriminator are dcgan_mnist's networks (generator 7×7×128 → 14 → 28, discriminator 64 → 128 maps, "
            "z ~ U[-1, 1]^100); the teacher is a PixelCNN (7×7 mask-A layer, 3 residual blocks of 32 maps, 256-way "
            "softmax per pixel), pretrained by maximum likelihood for 5 epochs and then trained jointly; a second "
            "DCGAN "
            "discriminator separates 1,024 exact teacher samples (redrawn every 10 epochs) from the student's; the "
            "student minimises L_G(D) + 0.1·L_G(D_teacher) (a first run with weight 1, the plain sum, diverged: both "
            "discriminators won, d_loss 0.03 and g_loss 10 by epoch 15, as the second one separates the PixelCNN's "
            "speckled samples from the student's with ease). Same data, batch and 30 epochs as dcgan_mnist, its "
            "baseline."
        ),
        paper=(
            "Iranmanesh & Nasrabadi, HGAN: Hybrid generative adversarial network, Journal of Intelligent & Fuzzy "
            "Systems 40(5), 2021 (arXiv:2102.03710)"
        ),
        reference=(
            "none public; the construction is ours from the paper's abstract (PixelCNN: van den Oord et al., ICML "
            "2016)"
        ),
        recipe="recipes/hgan_mnist.py",
        fit=dict(
            critic_batch_size=64,
            epochs=30,
            pretrain_epochs=5,
            optimizer="Adam(2e-4, β1=0.5) for the student and both discriminators, Adam(1e-3) for the teacher",
        ),
        metrics_protocol=(
            common.MNIST_PROTOCOL + " bits_per_dim: the teacher's negative log-likelihood on those 9,331 "
            "held-out test images, in bits per pixel (256 levels; 8 = uniform)."
        ),
        baselines=("dcgan_mnist",),
    ),
)
