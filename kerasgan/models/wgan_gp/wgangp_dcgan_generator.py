import keras

from kerasgan.models.network import Network
from kerasgan.models.network import image_shape_arg

_HE = keras.initializers.VarianceScaling(2.0, "fan_avg", "uniform")


@keras.saving.register_keras_serializable(package="kerasgan")
class WGANGPDCGANGenerator(Network):
    """The DCGAN-like generator of WGAN-GP (Gulrajani et al., 2017).

    Follows igul222/improved_wgan_training `gan_cifar.py` (32×32, DIM = 128): z (128) → linear
    to 4×4×4·DIM → BatchNorm → ReLU → transposed conv 5×5/2 to 2·DIM → BatchNorm → ReLU →
    transposed conv 5×5/2 to DIM → BatchNorm → ReLU → transposed conv 5×5/2 to the channels →
    tanh. For 28×28 (`gan_mnist.py`, DIM = 64) the 8×8 map is cropped to 7×7 after the first
    transposed conv, as in the reference; its MNIST generator has no BatchNorm and a sigmoid
    output for [0, 1] data, where we keep BatchNorm and tanh for [-1, 1] data. Convolutions use
    the reference's He-style uniform init, linear layers Glorot uniform.

    Args:
        latent_dim: size of z (128).
        image_shape: (32, 32, c) or (28, 28, c).
        dim: DIM (128 for CIFAR, 64 for MNIST).

    Example:

    ```python
    g = kerasgan.models.WGANGPDCGANGenerator(image_shape=(28, 28, 1), dim=64)
    g(np.zeros((2, 128), "float32")).shape  # (2, 28, 28, 1)
    ```
    """

    def __init__(self, latent_dim=128, image_shape=(32, 32, 3), dim=128, num_classes=0,
                 name="wgangp_dcgan_generator", **kwargs):
        image_shape = image_shape_arg(image_shape, "WGANGPDCGANGenerator")
        if num_classes:
            raise ValueError(f"WGANGPDCGANGenerator is unconditional; received num_classes={num_classes}.")
        if image_shape[:2] not in ((32, 32), (28, 28)):
            raise ValueError(f"WGANGPDCGANGenerator supports 32×32 and 28×28 images; received {image_shape}.")
        z = keras.Input((latent_dim,), name="z")
        h = keras.layers.Dense(4 * 4 * 4 * dim, kernel_initializer="glorot_uniform")(z)
        h = keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-5)(h)
        h = keras.layers.ReLU()(h)
        h = keras.layers.Reshape((4, 4, 4 * dim))(h)
        h = keras.layers.Conv2DTranspose(2 * dim, 5, strides=2, padding="same", kernel_initializer=_HE)(h)
        h = keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-5)(h)
        h = keras.layers.ReLU()(h)
        if image_shape[0] == 28:
            h = keras.layers.Cropping2D(((0, 1), (0, 1)))(h)
        h = keras.layers.Conv2DTranspose(dim, 5, strides=2, padding="same", kernel_initializer=_HE)(h)
        h = keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-5)(h)
        h = keras.layers.ReLU()(h)
        h = keras.layers.Conv2DTranspose(image_shape[2], 5, strides=2, padding="same", kernel_initializer=_HE)(h)
        x = keras.layers.Activation("tanh", dtype="float32")(h)
        config = dict(latent_dim=latent_dim, image_shape=image_shape, dim=dim, num_classes=0)
        super().__init__(z, x, config, name=name, **kwargs)
