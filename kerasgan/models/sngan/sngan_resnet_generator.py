import keras

from kerasgan.layers.residual_block_up import ResidualBlockUp
from kerasgan.models.network import OUTPUT_DTYPE
from kerasgan.models.network import Network
from kerasgan.models.network import image_shape_arg
from kerasgan.models.network import num_resamplings


@keras.saving.register_keras_serializable(package="kerasgan")
class SNGANResNetGenerator(Network):
    """The SN-GAN ResNet generator for 32×32 images (Miyato et al., 2018), optionally
    class-conditional (Miyato & Koyama, 2018).

    Follows pfnet-research/sngan_projection `gen_models/resnet_32.py`: z (128) → linear (Glorot
    uniform) → 4×4×`filters` → three `ResidualBlockUp(filters)` (BN-ReLU-up-conv3-BN-ReLU-conv3,
    1×1 shortcut; Glorot-uniform ×√2 on the 3×3 convs) → BatchNorm → ReLU → conv 3×3 to the image
    channels (Glorot uniform) → tanh. With `num_classes > 0` the blocks' BatchNorms are
    categorical conditional BatchNorms (per-class γ, β); the last BatchNorm stays unconditional,
    as in the reference. BatchNorm: momentum 0.9, ε 2e-5 (Chainer's defaults).

    Publisher variant: Mimicry's SNGANGenerator32 (kwotsin/mimicry `nets/sngan/sngan_32.py`) is
    this network with bilinear upsampling (`upsampling="bilinear"`) and BatchNorm ε 1e-5
    (`bn_epsilon=1e-5`); the `sngan_cifar10` preset converts its released weights.

    Args:
        latent_dim: size of z (128 in the reference).
        image_shape: (4·2^k, 4·2^k, channels); k up-blocks are used (3 for 32×32).
        filters: channels of every block (256 in the reference).
        num_classes: 0 for unconditional, else the number of classes.
        upsampling: `"nearest"` (the reference) or `"bilinear"` (Mimicry).
        bn_epsilon: the BatchNorms' ε (2e-5, Chainer's default).

    Example:

    ```python
    g = kerasgan.models.SNGANResNetGenerator(num_classes=10)
    x = g([np.zeros((2, 128), "float32"), np.array([3, 7])])  # (2, 32, 32, 3)
    ```
    """

    def __init__(self, latent_dim=128, image_shape=(32, 32, 3), filters=256, num_classes=0, upsampling="nearest",
                 bn_epsilon=2e-5, name="sngan_resnet_generator", **kwargs):
        image_shape = image_shape_arg(image_shape, "SNGANResNetGenerator")
        n_up = num_resamplings(image_shape, "SNGANResNetGenerator")
        z = keras.Input((latent_dim,), name="z")
        inputs = z
        if num_classes:
            labels = keras.Input((), dtype="int32", name="labels")
            inputs = [z, labels]
        h = keras.layers.Dense(16 * filters, kernel_initializer="glorot_uniform")(z)
        h = keras.layers.Reshape((4, 4, filters))(h)
        for _ in range(n_up):
            block = ResidualBlockUp(filters, num_classes=num_classes, upsample=True, epsilon=bn_epsilon,
                                    upsampling=upsampling)
            h = block([h, labels]) if num_classes else block(h)
        h = keras.layers.BatchNormalization(momentum=0.9, epsilon=bn_epsilon)(h)
        h = keras.layers.ReLU()(h)
        h = keras.layers.Conv2D(image_shape[2], 3, padding="same", kernel_initializer="glorot_uniform",
                                dtype=OUTPUT_DTYPE)(h)
        x = keras.layers.Activation("tanh", dtype="float32")(h)
        config = dict(latent_dim=latent_dim, image_shape=image_shape, filters=filters, num_classes=num_classes,
                      upsampling=upsampling, bn_epsilon=bn_epsilon)
        super().__init__(inputs, x, config, name=name, **kwargs)

