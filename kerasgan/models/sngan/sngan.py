import keras

from kerasgan.core.gan import GAN
from kerasgan.models.sngan.sngan_resnet_discriminator import SNGANResNetDiscriminator
from kerasgan.models.sngan.sngan_resnet_generator import SNGANResNetGenerator


@keras.saving.register_keras_serializable(package="kerasgan")
class SNGAN(GAN):
    """SN-GAN: Miyato, Kataoka, Koyama & Yoshida, "Spectral Normalization for Generative
    Adversarial Networks", ICLR 2018; with `num_classes > 0`, the projection cGAN of Miyato &
    Koyama, "cGANs with Projection Discriminator", ICLR 2018.

    Reference followed: pfnet-research/sngan_projection (`configs/sn_cifar10.yml`,
    `updater.py`): hinge loss, n_dis = 5, Adam(2e-4, β1=0, β2=0.9) for both networks, z ~ N(0, I),
    fake class labels drawn uniformly for both updates; the ResNet networks by default
    (`SNGANResNetGenerator`/`SNGANResNetDiscriminator`), or the standard CNN ones passed in.
    Deviations: the reference updates G first and then D n_dis times; we update D n_dis times
    then G (the same alternation, shifted by one G step). The reference's G batch is 128 with a D
    batch of 64: pass `g_batch_size=128` for that (the recipe does); its linear learning-rate
    decay is a `keras.optimizers.schedules.PolynomialDecay(power=1)` given to `compile`.

    Args:
        generator, discriminator: networks; ResNet-32 ones from the arguments below if omitted.
        image_shape, latent_dim, num_classes: the default networks' shape and conditioning.
        g_filters, d_filters: widths of the default networks (256 and 128 in the reference).
        **kwargs: `GAN` arguments.

    Example:

    ```python
    gan = kerasgan.models.SNGAN(num_classes=10, g_filters=32, d_filters=32)
    gan.compile()
    x = np.random.uniform(-1, 1, (20, 32, 32, 3)).astype("float32")
    gan.fit(x, np.arange(20) % 10, batch_size=10)
    ```
    """

    def __init__(self, generator=None, discriminator=None, image_shape=(32, 32, 3), latent_dim=128,
                 num_classes=0, g_filters=256, d_filters=128, adversarial_loss="hinge", n_critic=5, **kwargs):
        generator = generator or SNGANResNetGenerator(latent_dim, image_shape, g_filters, num_classes)
        discriminator = discriminator or SNGANResNetDiscriminator(image_shape, d_filters, num_classes)
        super().__init__(generator, discriminator, adversarial_loss=adversarial_loss, n_critic=n_critic, **kwargs)

    def default_optimizers(self):
        return (
            keras.optimizers.Adam(2e-4, beta_1=0.0, beta_2=0.9),
            keras.optimizers.Adam(2e-4, beta_1=0.0, beta_2=0.9),
        )
