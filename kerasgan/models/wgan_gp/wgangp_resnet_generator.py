import keras

from kerasgan.layers.residual_block_up import ResidualBlockUp
from kerasgan.models.network import OUTPUT_DTYPE
from kerasgan.models.network import Network
from kerasgan.models.network import image_shape_arg
from kerasgan.models.network import num_resamplings


@keras.saving.register_keras_serializable(package="kerasgan")
class WGANGPResNetGenerator(Network):
    """The WGAN-GP CIFAR-10 ResNet generator (Gulrajani et al., 2017).

    Follows igul222/improved_wgan_training `gan_cifar_resnet.py` (`Generator`, DIM_G = 128):
    z (128) → linear (Glorot uniform) → 4×4×128 → three up residual blocks (BatchNorm-ReLU-
    upsample-conv3×3-BatchNorm-ReLU-conv3×3 with He-style uniform init, 1×1 upsample shortcut with
    Glorot init) → BatchNorm → ReLU → conv 3×3 (Glorot) → tanh. The reference's `UpsampleConv`
    (channel tiling + depth_to_space) is nearest-neighbour upsampling followed by the conv, which
    is what `ResidualBlockUp` does. BatchNorm ε 1e-5 (the reference's fused batch norm).

    Publisher variant: Mimicry's WGANGPGenerator32 (kwotsin/mimicry `nets/wgan_gp/wgan_gp_32.py`)
    is this network at `filters=256` with bilinear upsampling (`upsampling="bilinear"`); the
    `wgangp_cifar10` preset converts its released weights.

    Args:
        latent_dim: size of z (128).
        image_shape: (32, 32, channels) in the reference; 4·2^k in general.
        filters: DIM_G (128).
        upsampling: `"nearest"` (the reference) or `"bilinear"` (Mimicry).

    Example:

    ```python
    g = kerasgan.models.WGANGPResNetGenerator()
    g(np.zeros((2, 128), "float32")).shape  # (2, 32, 32, 3)
    ```
    """

    def __init__(self, latent_dim=128, image_shape=(32, 32, 3), filters=128, num_classes=0, upsampling="nearest",
                 name="wgangp_resnet_generator", **kwargs):
        image_shape = image_shape_arg(image_shape, "WGANGPResNetGenerator")
        if num_classes:
            raise ValueError(f"WGANGPResNetGenerator is unconditional; received num_classes={num_classes}.")
        n_up = num_resamplings(image_shape, "WGANGPResNetGenerator")
        z = keras.Input((latent_dim,), name="z")
        h = keras.layers.Dense(16 * filters, kernel_initializer="glorot_uniform")(z)
        h = keras.layers.Reshape((4, 4, filters))(h)
        for _ in range(n_up):
            h = ResidualBlockUp(filters, upsample=True, momentum=0.9, epsilon=1e-5, upsampling=upsampling)(h)
        h = keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-5)(h)
        h = keras.layers.ReLU()(h)
        h = keras.layers.Conv2D(image_shape[2], 3, padding="same", kernel_initializer="glorot_uniform",
                                dtype=OUTPUT_DTYPE)(h)
        x = keras.layers.Activation("tanh", dtype="float32")(h)
        config = dict(latent_dim=latent_dim, image_shape=image_shape, filters=filters, num_classes=0,
                      upsampling=upsampling)
        super().__init__(z, x, config, name=name, **kwargs)
