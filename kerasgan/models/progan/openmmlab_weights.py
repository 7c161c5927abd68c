"""Converter of OpenMMLab's released PGGAN checkpoint (mmgeneration `pggan`: `PGGANGenerator` +
`PGGANDiscriminator` with an EMA generator, CelebA-HQ 1024×1024) into kerasgan's ProGAN networks.

The checkpoint is `{"meta", "state_dict"}` with `generator.*`, `generator_ema.*`,
`discriminator.*` keys and the growing state (`shown_nkimg`, `_curr_scale_int`,
`_curr_transition_weight`, `_next_scale_int`). Stored weights are the equalized-LR
`weight_orig` (the run-time scale is applied by the layers, as in kerasgan). OpenMMLab's networks
differ from the authors' where the kerasgan networks take options: pixel norm
`x / (sqrt(mean x²) + ε)` with ε 1e-5 / 1e-6 on z, the fan of its fused up-convs
(`up_conv_fan="out"`), no 3×3 conv after the minibatch stddev (`final_conv=False`). Its fused
up-conv (a transposed conv with the 3×3 kernel box-summed to 4×4) is kerasgan's nearest 2×
upsampling then 3×3 conv with the kernel flipped; its fused conv-down (box-summed, averaged,
stride 2) is kerasgan's 3×3 conv then 2×2 average pooling. The model was trained on BGR images:
every toRGB's outputs and fromRGB's inputs are reversed, so the converted networks take and make
RGB.
"""

import math

import numpy as np

from kerasgan.models.torch_state_dict import TorchStateDict
from kerasgan.models.torch_state_dict import nchw_features_to_nhwc
from kerasgan.models.torch_state_dict import require_options
from kerasgan.models.torch_state_dict import set_weights

GENERATOR_OPTIONS = dict(pixel_norm_epsilon=1e-5, latent_norm_epsilon=1e-6, pixel_norm_epsilon_after_sqrt=True,
                         up_conv_fan="out")
DISCRIMINATOR_OPTIONS = dict(final_conv=False)
_GROWTH = ("shown_nkimg", "_curr_scale_int", "_curr_transition_weight", "_next_scale_int")


def convert_openmmlab_pggan(checkpoint, gan):
    """Load OpenMMLab's PGGAN checkpoint into the `ProGAN` `gan` (generator, EMA generator,
    discriminator and the level of detail it had grown to); returns the converted network names."""
    state = checkpoint.get("state_dict", checkpoint)
    source = "the OpenMMLab PGGAN checkpoint"
    require_options(gan.generator, GENERATOR_OPTIONS, source)
    require_options(gan.discriminator, DISCRIMINATOR_OPTIONS, source)
    missing = [key for key in _GROWTH if key not in state]
    if missing:
        raise ValueError(f"{source} has no {missing}: not a ProgressiveGrowingGAN checkpoint.")
    converted = []
    for prefix, network in (("generator.", gan.generator), ("generator_ema.", gan.ema_generator)):
        if network is not None:
            _generator(TorchStateDict(state, source, prefix), network, source)
            converted.append("ema_generator" if prefix == "generator_ema." else "generator")
    _discriminator(TorchStateDict(state, source, "discriminator."), gan.discriminator, source)
    converted.append("discriminator")
    scale = int(np.asarray(state["_curr_scale_int"]))
    weight = float(np.asarray(state["_curr_transition_weight"]))
    size = gan.image_shape[0]
    if scale < 4 or scale > size or size % scale:
        raise ValueError(f"{source} was growing at {scale}×{scale}, not a stage of the {size}×{size} model.")
    images_seen = int(float(np.asarray(state["shown_nkimg"])) * 1000)
    gan.grow_to(math.log2(size / scale) + (1.0 - weight), images_seen=images_seen)
    return converted


def _eq(sd, key):
    return sd.take(f"{key}.weight_orig"), sd.take(f"{key}.bias")


def _conv(weight):
    """Conv2d `(out, in, kh, kw)` → Keras `(kh, kw, in, out)`."""
    return weight.transpose(2, 3, 1, 0)


def _generator(sd, g, source):
    layer = g.get_layer
    dense = layer("4x4_dense")
    maps = dense.kernel.shape[1] // 16
    weight = sd.take("noise2feat.linear.weight_orig", (16 * maps, g.latent_dim))
    kernel, _ = nchw_features_to_nhwc(weight.T, None, maps, 4)
    set_weights(dense, [kernel], source)
    set_weights(layer("4x4_dense_bias"), [sd.take("noise2feat.bias", (1, maps, 1, 1)).reshape(-1)], source)
    _set(layer("4x4_conv"), sd, "conv_blocks.0.conv", source)
    log2 = int(math.log2(g.image_shape[0]))
    for res in range(3, log2 + 1):
        size = 2**res
        up = layer(f"{size}x{size}_conv0")
        weight, bias = _eq(sd, f"conv_blocks.{2 * res - 5}.conv")
        # A transposed conv's kernel is the mirror image of the conv it equals after upsampling.
        set_weights(up, [np.ascontiguousarray(weight[:, :, ::-1, ::-1].transpose(2, 3, 0, 1)), bias], source)
        _set(layer(f"{size}x{size}_conv1"), sd, f"conv_blocks.{2 * res - 4}.conv", source)
    for res in range(2, log2 + 1):
        size = 2**res
        weight, bias = _eq(sd, f"torgb_layers.{res - 2}.conv")
        set_weights(layer(f"to_rgb_{size}x{size}"),
                    [np.ascontiguousarray(_conv(weight)[..., ::-1]), np.ascontiguousarray(bias[::-1])], source)
    sd.finish()


def _set(keras_layer, sd, key, source):
    """An equalized-LR Conv2d's stored weight and bias into an `EqualizedConv2D`."""
    weight, bias = _eq(sd, key)
    set_weights(keras_layer, [np.ascontiguousarray(_conv(weight)), bias], source)


def _discriminator(sd, d, source):
    layer = d.get_layer
    log2 = int(math.log2(d.image_shape[0]))
    for res in range(2, log2 + 1):
        size = 2**res
        weight, bias = _eq(sd, f"fromrgb_layers.{res - 2}.conv")
        set_weights(layer(f"from_rgb_{size}x{size}"), [np.ascontiguousarray(_conv(weight)[:, :, ::-1]), bias], source)
    for res in range(log2, 2, -1):
        size = 2**res
        _set(layer(f"{size}x{size}_conv0"), sd, f"conv_blocks.{2 * res - 5}.conv", source)
        weight, bias = _eq(sd, f"conv_blocks.{2 * res - 4}.conv")
        set_weights(layer(f"{size}x{size}_conv1_down"), [np.ascontiguousarray(_conv(weight))], source)
        set_weights(layer(f"{size}x{size}_conv1_down_bias"), [bias], source)
    sd.take("conv_blocks.0.conv.weight_orig"), sd.take("conv_blocks.0.conv.bias")  # built but unused by mmgeneration
    dense0 = layer("4x4_dense0")
    units, features = dense0.kernel.shape[1], dense0.kernel.shape[0]
    maps = features // 16
    weight = sd.take("decision.linear0.weight_orig", (units, features))
    bias = sd.take("decision.linear0.bias")
    # torch flattens (C, 4, 4); the channels-last Flatten gives (4, 4, C).
    kernel = weight.reshape(units, maps, 4, 4).transpose(2, 3, 1, 0).reshape(features, units)
    set_weights(dense0, [np.ascontiguousarray(kernel), bias], source)
    weight, bias = _eq(sd, "decision.linear1")
    set_weights(layer("4x4_dense1"), [np.ascontiguousarray(weight.T), bias], source)
    sd.finish()
