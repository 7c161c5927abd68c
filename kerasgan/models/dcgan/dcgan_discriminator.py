import keras

from kerasgan.models.dcgan.dcgan_generator import dcgan_layout
from kerasgan.models.network import Network
from kerasgan.models.network import image_shape_arg


@keras.saving.register_keras_serializable(package="kerasgan")
class DCGANDiscriminator(Network):
    """The DCGAN discriminator (Radford et al., 2016).

    Follows Newmu/dcgan_code (`discrim`): convolution 5×5 stride 2 with `base_filters` maps and
    no BatchNorm → LeakyReLU(0.2), then convolutions 5×5 stride 2 doubling the maps, each with
    BatchNorm and LeakyReLU(0.2), down to the 4×4 (7×7 for 28×28) grid → flatten → linear to one
    logit. No biases anywhere (BatchNorm supplies them), weights N(0, 0.02), BatchNorm gains
    N(1, 0.02). The logit is returned (the sigmoid is inside the loss).

    open-mmlab/mmgeneration's `DCGANDiscriminator` (its CelebA 64×64 release) uses 4×4 kernels
    (`kernel_size=4`), biases where no BatchNorm follows: the first convolution and the logit
    (`use_bias=True`; its 4×4 valid convolution to the logit is this flatten → linear), and
    torch's default LeakyReLU slope 0.01 (`leaky_relu_slope=0.01`).

    Args:
        image_shape: (size, size, channels), size 4·2^k or 7·2^k.
        base_filters: feature maps of the first layer (the paper's 128).
        kernel_size: of every convolution (5 in the reference).
        use_bias: biases on the first convolution and on the logit (none in the reference).
        leaky_relu_slope: 0.2 in the reference.

    Example:

    ```python
    d = kerasgan.models.DCGANDiscriminator(image_shape=(64, 64, 3))
    logits = d(np.zeros((2, 64, 64, 3), "float32"))  # (2, 1)
    ```
    """

    def __init__(self, image_shape=(64, 64, 3), base_filters=128, kernel_size=5, use_bias=False, leaky_relu_slope=0.2,
                 num_classes=0, name="dcgan_discriminator", **kwargs):
        image_shape = image_shape_arg(image_shape, "DCGANDiscriminator")
        if num_classes:
            raise ValueError(f"DCGANDiscriminator is unconditional; received num_classes={num_classes}.")
        _, n_down = dcgan_layout(image_shape, "DCGANDiscriminator")
        init = keras.initializers.RandomNormal(0.0, 0.02)
        gamma = keras.initializers.RandomNormal(1.0, 0.02)
        x = keras.Input(image_shape, name="images")
        h = keras.layers.Conv2D(
            base_filters, kernel_size, strides=2, padding="same", use_bias=use_bias, kernel_initializer=init
        )(x)
        h = keras.layers.LeakyReLU(leaky_relu_slope)(h)
        filters = base_filters
        for _ in range(n_down - 1):
            filters *= 2
            h = keras.layers.Conv2D(
                filters, kernel_size, strides=2, padding="same", use_bias=False, kernel_initializer=init
            )(h)
            h = keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-5, gamma_initializer=gamma)(h)
            h = keras.layers.LeakyReLU(leaky_relu_slope)(h)
        h = keras.layers.Flatten()(h)
        logits = keras.layers.Dense(1, use_bias=use_bias, kernel_initializer=init, dtype="float32")(h)
        config = dict(image_shape=image_shape, base_filters=base_filters, kernel_size=kernel_size, use_bias=use_bias,
                      leaky_relu_slope=leaky_relu_slope, num_classes=0)
        super().__init__(x, logits, config, features=h, name=name, **kwargs)
