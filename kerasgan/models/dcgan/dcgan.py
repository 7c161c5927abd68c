import keras

from kerasgan.core.gan import GAN
from kerasgan.models.dcgan.dcgan_discriminator import DCGANDiscriminator
from kerasgan.models.dcgan.dcgan_generator import DCGANGenerator


@keras.saving.register_keras_serializable(package="kerasgan")
class DCGAN(GAN):
    """DCGAN: Radford, Metz & Chintala, "Unsupervised Representation Learning with Deep
    Convolutional Generative Adversarial Networks", ICLR 2016.

    Reference followed: Newmu/dcgan_code (Theano). Non-saturating loss, Adam(2e-4, β1=0.5) for
    both networks (the `GAN` default), one D step per G step, z ~ U[-1, 1]^100, weights N(0, 0.02); networks in
    `DCGANGenerator`/`DCGANDiscriminator`. Deviations: no L2 weight decay (the reference added
    1e-5; pass `weight_decay` to the optimizers for it) and Keras BatchNorm running statistics.

    Args:
        generator, discriminator: networks; built from the arguments below when omitted.
        image_shape, latent_dim, base_filters: the default networks' shape.
        **kwargs: `GAN` arguments (`adversarial_loss`, `n_critic`, `ema_decay`, `seed`, ...).

    Example:

    ```python
    gan = kerasgan.models.DCGAN(image_shape=(28, 28, 1), base_filters=16, seed=0)
    gan.compile()
    gan.fit(np.random.uniform(-1, 1, (64, 28, 28, 1)).astype("float32"), batch_size=32)
    ```
    """

    def __init__(self, generator=None, discriminator=None, image_shape=(64, 64, 3), latent_dim=100,
                 base_filters=128, adversarial_loss="non_saturating", latent_distribution="uniform", **kwargs):
        generator = generator or DCGANGenerator(latent_dim, image_shape, base_filters)
        discriminator = discriminator or DCGANDiscriminator(image_shape, base_filters)
        super().__init__(generator, discriminator, adversarial_loss=adversarial_loss,
                         latent_distribution=latent_distribution, **kwargs)
