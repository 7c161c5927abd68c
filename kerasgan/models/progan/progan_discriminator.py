import keras

from kerasgan.layers.bias import Bias
from kerasgan.layers.equalized_conv2d import EqualizedConv2D
from kerasgan.layers.equalized_dense import EqualizedDense
from kerasgan.layers.level_of_detail_blend import LevelOfDetailBlend
from kerasgan.layers.minibatch_stddev import MinibatchStdDev
from kerasgan.models.network import Network
from kerasgan.models.network import image_shape_arg
from kerasgan.models.progan.progan_layout import feature_maps
from kerasgan.models.progan.progan_layout import resolution_log2


@keras.saving.register_keras_serializable(package="kerasgan")
class ProGANDiscriminator(Network):
    """The progressive discriminator of ProGAN (Karras et al., ICLR 2018), `D_paper`.

    Follows tkarras/progressive_growing_of_gans `networks.py` ("linear" structure, its default
    fused downscaling): fromRGB (1×1 conv → leaky ReLU 0.2) at every resolution; per resolution
    size…8: conv 3×3 to nf(res-1) → LReLU → conv 3×3 to nf(res-2) without bias → 2×2 average
    pooling → bias → LReLU (the fused conv-downscale: the conv and the pooling are both linear, so
    this is the reference's operator); the block's output is blended by `LevelOfDetailBlend` with
    fromRGB of the average-pooled image; at 4×4: minibatch stddev (group 4, one map) → conv 3×3
    → LReLU → dense nf(0) → LReLU → dense 1 (gain 1). Equalized learning rate everywhere (gain √2
    unless stated). No label output (unconditional).

    open-mmlab/mmgeneration's `PGGANDiscriminator` (its released CelebA-HQ 1024 model) has no
    3×3 conv after the minibatch stddev: the dense layer takes the 4×4×(nf(1)+1) maps directly
    (`final_conv=False`).

    Args:
        image_shape: (size, size, channels), size a power of two ≥ 8.
        fmap_base, fmap_decay, fmap_max: the width rule (8192, 1.0, 512 in the reference).
        mbstd_group_size: minibatch-stddev group size (4).
        final_conv: the 3×3 conv at 4×4 after the minibatch stddev (True in the reference).

    Example:

    ```python
    d = kerasgan.models.ProGANDiscriminator(image_shape=(32, 32, 3), fmap_base=256, fmap_max=64)
    d(np.zeros((4, 32, 32, 3), "float32")).shape  # (4, 1)
    ```
    """

    def __init__(self, image_shape=(1024, 1024, 3), fmap_base=8192, fmap_decay=1.0, fmap_max=512, mbstd_group_size=4,
                 final_conv=True, num_classes=0, name="progan_discriminator", **kwargs):
        image_shape = image_shape_arg(image_shape, "ProGANDiscriminator")
        if num_classes:
            raise ValueError(f"ProGANDiscriminator is unconditional; received num_classes={num_classes}.")
        log2 = resolution_log2(image_shape, "ProGANDiscriminator")
        nf = feature_maps(fmap_base, fmap_decay, fmap_max)
        images = keras.Input(image_shape, name="images")
        size = 2**log2
        x = _lrelu(EqualizedConv2D(nf(log2 - 1), 1, name=f"from_rgb_{size}x{size}")(images))
        img = images
        for res in range(log2, 2, -1):
            size = 2**res
            x = _lrelu(EqualizedConv2D(nf(res - 1), 3, name=f"{size}x{size}_conv0")(x))
            x = EqualizedConv2D(nf(res - 2), 3, use_bias=False, name=f"{size}x{size}_conv1_down")(x)
            x = keras.layers.AveragePooling2D(2)(x)
            x = _lrelu(Bias(name=f"{size}x{size}_conv1_down_bias")(x))
            img = keras.layers.AveragePooling2D(2)(img)
            half = size // 2
            y = _lrelu(EqualizedConv2D(nf(res - 2), 1, name=f"from_rgb_{half}x{half}")(img))
            x = LevelOfDetailBlend(log2 - res, name=f"fade_{size}x{size}")([x, y])
        if mbstd_group_size > 1:
            x = MinibatchStdDev(group_size=mbstd_group_size)(x)
        if final_conv:
            x = _lrelu(EqualizedConv2D(nf(1), 3, name="4x4_conv")(x))
        x = keras.layers.Flatten()(x)
        x = _lrelu(EqualizedDense(nf(0), name="4x4_dense0")(x))
        logits = EqualizedDense(1, gain=1.0, name="4x4_dense1", dtype="float32")(x)
        config = dict(image_shape=image_shape, fmap_base=fmap_base, fmap_decay=fmap_decay, fmap_max=fmap_max,
                      mbstd_group_size=mbstd_group_size, final_conv=final_conv, num_classes=0)
        super().__init__(images, logits, config, features=x, name=name, **kwargs)


def _lrelu(x):
    return keras.layers.LeakyReLU(0.2)(x)
