import keras

from kerasgan.core.gan import GAN
from kerasgan.models.mmdgan.mmdgan_critic import MMDGANCritic
from kerasgan.models.mmdgan.mmdgan_generator import MMDGANGenerator
from kerasgan.techniques.activation_penalty import ActivationPenalty
from kerasgan.techniques.witness_gradient_penalty import WitnessGradientPenalty


@keras.saving.register_keras_serializable(package="kerasgan")
class MMDGAN(GAN):
    """MMD GAN: the generator minimises the squared MMD between real and generated images in the
    features of a learned critic, which maximises it.

    Bińkowski, Sutherland, Arbel & Gretton, "Demystifying MMD GANs", ICLR 2018. Reference followed:
    mbinkowski/MMD-GAN (`mnist.sh`, `gan/core/model.py`, `gan/core/mmd.py`): the unbiased MMD² under
    the mixed rational-quadratic + dot kernel (`kerasgan.losses.mmd2`, the `"mmd"` loss) on the
    critic's `feature_dim` (16) features (`MMDGANCritic`, `MMDGANGenerator`), the gradient penalty
    on the MMD witness (`kerasgan.techniques.WitnessGradientPenalty`, weight 1), the L2 penalty on
    the critic's activations (`kerasgan.techniques.ActivationPenalty`, weight 1), 5 critic updates
    per generator update, z ~ U[-1, 1]^100, Adam(1e-4, β1 0.5, β2 0.9) for both with each
    gradient clipped to norm 1 (`clip_by_norm` per variable), batch 64.

    Deviations: the witness gradient's norm is over the whole image (the reference's `safer_norm(…,
    axis=1)` sums over rows only; see `WitnessGradientPenalty`); the generator's batch norm uses
    moving statistics in `generate`; the reference's KID-based learning-rate schedule runs only with
    `--compute_scores`, which its scripts do not pass, so the reference's MNIST run keeps its
    learning rate constant, as this model does.

    Args:
        generator, discriminator: default `MMDGANGenerator(latent_dim, image_shape)` and
            `MMDGANCritic(image_shape, feature_dim=feature_dim)`.
        image_shape, latent_dim, feature_dim: of the default networks.
        gp_weight: the witness gradient penalty's weight.
        activation_weight: the activation penalty's weight (0: none).
        **kwargs: `GAN` arguments (`n_critic` 5, `latent_distribution` "uniform" by default).

    Example:

    ```python
    g = kerasgan.models.MMDGANGenerator(latent_dim=16, image_shape=(28, 28, 1), base_filters=8)
    d = kerasgan.models.MMDGANCritic(image_shape=(28, 28, 1), base_filters=8)
    gan = kerasgan.models.MMDGAN(g, d)
    gan.compile()
    ```
    """

    def __init__(self, generator=None, discriminator=None, image_shape=(28, 28, 1), latent_dim=100, feature_dim=16,
                 gp_weight=1.0, activation_weight=1.0, adversarial_loss="mmd", n_critic=5,
                 latent_distribution="uniform", **kwargs):
        if adversarial_loss != "mmd":
            raise ValueError(f"MMDGAN's loss is the MMD ('mmd'); received adversarial_loss={adversarial_loss!r}.")
        generator = generator or MMDGANGenerator(latent_dim, image_shape)
        discriminator = discriminator or MMDGANCritic(image_shape, feature_dim=feature_dim)
        own = [WitnessGradientPenalty(gp_weight)]
        if activation_weight:
            own.append(ActivationPenalty(activation_weight))
        super().__init__(generator, discriminator, adversarial_loss=adversarial_loss, n_critic=n_critic,
                         latent_distribution=latent_distribution, own_techniques=own, **kwargs)
        self.gp_weight = own[0].weight
        self.activation_weight = own[1].weight if activation_weight else 0.0

    def default_optimizers(self):
        return (keras.optimizers.Adam(1e-4, beta_1=0.5, beta_2=0.9, clipnorm=1.0),
                keras.optimizers.Adam(1e-4, beta_1=0.5, beta_2=0.9, clipnorm=1.0))

    def get_config(self):
        config = super().get_config()
        config.pop("adversarial_loss")
        return {**config, "gp_weight": self.gp_weight, "activation_weight": self.activation_weight}
