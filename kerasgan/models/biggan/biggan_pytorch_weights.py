"""Converter of the BigGAN authors' own checkpoints (ajbrock/BigGAN-PyTorch `G.pth`, `G_ema.pth`,
`D.pth`: bare state dicts) into kerasgan's BigGAN networks.

BigGAN-PyTorch's key layout is renamed into mmgeneration's, which OpenMMLab's conversion of the
same networks uses (`blocks.i.j` → `conv_blocks.k`, `conv_sc` → `shortcut`, `stored_mean` →
`running_mean`, ...), and converted by `openmmlab_weights` with BigGAN-PyTorch's spectral norm
(one power step from `u0` in inference; `sv0` is a log) and RGB images.
"""

import re

from kerasgan.models.biggan.openmmlab_weights import convert_discriminator
from kerasgan.models.biggan.openmmlab_weights import convert_generator
from kerasgan.models.torch_state_dict import TorchStateDict

# The authors' architecture, whatever variant a preset builds (a checkpoint of theirs needs it).
AUTHORS_ARCHITECTURE = {"sn_inference": "power_iteration", "cbn_spectral_norm": None}

_BLOCK = re.compile(r"^blocks\.(\d+)\.(\d+)\.")
_SUBLAYER = {"conv1.": "conv1.conv.", "conv2.": "conv2.conv.", "conv_sc.": "shortcut.conv.", "theta.": "theta.conv.",
             "phi.": "phi.conv.", "g.": "g.conv.", "o.": "o.conv."}
_OUTPUT = {"output_layer.0.gain": "output_layer.bn.weight", "output_layer.0.bias": "output_layer.bn.bias",
           "output_layer.0.stored_mean": "output_layer.bn.running_mean",
           "output_layer.0.stored_var": "output_layer.bn.running_var"}


def is_biggan_pytorch_state(checkpoint):
    """Whether `checkpoint` is a bare BigGAN-PyTorch G or D state dict."""
    return isinstance(checkpoint, dict) and "linear.weight" in checkpoint and any(_BLOCK.match(k) for k in checkpoint)


def architecture_for(checkpoint):
    """Config overrides a preset needs to receive `checkpoint` (the authors' variant for theirs)."""
    return dict(AUTHORS_ARCHITECTURE) if is_biggan_pytorch_state(checkpoint) else {}


def to_mmgeneration_layout(state):
    """`(kind, renamed)`: "generator" or "discriminator", and the keys in mmgeneration's names."""
    kind = "generator" if "shared.weight" in state or any(k.startswith("output_layer.") for k in state) else \
        "discriminator"
    slots = sorted({tuple(int(i) for i in _BLOCK.match(k).groups()) for k in state if _BLOCK.match(k)})
    index = {slot: k for k, slot in enumerate(slots)}
    renamed = {}
    for key, value in state.items():
        match = _BLOCK.match(key)
        if match:
            rest = key[match.end():]
            for old, new in _SUBLAYER.items():
                if rest.startswith(old):
                    rest = new + rest[len(old):]
                    break
            rest = re.sub(r"^(bn[12])\.stored_(mean|var)$", lambda m: f"{m.group(1)}.bn.running_{m.group(2)}", rest)
            new_key = f"conv_blocks.{index[tuple(int(i) for i in match.groups())]}.{rest}"
        elif key in _OUTPUT:
            new_key = _OUTPUT[key]
        elif key.startswith("output_layer.2."):
            new_key = "output_layer.conv." + key[len("output_layer.2."):]
        elif key.startswith("linear."):
            new_key = ("noise2feat." if kind == "generator" else "decision.") + key[len("linear."):]
        elif key == "shared.weight":
            new_key = "shared_embedding.weight"
        elif key.startswith("embed."):
            new_key = "proj_y." + key[len("embed."):]
        else:
            new_key = key
        renamed[new_key] = value
    return kind, renamed


def convert_biggan_pytorch(checkpoint, gan):
    """Load a BigGAN-PyTorch state dict into `gan`: a `G.pth` or `G_ema.pth` into the generator
    (and the EMA generator, when the model keeps one, so that sampling uses it), a `D.pth` into the
    discriminator. The networks must have the authors' configuration and spectral norm
    (`AUTHORS_ARCHITECTURE`). Returns the converted network names."""
    kind, state = to_mmgeneration_layout(checkpoint)
    source = f"the BigGAN-PyTorch {'G' if kind == 'generator' else 'D'} state dict"
    if kind == "discriminator":
        convert_discriminator(TorchStateDict(state, source), gan.discriminator, "ajbrock", bgr=False)
        return ["discriminator"]
    convert_generator(TorchStateDict(state, source), gan.generator, "ajbrock", bgr=False)
    if gan.ema_generator is not None:
        gan.ema_generator.set_weights(gan.generator.get_weights())
        return ["generator", "ema_generator"]
    return ["generator"]
