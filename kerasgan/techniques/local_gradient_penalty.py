import keras

from kerasgan.losses.local_gradient_penalty import local_gradient_penalty
from kerasgan.techniques.technique import critic_of
from kerasgan.techniques.technique import non_negative
from kerasgan.techniques.weighted_term import WeightedTerm


@keras.saving.register_keras_serializable(package="kerasgan")
class LocalGradientPenalty(WeightedTerm):
    """Dong & Yang's local gradient penalty, at Gaussian perturbations of the real images, in
    the discriminator's loss, logged as `local_gp`.

    Dong & Yang, "Towards a Deeper Understanding of Adversarial Losses", arXiv 1901.08753
    (reference: salu133445/dan, `local-two-side` / `local-one-side`, defaults from its
    `default_config.yaml`): `weight * mean((‖∇D(x̂)‖ − k)²)`, or `weight * mean(max(0, ‖∇D(x̂)‖ − k))`
    one-sided (not squared, as the reference), at `x̂ = x + c·N(0, I)`
    (`kerasgan.losses.local_gradient_penalty`). The reference penalises its discriminator's label
    input (DANTest); here the image input, as every other penalty. On torch a GAN with it trains
    eagerly (double backprop).

    Args:
        weight: λ (10).
        noise_stddev: c (0.1).
        lipschitz: k (1).
        one_sided: penalise only norms above k.

    Example:

    ```python
    gan = kerasgan.models.DCGAN(image_shape=(28, 28, 1), base_filters=8,
                                techniques=[kerasgan.techniques.LocalGradientPenalty(one_sided=True)])
    ```
    """

    loss_terms = ("local_gp",)
    requires_input_gradients = True

    def __init__(self, weight=10.0, noise_stddev=0.1, lipschitz=1.0, one_sided=False, **kwargs):
        super().__init__(weight, **kwargs)
        if not isinstance(one_sided, bool):
            raise ValueError(f"LocalGradientPenalty expects `one_sided` as True or False; received {one_sided!r}.")
        self.noise_stddev = non_negative(noise_stddev, "noise_stddev", "LocalGradientPenalty")
        self.lipschitz = non_negative(lipschitz, "lipschitz", "LocalGradientPenalty")
        self.one_sided = one_sided

    def discriminator_terms(self, gan, step):
        penalty = local_gradient_penalty(critic_of(gan, step), step.real, seed=gan.seed_generator,
                                         weight=self.weight, noise_stddev=self.noise_stddev,
                                         lipschitz=self.lipschitz, one_sided=self.one_sided)
        return {"local_gp": penalty}

    def get_config(self):
        return {**super().get_config(), "noise_stddev": self.noise_stddev, "lipschitz": self.lipschitz,
                "one_sided": self.one_sided}
