import keras

from kerasgan.models.network import OUTPUT_DTYPE
from kerasgan.models.network import Network
from kerasgan.models.network import image_shape_arg


@keras.saving.register_keras_serializable(package="kerasgan")
class SNGANCNNGenerator(Network):
    """The "standard CNN" generator of SN-GAN (Miyato et al., 2018, Table 3a).

    z (128) → linear to M×M×512 → BatchNorm → ReLU → three transposed convolutions 4×4
    stride 2 (256, 128, 64 maps) each with BatchNorm and ReLU → conv 3×3 stride 1 to the image
    channels → tanh, with M = size/8 (4 for 32×32). Weights N(0, 0.02) as in
    pfnet-research/chainer-gan-lib `DCGANGenerator`, the authors' implementation of this table
    (BatchNorm over the linear layer's features, as there).

    Args:
        latent_dim: size of z.
        image_shape: (size, size, channels), size divisible by 8.
        base_filters: maps of the last hidden layer (64; the first has 8× that).

    Example:

    ```python
    g = kerasgan.models.SNGANCNNGenerator()
    g(np.zeros((2, 128), "float32")).shape  # (2, 32, 32, 3)
    ```
    """

    def __init__(
        self,
        latent_dim=128,
        image_shape=(32, 32, 3),
        base_filters=64,
        num_classes=0,
        name="sngan_cnn_generator",
        **kwargs,
    ):
        image_shape = image_shape_arg(image_shape, "SNGANCNNGenerator")
        if num_classes:
            raise ValueError(f"SNGANCNNGenerator is unconditional; received num_classes={num_classes}.")
        if image_shape[0] % 8 or image_shape[0] != image_shape[1]:
            raise ValueError(
                f"SNGANCNNGenerator expects square images with size divisible by 8; received {image_shape}."
            )
        bottom = image_shape[0] // 8
        init = keras.initializers.RandomNormal(0.0, 0.02)
        z = keras.Input((latent_dim,), name="z")
        h = keras.layers.Dense(bottom * bottom * base_filters * 8, kernel_initializer=init)(z)
        h = keras.layers.BatchNormalization(momentum=0.9, epsilon=2e-5)(h)
        h = keras.layers.ReLU()(h)
        h = keras.layers.Reshape((bottom, bottom, base_filters * 8))(h)
        for mult in (4, 2, 1):
            h = keras.layers.Conv2DTranspose(
                base_filters * mult, 4, strides=2, padding="same", kernel_initializer=init
            )(h)
            h = keras.layers.BatchNormalization(momentum=0.9, epsilon=2e-5)(h)
            h = keras.layers.ReLU()(h)
        h = keras.layers.Conv2D(image_shape[2], 3, padding="same", kernel_initializer=init, dtype=OUTPUT_DTYPE)(h)
        x = keras.layers.Activation("tanh", dtype="float32")(h)
        config = dict(latent_dim=latent_dim, image_shape=image_shape, base_filters=base_filters, num_classes=0)
        super().__init__(z, x, config, name=name, **kwargs)
