import keras

from kerasgan.core.gan import GAN
from kerasgan.models.egan.evolution import MUTATIONS
from kerasgan.models.egan.evolution import Evolution


@keras.saving.register_keras_serializable(package="kerasgan")
class EGAN(Evolution, GAN):
    """Evolutionary GAN: each generator update trains one child per mutation (a generator loss)
    from the same parent and keeps the fittest.

    Wang, Xu, Yao & Tao, "Evolutionary Generative Adversarial Networks", IEEE Transactions on
    Evolutionary Computation 2019 (arXiv 1803.00657). Reference followed: the authors' PyTorch port
    WANG-Chaoyue/EvolutionaryGAN-pytorch (`models/egan_model.py`, `scripts/train_egan_cifar10.sh`):
    mutations minimax `E log(1 − D(G(z)))`, heuristic `−E log D(G(z))` and least squares
    `E (D(G(z)) − 1)²` on the raw output; fitness `F = F_q + γ·F_d` with `F_q = mean σ(D(G(z)))`
    and `F_d = −log ‖∇_θD L_D‖` on `eval_size` (256) fresh samples and the batch's real images,
    γ = 0.01 (`lambda_f`); the surviving child keeps its optimizer state (`optG_candis`).

    Deviations: one parent (`candi_num` 1, the authors' scripts' setting); the discriminator
    updates come before the evolution in each iteration and draw their own fakes from the
    survivor (the port trains D after, on the survivor's evaluation samples); the real images
    of the fitness are the iteration's batch (at most `eval_size`). Each iteration costs one
    generator update and one fitness evaluation per mutation. Logs `fitness`, its parts
    `fitness_quality` and `fitness_diversity`, and `mutation`: the index in `mutations` of the
    survivor (its mean over an epoch is the average index).

    Args:
        generator, discriminator: networks as for `kerasgan.GAN`.
        mutations: names from `("minimax", "heuristic", "least_squares")`.
        fitness_weight: γ.
        eval_size: samples of each child's fitness.
        **kwargs: `GAN` arguments (the discriminator's loss: `adversarial_loss`, non-saturating
            by default as the port's `vanilla`).

    Example:

    ```python
    g = kerasgan.models.DCGANGenerator(latent_dim=16, image_shape=(28, 28, 1), base_filters=8)
    d = kerasgan.models.DCGANDiscriminator(image_shape=(28, 28, 1), base_filters=8)
    gan = kerasgan.models.EGAN(g, d, eval_size=64)
    ```
    """

    def __init__(self, generator, discriminator, mutations=MUTATIONS, fitness_weight=0.01, eval_size=256, **kwargs):
        super().__init__(generator, discriminator, **kwargs)
        self._check_evolution(mutations, fitness_weight, eval_size)
