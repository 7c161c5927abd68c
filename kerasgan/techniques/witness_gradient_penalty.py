import keras
from keras import ops

from kerasgan.losses import gradient_penalty
from kerasgan.losses import mix_rq_dot_kernel
from kerasgan.techniques.technique import critic_of
from kerasgan.techniques.weighted_term import WeightedTerm


@keras.saving.register_keras_serializable(package="kerasgan")
class WitnessGradientPenalty(WeightedTerm):
    """MMD GAN's gradient penalty on the MMD witness function, in the critic's loss, logged as
    `witness_gp`.

    Bińkowski, Sutherland, Arbel & Gretton, "Demystifying MMD GANs", ICLR 2018 (reference:
    mbinkowski/MMD-GAN, `add_gradient_penalty` in `gan/core/model.py`): at interpolates
    `x̂ = εx + (1 − ε)G(z)`, ε ~ U[0, 1] per sample, the witness
    `f(x̂) = mean_j k(h(x̂), h(x_j)) − mean_j k(h(x̂), h(G(z_j)))` of the critic's features h under
    the `mix_rq_1dot` kernel (`kerasgan.losses.mix_rq_dot_kernel`), and
    `weight * mean((‖∇f(x̂)‖ − 1)²)`: `kerasgan.losses.gradient_penalty` with f as the critic.
    For a GAN on the `"mmd"` loss, whose discriminator gives features (several outputs).
    Deviation: the norm is over the whole input, as in the paper; the reference's
    `safer_norm(gradients, axis=1)` takes it over the image rows alone. On torch a GAN with it
    trains eagerly (double backprop).

    Args:
        weight: the coefficient (the reference's MNIST script: `--gradient_penalty=1`).

    Example:

    ```python
    gan = kerasgan.models.MixtureGAN(adversarial_loss="mmd",
                                     techniques=[kerasgan.techniques.WitnessGradientPenalty(1.0)])
    ```
    """

    loss_terms = ("witness_gp",)
    requires_input_gradients = True

    def __init__(self, weight=1.0, **kwargs):
        super().__init__(weight, **kwargs)

    def discriminator_terms(self, gan, step):
        critic = critic_of(gan, step)
        real_features, fake_features = step.real_logits, step.fake_logits

        def witness(x):
            features = critic(x)
            return (ops.mean(mix_rq_dot_kernel(features, real_features), axis=1)
                    - ops.mean(mix_rq_dot_kernel(features, fake_features), axis=1))

        # WGAN-GP's penalty with the witness as the critic: the same interpolates and norms.
        return {"witness_gp": gradient_penalty(witness, step.real, step.fake, seed=gan.seed_generator,
                                               weight=self.weight)}
