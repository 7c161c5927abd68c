import keras

from kerasgan.losses.gradient_penalty import gradient_penalty
from kerasgan.techniques.technique import critic_of
from kerasgan.techniques.weighted_term import WeightedTerm


@keras.saving.register_keras_serializable(package="kerasgan")
class GradientPenalty(WeightedTerm):
    """WGAN-GP's two-sided gradient penalty in the discriminator's loss, logged as `gp`.

    Gulrajani et al., "Improved Training of Wasserstein GANs", NeurIPS 2017 (reference:
    igul222/improved_wgan_training): `weight * mean((‖∇D(x̂)‖₂ − 1)²)` on interpolates
    `x̂ = εx + (1 − ε)G(z)`, ε ~ U[0, 1] per sample from the GAN's seed generator, the
    discriminator called with the real labels (`kerasgan.losses.gradient_penalty`). `WGANGP` and
    `ProGAN` use it; on torch a GAN with it trains eagerly (double backprop). `one_sided=True`
    penalises only norms above 1, `weight * mean(max(0, ‖∇D(x̂)‖₂ − 1)²)` (the paper's appendix;
    Dong & Yang's code, salu133445/dan, leaves its one-side penalty unsquared).

    Args:
        weight: λ (10 in the paper).
        one_sided: penalise only gradient norms above 1.

    Example:

    ```python
    gan = kerasgan.models.SNGAN(image_shape=(32, 32, 3), g_filters=8, d_filters=8,
                                techniques=[kerasgan.techniques.GradientPenalty(10.0)])
    ```
    """

    loss_terms = ("gp",)
    requires_input_gradients = True

    def __init__(self, weight=10.0, one_sided=False, **kwargs):
        super().__init__(weight, **kwargs)
        if not isinstance(one_sided, bool):
            raise ValueError(f"GradientPenalty expects `one_sided` as True or False; received {one_sided!r}.")
        self.one_sided = one_sided

    def discriminator_terms(self, gan, step):
        return {"gp": gradient_penalty(critic_of(gan, step), step.real, step.fake, seed=gan.seed_generator,
                                       weight=self.weight, one_sided=self.one_sided)}

    def get_config(self):
        return {**super().get_config(), **({"one_sided": True} if self.one_sided else {})}
