"""Presets of the plain GAN on the 2-D mixture benchmarks (registered when kerasgan is imported)."""

from kerasgan.models.gan.mixture_gan import MixtureGAN
from kerasgan.zoo import common
from kerasgan.zoo.preset import Preset
from kerasgan.zoo.registry import register

PAPER = "Goodfellow et al., Generative Adversarial Nets, NeurIPS 2014; benchmark of VEEGAN (NeurIPS 2017) and PacGAN (NeurIPS 2018)"
REFERENCE = "fjxmlzn/PacGAN (synthetic_data_experiments, packing 1)"
FIT = dict(batch_size=100, epochs=20, training_examples=100_000, optimizer="Adam(1e-4, β1=0.8) for G and D (PacGAN config)")

register(Preset(
    name="gan_ring8",
    model_class=MixtureGAN,
    config=dict(data_dim=2, latent_dim=2, seed=0),
    dataset="2-D ring of 8 Gaussians (radius 1, σ 0.01), 100,000 points drawn with seed 0",
    data_licence=common.SYNTHETIC_LICENCE,
    description="Plain GAN with PacGAN's 2-D networks (generator 4×400 BN-ReLU, discriminator 3×200 maxout-5) on the ring of 8 Gaussians.",
    paper=PAPER,
    reference=REFERENCE,
    recipe="recipes/gan_ring8.py",
    fit=FIT,
    status_note=common.TRAINED_HERE,
    weights_file="gan_ring8.weights.h5",
    sha256="c08379646648d0c92e4df702a2be3ffad99b58558ab19e39877053829b8c4475",
    metrics={'modes_covered': 8, 'num_modes': 8, 'high_quality_percent': 91.56, 'reverse_kl': 0.5914, 'modes_covered_mean': 7.8, 'high_quality_percent_mean': 91.7},
    metrics_protocol=common.MIXTURE_PROTOCOL,
    training={'epochs': 20, 'fit_batch_size': 100, 'training_examples': 100000, 'generator_steps': 20000, 'seconds': 443.7, 'backend': 'tensorflow', 'machine': 'x86_64, 2 CPU cores'},
))

register(Preset(
    name="gan_grid25",
    model_class=MixtureGAN,
    config=dict(data_dim=2, latent_dim=2, seed=0),
    dataset="2-D grid of 25 Gaussians (centres {-4, -2, 0, 2, 4}², σ 0.05), 100,000 points drawn with seed 0",
    data_licence=common.SYNTHETIC_LICENCE,
    description="Plain GAN with PacGAN's 2-D networks (generator 4×400 BN-ReLU, discriminator 3×200 maxout-5) on the grid of 25 Gaussians.",
    paper=PAPER,
    reference=REFERENCE,
    recipe="recipes/gan_grid25.py",
    fit=FIT,
    status_note=common.TRAINED_HERE,
    weights_file="gan_grid25.weights.h5",
    sha256="8b9e62867c3c1ec47e0fe0706c5f7c932375825805ba7d7abc444f5ad39d2327",
    metrics={'modes_covered': 22, 'num_modes': 25, 'high_quality_percent': 54.08, 'reverse_kl': 0.6815, 'modes_covered_mean': 21.8, 'high_quality_percent_mean': 54.26},
    metrics_protocol=common.MIXTURE_PROTOCOL,
    training={'epochs': 20, 'fit_batch_size': 100, 'training_examples': 100000, 'generator_steps': 20000, 'seconds': 431.9, 'backend': 'tensorflow', 'machine': 'x86_64, 2 CPU cores'},
))
