import keras

from kerasgan.models.network import Network
from kerasgan.models.network import image_shape_arg

_HE = keras.initializers.VarianceScaling(2.0, "fan_avg", "uniform")


@keras.saving.register_keras_serializable(package="kerasgan")
class WGANGPDCGANCritic(Network):
    """The DCGAN-like critic of WGAN-GP (Gulrajani et al., 2017).

    Follows igul222/improved_wgan_training `gan_cifar.py` / `gan_mnist.py`: conv 5×5/2 DIM →
    LeakyReLU(0.2) → conv 5×5/2 2·DIM → LeakyReLU → conv 5×5/2 4·DIM → LeakyReLU → flatten →
    linear to one value; no BatchNorm (MODE wgan-gp). 32×32 and 28×28 both end on a 4×4 grid.

    Args:
        image_shape: (32, 32, c) or (28, 28, c).
        dim: DIM (128 for CIFAR, 64 for MNIST).

    Example:

    ```python
    c = kerasgan.models.WGANGPDCGANCritic(image_shape=(28, 28, 1), dim=64)
    c(np.zeros((2, 28, 28, 1), "float32")).shape  # (2, 1)
    ```
    """

    def __init__(self, image_shape=(32, 32, 3), dim=128, num_classes=0, name="wgangp_dcgan_critic", **kwargs):
        image_shape = image_shape_arg(image_shape, "WGANGPDCGANCritic")
        if num_classes:
            raise ValueError(f"WGANGPDCGANCritic is unconditional; received num_classes={num_classes}.")
        x = keras.Input(image_shape, name="images")
        h = x
        for mult in (1, 2, 4):
            h = keras.layers.Conv2D(mult * dim, 5, strides=2, padding="same", kernel_initializer=_HE)(h)
            h = keras.layers.LeakyReLU(0.2)(h)
        h = keras.layers.Flatten()(h)
        out = keras.layers.Dense(1, kernel_initializer="glorot_uniform", dtype="float32")(h)
        config = dict(image_shape=image_shape, dim=dim, num_classes=0)
        super().__init__(x, out, config, features=h, name=name, **kwargs)
