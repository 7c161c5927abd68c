import keras

from kerasgan.losses.r1_penalty import r1_penalty
from kerasgan.techniques.weighted_term import WeightedTerm


@keras.saving.register_keras_serializable(package="kerasgan")
class R2Penalty(WeightedTerm):
    """The zero-centred R2 gradient penalty on generated images, in the discriminator's loss,
    logged as `r2`.

    Mescheder, Geiger & Nowozin, "Which Training Methods for GANs do actually Converge?", ICML 2018
    (reference: LMescheder/GAN_stability, `reg_type="fake"`): R1's `weight / 2 *
    mean(‖∇D(x)‖²)` over the fake batch as the discriminator receives it instead of the real one;
    one of the regularisers of Dong & Yang's adversarial-loss study (salu133445/dan). On torch a
    GAN with it trains eagerly (double backprop).

    Args:
        weight: γ (10, as R1's).

    Example:

    ```python
    gan = kerasgan.models.DCGAN(image_shape=(28, 28, 1), base_filters=8,
                                techniques=[kerasgan.techniques.R2Penalty(10.0)])
    ```
    """

    loss_terms = ("r2",)
    requires_input_gradients = True

    def __init__(self, weight=10.0, **kwargs):
        super().__init__(weight, **kwargs)

    def discriminator_terms(self, gan, step):
        def critic(images):  # the fakes with their own labels
            return gan.discriminate(images, step.fake_labels, training=True)

        return {"r2": r1_penalty(critic, step.fake, weight=self.weight)}
