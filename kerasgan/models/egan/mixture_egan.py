import keras

from kerasgan.models.egan.evolution import MUTATIONS
from kerasgan.models.egan.evolution import Evolution
from kerasgan.models.gan.mixture_gan import MixtureGAN


@keras.saving.register_keras_serializable(package="kerasgan")
class MixtureEGAN(Evolution, MixtureGAN):
    """`kerasgan.models.EGAN`'s evolution on `MixtureGAN`'s 2-D networks and recipe: the ring-8 and
    grid-25 mode-collapse benchmarks with the same MLPs, loss and optimizers as `gan_ring8` /
    `gan_grid25`, so that the evolution is the only change (Wang et al.'s toy experiments:
    WANG-Chaoyue/EvolutionaryGAN `toys/`). See `EGAN` for the method and the deviations.

    Args:
        mutations, fitness_weight, eval_size: as `EGAN`.
        **kwargs: `MixtureGAN` arguments.

    Example:

    ```python
    from kerasgan.data import ring_of_gaussians, sample_mixture
    gan = kerasgan.models.MixtureEGAN(seed=0)
    gan.compile()
    gan.fit(sample_mixture(ring_of_gaussians(), 1000, seed=0), batch_size=100, epochs=1)
    ```
    """

    def __init__(self, generator=None, discriminator=None, mutations=MUTATIONS, fitness_weight=0.01, eval_size=256,
                 **kwargs):
        super().__init__(generator, discriminator, **kwargs)
        self._check_evolution(mutations, fitness_weight, eval_size)
