import math

import keras

from kerasgan.layers.bias import Bias
from kerasgan.layers.equalized_conv2d import EqualizedConv2D
from kerasgan.layers.equalized_dense import EqualizedDense
from kerasgan.layers.level_of_detail_blend import LevelOfDetailBlend
from kerasgan.layers.pixel_normalization import PixelNormalization
from kerasgan.models.network import OUTPUT_DTYPE
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
    fmap_max), no output activation. Upsample-then-conv stands for the reference's fused
    transposed convolution (`fused_scale`): the same operator (a 3×3 kernel box-summed to 4×4
    and transposed with stride 2 equals nearest 2× upsampling then the 3×3 conv, borders
    included). Deviation: no label conditioning.

    open-mmlab/mmgeneration's `PGGANGenerator` (its released CelebA-HQ 1024 model) differs in
    two ways, both options here: its pixel norm is `x / (sqrt(mean(x²)) + ε)` with ε 1e-5 on
    features and 1e-6 on z (`pixel_norm_epsilon=1e-5, latent_norm_epsilon=1e-6,
    pixel_norm_epsilon_after_sqrt=True`), and the equalized-LR scale of its fused up-convs
    takes the fan of a torch `ConvTranspose2d` weight, 9·out_channels instead of 9·in_channels
    (`up_conv_fan="out"`).

    Args:
        latent_dim: size of z (the reference uses nf(0) = 512).
        image_shape: (size, size, channels), size a power of two ≥ 8.
        fmap_base, fmap_decay, fmap_max: the width rule (8192, 1.0, 512 in the reference).
        normalize_latents: pixel-normalize z first (True in the reference).
        pixel_norm_epsilon, latent_norm_epsilon: ε of the feature and latent pixel norms
            (1e-8 both in the reference).
        pixel_norm_epsilon_after_sqrt: add ε to the root mean square (mmgeneration) instead of
            to the mean square.
        up_conv_fan: `"in"` (the reference) or `"out"` (mmgeneration): the fan that scales the
            first conv of each resolution's block.

    Example:

    ```python
    g = kerasgan.models.ProGANGenerator(latent_dim=64, image_shape=(32, 32, 3), fmap_base=256, fmap_max=64)
    g(np.zeros((2, 64), "float32")).shape  # (2, 32, 32, 3)
    ```
    """

    def __init__(self, latent_dim=512, image_shape=(1024, 1024, 3), fmap_base=8192, fmap_decay=1.0, fmap_max=512,
                 normalize_latents=True, pixel_norm_epsilon=1e-8, latent_norm_epsilon=1e-8,
                 pixel_norm_epsilon_after_sqrt=False, up_conv_fan="in", num_classes=0, name="progan_generator",
                 **kwargs):
        image_shape = image_shape_arg(image_shape, "ProGANGenerator")
        if num_classes:
            raise ValueError(f"ProGANGenerator is unconditional; received num_classes={num_classes}.")
        if up_conv_fan not in ("in", "out"):
            raise ValueError(f"`up_conv_fan` must be 'in' or 'out'; received up_conv_fan={up_conv_fan!r}.")
        log2 = resolution_log2(image_shape, "ProGANGenerator")
        nf = feature_maps(fmap_base, fmap_decay, fmap_max)
        channels = image_shape[-1]
        after_sqrt = pixel_norm_epsilon_after_sqrt

        def lrelu_pn(x):
            x = keras.layers.LeakyReLU(0.2)(x)
            return PixelNormalization(pixel_norm_epsilon, epsilon_after_sqrt=after_sqrt)(x)

        z = keras.Input((latent_dim,), name="z")
        x = z
        if normalize_latents:
            x = PixelNormalization(latent_norm_epsilon, epsilon_after_sqrt=after_sqrt, name="latent_norm")(z)
        x = EqualizedDense(16 * nf(1), gain=math.sqrt(2) / 4, use_bias=False, name="4x4_dense")(x)
        x = keras.layers.Reshape((4, 4, nf(1)))(x)
        x = lrelu_pn(Bias(name="4x4_dense_bias")(x))
        x = lrelu_pn(EqualizedConv2D(nf(1), 3, name="4x4_conv")(x))
        images = EqualizedConv2D(channels, 1, gain=1.0, dtype=OUTPUT_DTYPE, name="to_rgb_4x4")(x)
        for res in range(3, log2 + 1):
            size = 2**res
            # He gain √2 over the fan mmgeneration uses: √(in/out) rescales 9·in to 9·out.
            gain = math.sqrt(2) * (math.sqrt(nf(res - 2) / nf(res - 1)) if up_conv_fan == "out" else 1.0)
            x = keras.layers.UpSampling2D(2, interpolation="nearest")(x)
            x = lrelu_pn(EqualizedConv2D(nf(res - 1), 3, gain=gain, name=f"{size}x{size}_conv0")(x))
            x = lrelu_pn(EqualizedConv2D(nf(res - 1), 3, name=f"{size}x{size}_conv1")(x))
            new = EqualizedConv2D(channels, 1, gain=1.0, dtype=OUTPUT_DTYPE, name=f"to_rgb_{size}x{size}")(x)
            images = keras.layers.UpSampling2D(2, interpolation="nearest", dtype=OUTPUT_DTYPE)(images)
            images = LevelOfDetailBlend(log2 - res, dtype=OUTPUT_DTYPE, name=f"fade_{size}x{size}")([new, images])
        config = dict(latent_dim=latent_dim, image_shape=image_shape, fmap_base=fmap_base, fmap_decay=fmap_decay,
                      fmap_max=fmap_max, normalize_latents=normalize_latents, pixel_norm_epsilon=pixel_norm_epsilon,
                      latent_norm_epsilon=latent_norm_epsilon, pixel_norm_epsilon_after_sqrt=after_sqrt,
                      up_conv_fan=up_conv_fan, num_classes=0)
        super().__init__(z, images, config, name=name, **kwargs)
