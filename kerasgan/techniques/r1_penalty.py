import keras

from kerasgan.losses.r1_penalty import r1_penalty
from kerasgan.techniques.technique import critic_of
from kerasgan.techniques.weighted_term import WeightedTerm


@keras.saving.register_keras_serializable(package="kerasgan")
class R1Penalty(WeightedTerm):
    """The zero-centred R1 gradient penalty on real images, in the discriminator's loss, logged as `r1`.

    Mescheder, Geiger & Nowozin, "Which Training Methods for GANs do actually Converge?", ICML 2018
    (reference: LMescheder/GAN_stability): `weight / 2 * mean(‖∇D(x)‖²)` over the real batch
    as the discriminator receives it (`kerasgan.losses.r1_penalty`). On torch a GAN with it trains
    eagerly (double backprop).

    Args:
        weight: γ (10 in the paper's reference configurations).

    Example:

    ```python
    gan = kerasgan.models.DCGAN(image_shape=(28, 28, 1), base_filters=8,
                                techniques=[kerasgan.techniques.R1Penalty(10.0)])
    ```
    """

    loss_terms = ("r1",)
    requires_input_gradients = True

    def __init__(self, weight=10.0, **kwargs):
        super().__init__(weight, **kwargs)

    def discriminator_terms(self, gan, step):
        return {"r1": r1_penalty(critic_of(gan, step), step.real, weight=self.weight)}
