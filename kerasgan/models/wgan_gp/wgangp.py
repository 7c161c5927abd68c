import keras

from kerasgan.core.gan import GAN
from kerasgan.models.wgan_gp.wgangp_resnet_critic import WGANGPResNetCritic
from kerasgan.models.wgan_gp.wgangp_resnet_generator import WGANGPResNetGenerator
from kerasgan.techniques.gradient_penalty import GradientPenalty


@keras.saving.register_keras_serializable(package="kerasgan")
class WGANGP(GAN):
    """WGAN-GP: Gulrajani, Ahmed, Arjovsky, Dumoulin & Courville, "Improved Training of
    Wasserstein GANs", NeurIPS 2017.

    Reference followed: igul222/improved_wgan_training (`gan_cifar_resnet.py`): Wasserstein loss
    with gradient penalty λ(‖∇D(x̂)‖₂ − 1)², x̂ = εx + (1−ε)G(z), ε ~ U[0, 1] per sample, λ = 10,
    n_critic = 5, Adam(β1 = 0, β2 = 0.9). The learning rate is 1e-4 (the paper's Algorithm 1);
    the ResNet script uses 2e-4 with linear decay to 0 over 100k generator steps — pass
    `keras.optimizers.schedules.PolynomialDecay(2e-4, 100_000, 0.0)` optimizers for that.
    The gradient penalty is the technique `kerasgan.techniques.GradientPenalty(gp_weight)`, logged
    as `gp`; on torch the model trains eagerly (double backprop).

    Args:
        generator, discriminator: networks (the critic); ResNet ones by default.
        image_shape, latent_dim, g_filters, d_filters: default networks' shape (DIM_G = DIM_D = 128).
        gp_weight: λ.
        **kwargs: `GAN` arguments.

    Example:

    ```python
    gan = kerasgan.models.WGANGP(g_filters=16, d_filters=16)
    gan.compile()
    gan.fit(np.random.uniform(-1, 1, (20, 32, 32, 3)).astype("float32"), batch_size=10)
    ```
    """

    def __init__(self, generator=None, discriminator=None, image_shape=(32, 32, 3), latent_dim=128,
                 g_filters=128, d_filters=128, gp_weight=10.0, adversarial_loss="wasserstein", n_critic=5, **kwargs):
        if float(gp_weight) < 0:
            raise ValueError(f"`gp_weight` must be >= 0; received {gp_weight!r}.")
        generator = generator or WGANGPResNetGenerator(latent_dim, image_shape, g_filters)
        discriminator = discriminator or WGANGPResNetCritic(image_shape, d_filters)
        super().__init__(generator, discriminator, adversarial_loss=adversarial_loss, n_critic=n_critic,
                         own_techniques=[GradientPenalty(gp_weight)], **kwargs)
        self.gp_weight = float(gp_weight)

    def default_optimizers(self):
        return (
            keras.optimizers.Adam(1e-4, beta_1=0.0, beta_2=0.9),
            keras.optimizers.Adam(1e-4, beta_1=0.0, beta_2=0.9),
        )

    def get_config(self):
        return {**super().get_config(), "gp_weight": self.gp_weight}
