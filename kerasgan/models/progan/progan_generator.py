import math

import keras

from kerasgan.layers.bias import Bias
from kerasgan.layers.equalized_conv2d import EqualizedConv2D
from kerasgan.layers.equalized_dense import EqualizedDense
from kerasgan.layers.level_of_detail_blend import LevelOfDetailBlend
from kerasgan.layers.pixel_normalization import PixelNormalization
from kerasgan.models.network import Network
from kerasgan.models.network import image_shape_arg
from kerasgan.models.progan.progan_layout import feature_maps
from kerasgan.models.progan.progan_layout import resolution_log2


@keras.saving.register_keras_serializable(package="kerasgan")
class ProGANGenerator(Network):
    """The progressive generator of ProGAN (Karras et al., ICLR 2018), `G_paper`.

    Follows tkarras/progressive_growing_of_gans `networks.py` with its "linear" structure:
    pixel norm of z → equalized dense to 4×4×nf(1) (gain √2/4, bias per feature map after the
    reshape) → leaky ReLU 0.2 → pixel norm → conv 3×3 → LReLU → PN; then per resolution 8…size:
    nearest 2× upsampling → conv 3×3 → LReLU → PN → conv 3×3 → LReLU → PN; a linear 1×1 toRGB
    (gain 1) at every resolution; the output is the toRGB of the newest block blended with the
    upsampled lower-resolution output by `LevelOfDetailBlend` (the level of detail `lod` is set by
    `ProGAN` each step; 0 = fully grown). Equalized learning rate everywhere (weights N(0, 1)
    scaled by gain/√fan_in at run time, gain √2), widths nf(stage) = min(fmap_base / 2^stage,
    fmap_max), no output activation. Deviation: upsample-then-conv instead of the reference's
    fused transposed convolution (`fused_scale`), the same operator up to border handling; no
    label conditioning.

    Args:
        latent_dim: size of z (the reference uses nf(0) = 512).
        image_shape: (size, size, channels), size a power of two ≥ 8.
        fmap_base, fmap_decay, fmap_max: the width rule (8192, 1.0, 512 in the reference).
        normalize_latents: pixel-normalize z first (True in the reference).

    Example:

    ```python
    g = kerasgan.models.ProGANGenerator(latent_dim=64, image_shape=(32, 32, 3), fmap_base=256, fmap_max=64)
    g(np.zeros((2, 64), "float32")).shape  # (2, 32, 32, 3)
    ```
    """

    def __init__(self, latent_dim=512, image_shape=(1024, 1024, 3), fmap_base=8192, fmap_decay=1.0, fmap_max=512,
                 normalize_latents=True, num_classes=0, name="progan_generator", **kwargs):
        image_shape = image_shape_arg(image_shape, "ProGANGenerator")
        if num_classes:
            raise ValueError(f"ProGANGenerator is unconditional; received num_classes={num_classes}.")
        log2 = resolution_log2(image_shape, "ProGANGenerator")
        nf = feature_maps(fmap_base, fmap_decay, fmap_max)
        channels = image_shape[-1]
        z = keras.Input((latent_dim,), name="z")
        x = PixelNormalization(name="latent_norm")(z) if normalize_latents else z
        x = EqualizedDense(16 * nf(1), gain=math.sqrt(2) / 4, use_bias=False, name="4x4_dense")(x)
        x = keras.layers.Reshape((4, 4, nf(1)))(x)
        x = _lrelu_pn(Bias(name="4x4_dense_bias")(x))
        x = _lrelu_pn(EqualizedConv2D(nf(1), 3, name="4x4_conv")(x))
        images = EqualizedConv2D(channels, 1, gain=1.0, name="to_rgb_4x4")(x)
        for res in range(3, log2 + 1):
            size = 2**res
            x = keras.layers.UpSampling2D(2, interpolation="nearest")(x)
            x = _lrelu_pn(EqualizedConv2D(nf(res - 1), 3, name=f"{size}x{size}_conv0")(x))
            x = _lrelu_pn(EqualizedConv2D(nf(res - 1), 3, name=f"{size}x{size}_conv1")(x))
            new = EqualizedConv2D(channels, 1, gain=1.0, name=f"to_rgb_{size}x{size}")(x)
            images = keras.layers.UpSampling2D(2, interpolation="nearest")(images)
            images = LevelOfDetailBlend(log2 - res, name=f"fade_{size}x{size}")([new, images])
        config = dict(latent_dim=latent_dim, image_shape=image_shape, fmap_base=fmap_base, fmap_decay=fmap_decay,
                      fmap_max=fmap_max, normalize_latents=normalize_latents, num_classes=0)
        super().__init__(z, images, config, name=name, **kwargs)


def _lrelu_pn(x):
    return PixelNormalization()(keras.layers.LeakyReLU(0.2)(x))
