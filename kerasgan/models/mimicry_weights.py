"""Converter of Mimicry's released ResNet-32 generators (kwotsin/mimicry: `SNGANGenerator32` and
`WGANGPGenerator32`, the same network) into kerasgan's SN-GAN / WGAN-GP ResNet generators.

Mimicry's checkpoints are `{"model_state_dict", "optimizer_state_dict", "global_step"}`; its
generator is the authors' ResNet-32 with bilinear upsampling and BatchNorm ε 1e-5, which the
kerasgan generators take as options (`upsampling="bilinear"`, `bn_epsilon=1e-5`). Its first linear
layer feeds `view(N, C, 4, 4)`: its outputs are permuted for the channels-last reshape.
"""

from kerasgan.layers.residual_block_up import ResidualBlockUp
from kerasgan.models.torch_state_dict import TorchStateDict
from kerasgan.models.torch_state_dict import nchw_features_to_nhwc
from kerasgan.models.torch_state_dict import set_weights


def convert_mimicry_generator(checkpoint, gan):
    """Load a Mimicry ResNet-32 generator checkpoint into `gan.generator` (and its EMA copy, if
    any); returns `["generator"]`. Mimicry releases no discriminator for these models."""
    state = checkpoint.get("model_state_dict", checkpoint) if isinstance(checkpoint, dict) else checkpoint
    source = "the Mimicry generator checkpoint"
    g = gan.generator
    if getattr(g, "upsampling", "nearest") != "bilinear":
        raise ValueError(f"{source} needs a generator built with upsampling='bilinear' (Mimicry's GBlock); "
                         f"received {type(g).__name__} with upsampling={getattr(g, 'upsampling', None)!r}.")
    sd = TorchStateDict(state, source)
    dense = g.layers[1]
    blocks = [layer for layer in g.layers if isinstance(layer, ResidualBlockUp)]
    bn_out, conv_out = g.layers[-4], g.layers[-2]
    filters, latent = g.filters, g.latent_dim
    kernel = sd.linear("l1.weight", (latent, 16 * filters))
    kernel, bias = nchw_features_to_nhwc(kernel, sd.take("l1.bias", (16 * filters,)), filters, 4)
    set_weights(dense, [kernel, bias], source)
    for i, block in enumerate(blocks):
        name = f"block{i + 2}"
        set_weights(block.bn1, sd.batch_norm(f"{name}.b1", filters), source)
        set_weights(block.conv1, [sd.conv(f"{name}.c1.weight", (3, 3, filters, filters)),
                                  sd.take(f"{name}.c1.bias", (filters,))], source)
        set_weights(block.bn2, sd.batch_norm(f"{name}.b2", filters), source)
        set_weights(block.conv2, [sd.conv(f"{name}.c2.weight", (3, 3, filters, filters)),
                                  sd.take(f"{name}.c2.bias", (filters,))], source)
        set_weights(block.shortcut, [sd.conv(f"{name}.c_sc.weight", (1, 1, filters, filters)),
                                     sd.take(f"{name}.c_sc.bias", (filters,))], source)
    set_weights(bn_out, sd.batch_norm("b5", filters), source)
    channels = g.image_shape[-1]
    set_weights(conv_out, [sd.conv("c5.weight", (3, 3, filters, channels)), sd.take("c5.bias", (channels,))], source)
    sd.finish()
    if gan.ema_generator is not None:
        gan.ema_generator.set_weights(g.get_weights())
    return ["generator"]
