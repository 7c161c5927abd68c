import keras

from kerasgan.layers.sn_conv2d import SNConv2D
from kerasgan.layers.sn_dense import SNDense
from kerasgan.models.network import Network
from kerasgan.models.network import image_shape_arg


@keras.saving.register_keras_serializable(package="kerasgan")
class SNGANCNNDiscriminator(Network):
    """The "standard CNN" discriminator of SN-GAN (Miyato et al., 2018, Table 3b).

    Spectrally normalized: conv3×3 64 → conv4×4/2 64 → conv3×3 128 → conv4×4/2 128 →
    conv3×3 256 → conv4×4/2 256 → conv3×3 512, each followed by LeakyReLU(0.1), → linear to one
    logit. Channel widths follow the paper's table; pfnet-research/chainer-gan-lib
    (`SNDCGANDiscriminator`) doubles the width already in each stride-2 layer (64→128 at the first),
    which we do not. Weights N(0, 0.02) as in chainer-gan-lib.

    Args:
        image_shape: (size, size, channels), size divisible by 8.
        base_filters: maps of the first layer (64).

    Example:

    ```python
    d = kerasgan.models.SNGANCNNDiscriminator()
    d(np.zeros((2, 32, 32, 3), "float32")).shape  # (2, 1)
    ```
    """

    def __init__(self, image_shape=(32, 32, 3), base_filters=64, num_classes=0,
                 name="sngan_cnn_discriminator", **kwargs):
        image_shape = image_shape_arg(image_shape, "SNGANCNNDiscriminator")
        if num_classes:
            raise ValueError(f"SNGANCNNDiscriminator is unconditional; received num_classes={num_classes}.")
        if image_shape[0] % 8:
            raise ValueError(f"SNGANCNNDiscriminator expects a size divisible by 8; received {image_shape}.")
        init = keras.initializers.RandomNormal(0.0, 0.02)
        x = keras.Input(image_shape, name="images")
        h = x
        for mult in (1, 2, 4):
            h = SNConv2D(base_filters * mult, 3, kernel_initializer=init)(h)
            h = keras.layers.LeakyReLU(0.1)(h)
            h = SNConv2D(base_filters * mult, 4, strides=2, kernel_initializer=init)(h)
            h = keras.layers.LeakyReLU(0.1)(h)
        h = SNConv2D(base_filters * 8, 3, kernel_initializer=init)(h)
        h = keras.layers.LeakyReLU(0.1)(h)
        h = keras.layers.Flatten()(h)
        logits = SNDense(1, kernel_initializer=init)(h)
        config = dict(image_shape=image_shape, base_filters=base_filters, num_classes=0)
        super().__init__(x, logits, config, features=h, name=name, **kwargs)
