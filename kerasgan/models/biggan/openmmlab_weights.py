"""Converters of OpenMMLab's released BigGAN checkpoints (mmgeneration `biggan`) into kerasgan's
BigGAN networks: the CIFAR-10 model OpenMMLab trained, and its conversion of BigGAN-PyTorch's
ImageNet 128×128 release (the layout BigGAN-PyTorch's own `G.pth` / `D.pth` map to, see
`biggan_pytorch_weights`).

Checkpoints are `{"meta", "state_dict"}` with `generator.*`, `generator_ema.*` and
`discriminator.*` keys. The networks are BigGAN-PyTorch's; the differences are absorbed here or are
options of the kerasgan networks: the CIFAR-10 model uses `torch.nn.utils.spectral_norm`
(`sn_inference="stored"`) and was trained on BGR images (its generator's output channels and its
discriminator's input channels are reversed, so the converted networks take and make RGB); the
ImageNet model keeps BigGAN-PyTorch's spectral norm and RGB. OpenMMLab's discriminator for the
ImageNet model rectifies block inputs in place (its shortcut then sees relu(x)); the converted
discriminator keeps BigGAN-PyTorch's out-of-place ReLU, with which the weights were trained.
"""

import numpy as np

from kerasgan.layers.optimized_residual_block_down import OptimizedResidualBlockDown
from kerasgan.layers.residual_block_down import ResidualBlockDown
from kerasgan.layers.residual_block_up import ResidualBlockUp
from kerasgan.layers.self_attention import SelfAttention
from kerasgan.models.torch_state_dict import TorchStateDict
from kerasgan.models.torch_state_dict import nchw_features_to_nhwc
from kerasgan.models.torch_state_dict import set_weights


def convert_openmmlab_biggan(checkpoint, gan, bgr):
    """Load an mmgeneration BigGAN state dict into `gan`: `generator_ema.*` into the EMA generator
    (or, without one, the generator), `generator.*` into the generator and `discriminator.*` into
    the discriminator, each where present; returns the converted network names."""
    state = checkpoint.get("state_dict", checkpoint)
    source = "the OpenMMLab BigGAN checkpoint"
    style = "torch" if any(k.endswith(".weight_orig") for k in state) else "ajbrock"
    has = {prefix: any(k.startswith(prefix) for k in state) for prefix in ("generator.", "generator_ema.",
                                                                              "discriminator.")}
    converted = []
    if has["generator."]:
        convert_generator(TorchStateDict(state, source, "generator."), gan.generator, style, bgr)
        converted.append("generator")
    if has["generator_ema."]:
        target = gan.ema_generator if gan.ema_generator is not None else gan.generator
        convert_generator(TorchStateDict(state, source, "generator_ema."), target, style, bgr)
        converted.append("ema_generator" if gan.ema_generator is not None else "generator (EMA weights)")
    elif gan.ema_generator is not None and has["generator."]:
        gan.ema_generator.set_weights(gan.generator.get_weights())
    if has["discriminator."]:
        convert_discriminator(TorchStateDict(state, source, "discriminator."), gan.discriminator, style, bgr)
        converted.append("discriminator")
    if not converted:
        raise ValueError(f"{source} holds no generator or discriminator keys; its keys begin {sorted(state)[:5]}.")
    return converted


def _conv(sd, prefix, layer, cin, cout, size, style, flip_input=False, flip_output=False):
    arrays = sd.sn_conv(prefix, layer, cin, cout, size, style, flip_input=flip_input, flip_output=flip_output)
    set_weights(layer, arrays, sd.source)


def _linear(sd, prefix, layer, cin, cout, style, bias=True):
    """`([kernel, (bias)], [u, (v)])` of a spectrally normalized torch Linear."""
    weight, vectors = sd.sn(prefix, (cout, cin), layer, style)
    return [np.ascontiguousarray(weight.T)] + ([sd.take(f"{prefix}.bias", (cout,))] if bias else []), vectors


def _attention(sd, prefix, layer, channels, style):
    parts = (("theta", layer.theta, channels, channels // 8), ("phi", layer.phi, channels, channels // 8),
             ("g", layer.g, channels, channels // 2), ("o", layer.o, channels // 2, channels))
    for name, sub, cin, cout in parts:
        set_weights(sub, sd.sn_conv(f"{prefix}.{name}.conv", sub, cin, cout, 1, style, bias=False), sd.source)
    layer.gamma.assign(np.asarray(sd.take(f"{prefix}.gamma", ()), "float32"))


def convert_generator(sd, g, style, bgr):
    """An mmgeneration `BigGANGenerator` state dict (keys without the `generator.` prefix) into a
    kerasgan `BigGANGenerator` of the same configuration."""
    layers = {layer.name: layer for layer in g.layers}
    blocks = [layer for layer in g.layers if isinstance(layer, (ResidualBlockUp, SelfAttention))]
    linear = layers["linear"]
    z_in, width16 = linear.kernel.shape
    width = width16 // 16
    arrays, vectors = _linear(sd, "noise2feat", linear, z_in, width16, style)
    kernel, bias = nchw_features_to_nhwc(arrays[0], arrays[1], width, 4)
    vectors[0] = nchw_features_to_nhwc(vectors[0], None, width, 4)[0]  # u runs over the outputs too
    set_weights(linear, [kernel, bias, *vectors], sd.source)
    if "shared" in layers:
        set_weights(layers["shared"], [sd.take("shared_embedding.weight", tuple(layers["shared"].embeddings.shape))],
                    sd.source)
    channels = width
    for i, block in enumerate(blocks):
        p = f"conv_blocks.{i}"
        if isinstance(block, SelfAttention):
            _attention(sd, p, block, channels, style)
            continue
        out = block.filters
        for n, bn, c in ((1, block.bn1, channels), (2, block.bn2, out)):
            cond = bn.gain.kernel.shape[0]
            stats = [sd.take(f"{p}.bn{n}.bn.running_{s}", (c,)) for s in ("mean", "var")]
            maps = []
            for part, dense in (("gain", bn.gain), ("bias", bn.bias)):
                if block.conditioning_spectral_norm:
                    arrays, vectors = _linear(sd, f"{p}.bn{n}.{part}", dense, cond, c, style, bias=False)
                    maps += arrays + vectors
                else:  # per-class embedding tables (num_classes, C), applied to one-hot labels
                    maps.append(sd.take(f"{p}.bn{n}.{part}.weight", (cond, c)))
            set_weights(bn, stats + maps, sd.source)
        _conv(sd, f"{p}.conv1.conv", block.conv1, channels, out, 3, style)
        _conv(sd, f"{p}.conv2.conv", block.conv2, out, out, 3, style)
        _conv(sd, f"{p}.shortcut.conv", block.shortcut, channels, out, 1, style)
        channels = out
    set_weights(layers["output_bn"], sd.batch_norm("output_layer.bn", channels), sd.source)
    _conv(sd, "output_layer.conv", layers["output_conv"], channels, g.image_shape[-1], 3, style, flip_output=bgr)
    sd.finish()


def convert_discriminator(sd, d, style, bgr):
    """An mmgeneration `BigGANDiscriminator` state dict (keys without the `discriminator.`
    prefix) into a kerasgan `BigGANDiscriminator` of the same configuration."""
    layers = {layer.name: layer for layer in d.layers}
    blocks = [layer for layer in d.layers
              if isinstance(layer, (OptimizedResidualBlockDown, ResidualBlockDown, SelfAttention))]
    channels = d.image_shape[-1]
    for i, block in enumerate(blocks):
        p = f"conv_blocks.{i}"
        if isinstance(block, SelfAttention):
            _attention(sd, p, block, channels, style)
            continue
        out = block.filters
        first = isinstance(block, OptimizedResidualBlockDown)
        _conv(sd, f"{p}.conv1.conv", block.conv1, channels, out, 3, style, flip_input=first and bgr)
        _conv(sd, f"{p}.conv2.conv", block.conv2, out, out, 3, style)
        if block.shortcut is not None:
            _conv(sd, f"{p}.shortcut.conv", block.shortcut, channels, out, 1, style, flip_input=first and bgr)
        channels = out
    arrays, vectors = _linear(sd, "decision", layers["linear"], channels, 1, style)
    set_weights(layers["linear"], arrays + vectors, sd.source)
    embed = layers["embed"]
    weight, vectors = sd.sn("proj_y", tuple(embed.embeddings.shape), embed, style)
    set_weights(embed, [weight, *vectors], sd.source)
    sd.finish()
