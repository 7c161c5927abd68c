"""Converter of OpenMMLab's released SN-GAN projection checkpoint (mmgeneration `sngan_proj`:
`SNGANGenerator` + `ProjDiscriminator`, CIFAR-10 32×32) into kerasgan's SN-GAN ResNet networks.

The checkpoint is `{"meta", "state_dict"}` with `generator.*` and `discriminator.*` keys. OpenMMLab's
networks are the SN-GAN ResNet-32 with four differences that the kerasgan networks take as options
or that the conversion absorbs: BatchNorm ε 1e-4 (`bn_epsilon=1e-4`); a conditional-BN gain of
`1 + embedding` (converted into the per-class γ table); a bias on D's final linear layer
(`final_bias=True`); `torch.nn.utils.spectral_norm` (`sn_inference="stored"`). The model was trained
on BGR images: the generator's output channels and the discriminator's input channels are
reversed, so the converted networks take and make RGB.
"""


from kerasgan.layers.optimized_residual_block_down import OptimizedResidualBlockDown
from kerasgan.layers.residual_block_down import ResidualBlockDown
from kerasgan.layers.residual_block_up import ResidualBlockUp
from kerasgan.layers.sn_dense import SNDense
from kerasgan.layers.sn_embedding import SNEmbedding
from kerasgan.models.torch_state_dict import TorchStateDict
from kerasgan.models.torch_state_dict import nchw_features_to_nhwc
from kerasgan.models.torch_state_dict import set_weights


def convert_openmmlab_sngan_projection(checkpoint, gan):
    """Load OpenMMLab's SN-GAN projection checkpoint into `gan` (generator and discriminator);
    returns the converted network names."""
    state = checkpoint.get("state_dict", checkpoint)
    source = "the OpenMMLab SN-GAN projection checkpoint"
    _generator(TorchStateDict(state, source, "generator."), gan.generator, source)
    _discriminator(TorchStateDict(state, source, "discriminator."), gan.discriminator, source)
    if gan.ema_generator is not None:
        gan.ema_generator.set_weights(gan.generator.get_weights())
    return ["generator", "discriminator"]


def _generator(sd, g, source):
    f, latent, classes = g.filters, g.latent_dim, g.num_classes
    kernel, bias = nchw_features_to_nhwc(sd.linear("noise2feat.weight", (latent, 16 * f)),
                                         sd.take("noise2feat.bias", (16 * f,)), f, 4)
    set_weights(g.layers[1], [kernel, bias], source)
    blocks = [layer for layer in g.layers if isinstance(layer, ResidualBlockUp)]
    for i, block in enumerate(blocks):
        p = f"conv_blocks.{i}"
        for n, bn in ((1, block.bn1), (2, block.bn2)):
            gain = sd.take(f"{p}.norm_{n}.weight_embedding.weight", (classes, f)) + 1.0
            shift = sd.take(f"{p}.norm_{n}.bias_embedding.weight", (classes, f))
            stats = [sd.take(f"{p}.norm_{n}.norm.running_{s}", (f,)) for s in ("mean", "var")]
            set_weights(bn, [gain, shift, *stats], source)
        for n, conv in ((1, block.conv1), (2, block.conv2)):
            set_weights(conv, [sd.conv(f"{p}.conv_{n}.conv.weight", (3, 3, f, f)),
                               sd.take(f"{p}.conv_{n}.conv.bias", (f,))], source)
        set_weights(block.shortcut, [sd.conv(f"{p}.shortcut.conv.weight", (1, 1, f, f)),
                                     sd.take(f"{p}.shortcut.conv.bias", (f,))], source)
    set_weights(g.layers[-4], sd.batch_norm("to_rgb.bn", f), source)
    channels = g.image_shape[-1]
    kernel = sd.conv("to_rgb.conv.weight", (3, 3, f, channels))[..., ::-1]  # BGR -> RGB
    set_weights(g.layers[-2], [kernel, sd.take("to_rgb.conv.bias", (channels,))[::-1]], source)
    sd.finish()


def _sn_conv(sd, prefix, layer, cin, cout, size, flip_input=False):
    set_weights(layer, sd.sn_conv(f"{prefix}.conv", layer, cin, cout, size, "torch", flip_input=flip_input), sd.source)


def _discriminator(sd, d, source):
    f, classes, channels = d.filters, d.num_classes, d.image_shape[-1]
    head = next(layer for layer in d.layers if isinstance(layer, OptimizedResidualBlockDown))
    blocks = [layer for layer in d.layers if isinstance(layer, ResidualBlockDown)]
    _sn_conv(sd, "from_rgb.conv_1", head.conv1, channels, f, 3, flip_input=True)
    _sn_conv(sd, "from_rgb.conv_2", head.conv2, f, f, 3)
    _sn_conv(sd, "from_rgb.shortcut", head.shortcut, channels, f, 1, flip_input=True)
    for i, block in enumerate(blocks):
        p = f"conv_blocks.{i}"
        _sn_conv(sd, f"{p}.conv_1", block.conv1, f, f, 3)
        _sn_conv(sd, f"{p}.conv_2", block.conv2, f, f, 3)
        if block.shortcut is not None:
            _sn_conv(sd, f"{p}.shortcut", block.shortcut, f, f, 1)
    linear = next(layer for layer in d.layers if isinstance(layer, SNDense))
    weight, vectors = sd.sn("decision", (1, f), linear, "torch")
    set_weights(linear, [weight.T, sd.take("decision.bias", (1,)), *vectors], source)
    if classes:
        embedding = next(layer for layer in d.layers if isinstance(layer, SNEmbedding))
        weight, vectors = sd.sn("proj_y", (classes, f), embedding, "torch")
        set_weights(embedding, [weight, *vectors], source)
    sd.finish()
