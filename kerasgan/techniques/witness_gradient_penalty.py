import keras
from keras import ops

from kerasgan import backend
from kerasgan.backend.replicas import per_example
from kerasgan.losses import mix_rq_dot_kernel
from kerasgan.techniques.technique import critic_of
from kerasgan.techniques.weighted_term import WeightedTerm


@keras.saving.register_keras_serializable(package="kerasgan")
class WitnessGradientPenalty(WeightedTerm):
    """MMD GAN's gradient penalty on the MMD witness function, in the critic's loss, logged as
    `witness_gp`.

    Bińkowski, Sutherland, Arbel & Gretton, "Demystifying MMD GANs", ICLR 2018 (reference:
    mbinkowski/MMD-GAN, `add_gradient_penalty` in `gan/core/model.py`): at interpolates
    `x̂ = (1 − α)x + αG(z)`, α ~ U[0, 1] per sample, the witness
    `f(x̂) = mean_j k(h(x̂), h(x_j)) − mean_j k(h(x̂), h(G(z_j)))` of the critic's features h under
    the `mix_rq_1dot` kernel (`kerasgan.losses.mix_rq_dot_kernel`), and
    `weight * mean((‖∇f(x̂)‖ − 1)²)`. For a GAN on the `"mmd"` loss, whose discriminator gives
    features (several outputs). Deviation: the norm is over the whole input, as in the paper; the
    reference's `safer_norm(gradients, axis=1)` takes it over the image rows alone. On torch a GAN
    with it trains eagerly (double backprop).

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
        real, fake = ops.cast(step.real, "float32"), ops.cast(step.fake, "float32")
        shape = tuple(ops.shape(real))
        alpha = per_example(lambda m: keras.random.uniform((m,) + (1,) * (len(shape) - 1), seed=gan.seed_generator),
                            shape[0])
        interpolates = (1.0 - alpha) * real + alpha * fake
        critic = critic_of(gan, step)
        real_features, fake_features = step.real_logits, step.fake_logits

        def witness(x):
            features = critic(x)
            return (ops.mean(mix_rq_dot_kernel(features, real_features), axis=1)
                    - ops.mean(mix_rq_dot_kernel(features, fake_features), axis=1))

        _, grads = backend.input_gradient(witness, interpolates)
        grads = ops.reshape(ops.cast(grads, "float32"), (shape[0], -1))
        norms = ops.sqrt(ops.sum(ops.square(grads), axis=1) + 1e-10)
        return {"witness_gp": self.weight * ops.mean(ops.square(norms - 1.0))}
