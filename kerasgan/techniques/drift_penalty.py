import keras

from kerasgan.losses.drift_penalty import drift_penalty
from kerasgan.techniques.weighted_term import WeightedTerm


@keras.saving.register_keras_serializable(package="kerasgan")
class DriftPenalty(WeightedTerm):
    """ProGAN's drift penalty `weight * mean(D(x)²)` on the real logits, logged as `drift`.

    Karras, Aila, Laine & Lehtinen, "Progressive Growing of GANs", ICLR 2018, Appendix A.1
    (reference: tkarras/progressive_growing_of_gans, `wgan_epsilon = 0.001`): keeps a Wasserstein
    critic's scores of real images near zero (`kerasgan.losses.drift_penalty`).

    Args:
        weight: ε_drift.

    Example:

    ```python
    techniques = [kerasgan.techniques.GradientPenalty(10.0), kerasgan.techniques.DriftPenalty(0.001)]
    ```
    """

    loss_terms = ("drift",)

    def __init__(self, weight=0.001, **kwargs):
        super().__init__(weight, **kwargs)

    def discriminator_terms(self, gan, step):
        return {"drift": drift_penalty(step.real_logits, weight=self.weight)}
