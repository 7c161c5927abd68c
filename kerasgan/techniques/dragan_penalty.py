import keras

from kerasgan.losses.dragan_penalty import dragan_penalty
from kerasgan.techniques.technique import critic_of
from kerasgan.techniques.technique import non_negative
from kerasgan.techniques.weighted_term import WeightedTerm


@keras.saving.register_keras_serializable(package="kerasgan")
class DRAGANPenalty(WeightedTerm):
    """DRAGAN's gradient penalty around the real data, in the discriminator's loss, logged as `dragan`.

    Kodali, Abernethy, Hays & Kira, "On Convergence and Stability of GANs", 2017 (reference:
    kodalinaveen3/DRAGAN): `weight * mean((‖∇D(x̂)‖₂ − 1)²)` on `x̂ = x + α·C·std(x)·u`,
    u ~ U[0, 1) per element, α ~ U[0, 1) per sample, from the GAN's seed generator
    (`kerasgan.losses.dragan_penalty`). On torch a GAN with it trains eagerly (double backprop).

    Args:
        weight: λ (10 in the reference).
        perturbation: C, the noise scale in units of the batch's standard deviation (0.5).

    Example:

    ```python
    gan = kerasgan.models.DCGAN(image_shape=(28, 28, 1), base_filters=8,
                                techniques=[kerasgan.techniques.DRAGANPenalty()])
    ```
    """

    loss_terms = ("dragan",)
    requires_input_gradients = True

    def __init__(self, weight=10.0, perturbation=0.5, **kwargs):
        super().__init__(weight, **kwargs)
        self.perturbation = non_negative(perturbation, "perturbation", "DRAGANPenalty")

    def discriminator_terms(self, gan, step):
        penalty = dragan_penalty(critic_of(gan, step), step.real, seed=gan.seed_generator, weight=self.weight,
                                 perturbation=self.perturbation)
        return {"dragan": penalty}

    def get_config(self):
        return {**super().get_config(), "perturbation": self.perturbation}
