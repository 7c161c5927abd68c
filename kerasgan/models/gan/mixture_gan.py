import keras

from kerasgan.core.gan import GAN
from kerasgan.models.gan.mlp_discriminator import MLPDiscriminator
from kerasgan.models.gan.mlp_generator import MLPGenerator


@keras.saving.register_keras_serializable(package="kerasgan")
class MixtureGAN(GAN):
    """The original GAN on low-dimensional data: the 2-D ring/grid mode-collapse benchmarks.

    Goodfellow et al., "Generative Adversarial Nets", NeurIPS 2014, in the experimental setup
    of VEEGAN (Srivastava et al., NeurIPS 2017) and PacGAN (Lin et al., NeurIPS 2018).

    Reference followed: fjxmlzn/PacGAN `synthetic_data_experiments/2DRing_GAN&PacGAN` and
    `2DGrid_GAN&PacGAN` (packing 1, i.e. the unpacked GAN baseline): `MLPGenerator` (4 × 400,
    BatchNorm, ReLU; z ~ N(0, I_2)), `MLPDiscriminator` (3 × maxout 200 × 5 pieces), the
    non-saturating loss, one D step per G step, Adam(1e-4, β1=0.8) for both, batch 100.
    Deviation: Keras's Adam ε (1e-7) instead of Blocks' 1e-8.

    Args:
        generator, discriminator: networks; the reference MLPs when omitted.
        data_dim, latent_dim: the default networks' sizes.
        **kwargs: `GAN` arguments.

    Example:

    ```python
    from kerasgan.data import ring_of_gaussians, sample_mixture
    gan = kerasgan.models.MixtureGAN(seed=0)
    gan.compile()
    gan.fit(sample_mixture(ring_of_gaussians(), 1000, seed=0), batch_size=100, epochs=1)
    points = gan.generate(2500, seed=0)  # (2500, 2)
    ```
    """

    data_range = None  # points of the plane, not images

    def __init__(self, generator=None, discriminator=None, data_dim=2, latent_dim=2, **kwargs):
        generator = generator or MLPGenerator(latent_dim, data_dim)
        discriminator = discriminator or MLPDiscriminator(data_dim)
        super().__init__(generator, discriminator, **kwargs)

    def default_optimizers(self):
        return (keras.optimizers.Adam(1e-4, beta_1=0.8), keras.optimizers.Adam(1e-4, beta_1=0.8))
