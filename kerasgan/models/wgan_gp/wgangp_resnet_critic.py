import keras

from kerasgan.layers.optimized_residual_block_down import OptimizedResidualBlockDown
from kerasgan.layers.residual_block_down import ResidualBlockDown
from kerasgan.models.network import Network
from kerasgan.models.network import image_shape_arg


@keras.saving.register_keras_serializable(package="kerasgan")
class WGANGPResNetCritic(Network):
    """The WGAN-GP CIFAR-10 ResNet critic (Gulrajani et al., 2017).

    Follows igul222/improved_wgan_training `gan_cifar_resnet.py` (`Discriminator`, DIM_D = 128,
    NORMALIZATION_D = False): optimized block (conv3×3-ReLU-ConvMeanPool; MeanPoolConv 1×1
    shortcut) → down block → two plain blocks (identity shortcut) → ReLU → spatial *mean* →
    linear to one value. No normalization layers (the gradient penalty is per sample).

    Args:
        image_shape: (32, 32, channels) in the reference.
        filters: DIM_D (128).

    Example:

    ```python
    c = kerasgan.models.WGANGPResNetCritic()
    c(np.zeros((2, 32, 32, 3), "float32")).shape  # (2, 1)
    ```
    """

    def __init__(self, image_shape=(32, 32, 3), filters=128, num_classes=0, name="wgangp_resnet_critic", **kwargs):
        image_shape = image_shape_arg(image_shape, "WGANGPResNetCritic")
        if num_classes:
            raise ValueError(f"WGANGPResNetCritic is unconditional; received num_classes={num_classes}.")
        x = keras.Input(image_shape, name="images")
        h = OptimizedResidualBlockDown(filters, spectral_norm=False)(x)
        h = ResidualBlockDown(filters, downsample=True, spectral_norm=False)(h)
        h = ResidualBlockDown(filters, downsample=False, spectral_norm=False)(h)
        h = ResidualBlockDown(filters, downsample=False, spectral_norm=False)(h)
        h = keras.layers.ReLU()(h)
        h = keras.layers.GlobalAveragePooling2D()(h)
        out = keras.layers.Dense(1, kernel_initializer="glorot_uniform", dtype="float32")(h)
        config = dict(image_shape=image_shape, filters=filters, num_classes=0)
        super().__init__(x, out, config, features=h, name=name, **kwargs)
