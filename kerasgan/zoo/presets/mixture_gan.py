"""Presets of the plain GAN on the 2-D mixture benchmarks."""

from kerasgan.models.gan.mixture_gan import MixtureGAN
from kerasgan.zoo import common
from kerasgan.zoo.preset import Preset

PAPER = (
    "Goodfellow et al., Generative Adversarial Nets, NeurIPS 2014; benchmark of VEEGAN (NeurIPS 2017) and PacGAN "
    "(NeurIPS 2018)"
)
REFERENCE = "fjxmlzn/PacGAN (synthetic_data_experiments, packing 1)"
FIT = dict(
    critic_batch_size=100, epochs=20, num_examples=100_000, optimizer="Adam(1e-4, β1=0.8) for G and D (PacGAN config)"
)

PRESETS = (
    Preset(
        name="gan_ring8",
        model_class=MixtureGAN,
        dataset="2-D ring of 8 Gaussians (radius 1, σ 0.01), 100,000 points drawn with seed 0",
        data_licence=common.SYNTHETIC_LICENCE,
        description=(
            "Plain GAN with PacGAN's 2-D networks (generator 4×400 BN-ReLU, discriminator 3×200 maxout-5) on the ring "
            "of 8 Gaussians."
        ),
        paper=PAPER,
        reference=REFERENCE,
        recipe="recipes/gan_ring8.py",
        fit=FIT,
        metrics_protocol=common.MIXTURE_PROTOCOL,
    ),
    Preset(
        name="gan_grid25",
        model_class=MixtureGAN,
        dataset="2-D grid of 25 Gaussians (centres {-4, -2, 0, 2, 4}², σ 0.05), 100,000 points drawn with seed 0",
        data_licence=common.SYNTHETIC_LICENCE,
        description=(
            "Plain GAN with PacGAN's 2-D networks (generator 4×400 BN-ReLU, discriminator 3×200 maxout-5) on the grid "
            "of 25 Gaussians."
        ),
        paper=PAPER,
        reference=REFERENCE,
        recipe="recipes/gan_grid25.py",
        fit=FIT,
        metrics_protocol=common.MIXTURE_PROTOCOL,
    ),
)
