"""Converter of OpenMMLab's released DCGAN checkpoint (mmgeneration `dcgan`: `DCGANGenerator` +
`DCGANDiscriminator`, CelebA-cropped 64×64) into kerasgan's DCGAN networks.

The checkpoint is `{"meta", "state_dict"}` with `generator.*` and `discriminator.*` keys (no EMA).
OpenMMLab's networks are DCGAN's with the PyTorch port's choices, which the kerasgan networks take
as options: 4×4 kernels (`kernel_size=4`), a 4×4 transposed convolution on z with BatchNorm per
feature map (`projection_norm="channel"`; a dense layer to 4×4 here), biases where no BatchNorm
follows (`use_bias=True`; D's 4×4 valid convolution to the logit is flatten → dense here) and
LeakyReLU 0.01 (`leaky_relu_slope=0.01`). The model was trained on BGR images: G's output
channels and D's input channels are reversed, so the converted networks take and make RGB.
"""

import keras
import numpy as np

from kerasgan.models.torch_state_dict import TorchStateDict
from kerasgan.models.torch_state_dict import require_options
from kerasgan.models.torch_state_dict import set_weights

GENERATOR_OPTIONS = dict(kernel_size=4, projection_norm="channel", use_bias=True)
DISCRIMINATOR_OPTIONS = dict(kernel_size=4, use_bias=True, leaky_relu_slope=0.01)


def convert_openmmlab_dcgan(checkpoint, gan):
    """Load OpenMMLab's DCGAN checkpoint into `gan` (generator and discriminator); returns the
    converted network names."""
    state = checkpoint.get("state_dict", checkpoint)
    source = "the OpenMMLab DCGAN checkpoint"
    require_options(gan.generator, GENERATOR_OPTIONS, source)
    require_options(gan.discriminator, DISCRIMINATOR_OPTIONS, source)
    _generator(TorchStateDict(state, source, "generator."), gan.generator, source)
    _discriminator(TorchStateDict(state, source, "discriminator."), gan.discriminator, source)
    if gan.ema_generator is not None:
        gan.ema_generator.set_weights(gan.generator.get_weights())
    return ["generator", "discriminator"]


def _layers(network, kind):
    return [layer for layer in network.layers if isinstance(layer, kind)]


def _transpose_kernel(weight):
    """A ConvTranspose2d weight `(in, out, kh, kw)` as a Keras Conv2DTranspose kernel `(kh, kw, out, in)`."""
    return np.ascontiguousarray(weight.transpose(2, 3, 1, 0))


def _generator(sd, g, source):
    latent, channels = g.latent_dim, g.image_shape[-1]
    convs = _layers(g, keras.layers.Conv2DTranspose)
    norms = _layers(g, keras.layers.BatchNormalization)
    maps = [norm.gamma.shape[0] for norm in norms]
    weight = sd.take("noise2feat.conv.weight", (latent, maps[0], 4, 4))
    set_weights(_layers(g, keras.layers.Dense)[0], [weight.transpose(0, 2, 3, 1).reshape(latent, -1)], source)
    set_weights(norms[0], sd.batch_norm("noise2feat.bn", maps[0]), source)
    for i, (conv, norm) in enumerate(zip(convs[:-1], norms[1:], strict=True)):
        weight = sd.take(f"upsampling.{i}.conv.weight", (maps[i], maps[i + 1], 4, 4))
        set_weights(conv, [_transpose_kernel(weight)], source)
        set_weights(norm, sd.batch_norm(f"upsampling.{i}.bn", maps[i + 1]), source)
    kernel = _transpose_kernel(sd.take("output_layer.conv.weight", (maps[-1], channels, 4, 4)))[:, :, ::-1]
    bias = sd.take("output_layer.conv.bias", (channels,))[::-1]  # BGR -> RGB
    set_weights(convs[-1], [np.ascontiguousarray(kernel), np.ascontiguousarray(bias)], source)
    sd.finish()


def _discriminator(sd, d, source):
    convs = _layers(d, keras.layers.Conv2D)
    norms = _layers(d, keras.layers.BatchNormalization)
    channels = d.image_shape[-1]
    first = convs[0].filters
    kernel = sd.conv("downsamples.0.conv.weight", (4, 4, channels, first))[:, :, ::-1]  # RGB in, BGR trained
    set_weights(convs[0], [np.ascontiguousarray(kernel), sd.take("downsamples.0.conv.bias", (first,))], source)
    for i, (conv, norm) in enumerate(zip(convs[1:], norms, strict=True), start=1):
        cin, cout = conv.kernel.shape[2], conv.filters
        set_weights(conv, [sd.conv(f"downsamples.{i}.conv.weight", (4, 4, cin, cout))], source)
        set_weights(norm, sd.batch_norm(f"downsamples.{i}.bn", cout), source)
    dense = _layers(d, keras.layers.Dense)[0]
    maps = convs[-1].filters
    size = int(round((dense.kernel.shape[0] // maps) ** 0.5))
    weight = sd.take("output_layer.conv.weight", (1, maps, size, size))
    kernel = weight[0].transpose(1, 2, 0).reshape(-1, 1)  # (C, H, W) → the channels-last flatten order
    set_weights(dense, [np.ascontiguousarray(kernel), sd.take("output_layer.conv.bias", (1,))], source)
    sd.finish()
