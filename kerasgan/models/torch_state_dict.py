"""Reading a PyTorch state dict into kerasgan's Keras layers: the shared part of the converters of
publishers' checkpoints (NumPy arrays in, `set_weights` out; no torch needed)."""

import numpy as np

# Bookkeeping buffers of torch modules that carry no weights.
IGNORED_SUFFIXES = (".num_batches_tracked",)


class TorchStateDict:
    """A publisher's state dict, consumed key by key: every key must be used exactly once, every
    shape must match, and `finish()` refuses keys left over, so a checkpoint of another
    architecture or width fails with a clear error instead of loading silently wrong.

    Args:
        state: `{name: np.ndarray}` (e.g. from `kerasgan.utils.read_torch_checkpoint`).
        source: how to name the checkpoint in errors.
        prefix: a prefix every key carries (e.g. OpenMMLab's `"generator."`).
    """

    def __init__(self, state, source, prefix=""):
        self.state = {k[len(prefix):]: np.asarray(v) for k, v in state.items() if k.startswith(prefix)}
        if not self.state:
            raise ValueError(f"{source} holds no keys starting with {prefix!r}; its keys begin {sorted(state)[:5]}.")
        self.source = source
        self.used = set()

    def take(self, key, shape=None):
        if key not in self.state:
            close = [k for k in self.state if k.split(".")[0] == key.split(".")[0]][:6]
            raise ValueError(f"{self.source} has no key {key!r} (keys nearby: {close}): not the expected architecture.")
        if key in self.used:
            raise ValueError(f"Converter error: key {key!r} of {self.source} used twice.")
        value = self.state[key]
        if shape is not None and tuple(value.shape) != tuple(shape):
            raise ValueError(
                f"{self.source}: {key!r} has shape {tuple(value.shape)}, the kerasgan network expects {tuple(shape)} "
                "(another width or configuration)."
            )
        self.used.add(key)
        return value.astype("float32")

    def conv(self, key, kernel_shape):
        """A Conv2d weight `(out, in, kh, kw)` as a Keras kernel `(kh, kw, in, out)`."""
        kh, kw, cin, cout = kernel_shape
        return self.take(key, (cout, cin, kh, kw)).transpose(2, 3, 1, 0)

    def linear(self, key, kernel_shape):
        """A Linear weight `(out, in)` as a Keras Dense kernel `(in, out)`."""
        cin, cout = kernel_shape
        return self.take(key, (cout, cin)).T

    def batch_norm(self, prefix, channels):
        """`[gamma, beta, moving_mean, moving_variance]` of a BatchNorm2d."""
        names = ("weight", "bias", "running_mean", "running_var")
        return [self.take(f"{prefix}.{name}", (channels,)) for name in names]

    def sn(self, prefix, weight_shape, layer, style):
        """`(weight, [u, v])` of a spectrally normalized torch module for a kerasgan SN layer.

        `style="torch"`: `torch.nn.utils.spectral_norm` (`weight_orig`, `weight_u`, `weight_v`);
        `style="ajbrock"`: BigGAN-PyTorch's `SN` (`weight`, `u0`, `sv0`; `sv0` is only a log).
        `weight_shape` is the torch weight's shape; the returned weight is still in torch layout.
        `v` is returned (in kerasgan's column order) when the layer stores it.
        """
        if style == "torch":
            weight = self.take(f"{prefix}.weight_orig", weight_shape)
            u = self.take(f"{prefix}.weight_u", (weight_shape[0],))
            v = self.take(f"{prefix}.weight_v", (int(np.prod(weight_shape[1:])),))
            if len(weight_shape) == 4:  # torch columns run over (in, kh, kw); kerasgan's over (kh, kw, in)
                v = v.reshape(weight_shape[1:]).transpose(1, 2, 0).reshape(-1)
        elif style == "ajbrock":
            weight = self.take(f"{prefix}.weight", weight_shape)
            u = self.take(f"{prefix}.u0", (1, weight_shape[0]))[0]
            self.take(f"{prefix}.sv0", (1,))
            v = None
        else:
            raise ValueError(f"Unknown spectral-norm style {style!r}.")
        vectors = [u[None, :]]
        if getattr(layer, "inference", "power_iteration") == "stored":
            if v is None:
                raise ValueError(
                    f"{self.source}: {prefix} stores no `v`; build the layer with inference='power_iteration'."
                )
            vectors.append(v[None, :])
        return weight, vectors

    def sn_conv(self, prefix, layer, cin, cout, size, style, bias=True, flip_input=False, flip_output=False):
        """The weights of a kerasgan SN conv layer from a spectrally normalized torch Conv2d:
        `[kernel, (bias), u, (v)]`. `flip_input` / `flip_output` reverse the input / output channels
        (a model trained on BGR images converted to RGB), with the SN vectors that run over them."""
        weight, vectors = self.sn(prefix, (cout, cin, size, size), layer, style)
        kernel = weight.transpose(2, 3, 1, 0)
        arrays = [self.take(f"{prefix}.bias", (cout,))] if bias else []
        if flip_input:
            kernel = kernel[:, :, ::-1, :]
            if len(vectors) == 2:
                vectors[1] = vectors[1].reshape(size, size, cin)[:, :, ::-1].reshape(1, -1)
        if flip_output:
            kernel, arrays = kernel[..., ::-1], [a[::-1] for a in arrays]
            vectors[0] = vectors[0][:, ::-1]
        return [np.ascontiguousarray(kernel), *arrays, *(np.ascontiguousarray(v) for v in vectors)]

    def finish(self, ignore=()):
        left = sorted(k for k in self.state if k not in self.used and not k.endswith(IGNORED_SUFFIXES)
                      and not k.startswith(tuple(ignore)))
        if left:
            raise ValueError(f"{self.source} has {len(left)} keys the kerasgan network has no place for: {left[:8]} "
                             "(another architecture?); nothing was loaded.")


def nchw_features_to_nhwc(kernel, bias, channels, size):
    """Permute the outputs of a linear layer that feeds `view(N, C, H, W)` (PyTorch) so that a
    channels-last `Reshape((H, W, C))` sees the same features."""
    order = np.arange(channels * size * size).reshape(channels, size, size).transpose(1, 2, 0).reshape(-1)
    return kernel[:, order], (None if bias is None else bias[order])


def require_options(network, options, source):
    """Refuse to convert into a network not built with the publisher's `options` (constructor
    arguments): the weights would load but compute something else."""
    config = network.get_config()
    wrong = {key: config.get(key) for key, value in options.items() if config.get(key) != value}
    if wrong:
        raise ValueError(f"{source} needs a {type(network).__name__} built with "
                         f"{', '.join(f'{k}={v!r}' for k, v in options.items())}; received "
                         f"{', '.join(f'{k}={v!r}' for k, v in wrong.items())}.")


def set_weights(layer, arrays, source):
    """`layer.set_weights(arrays)` after checking every shape (the error names the layer)."""
    expected = [tuple(w.shape) for w in layer.weights]
    received = [tuple(a.shape) for a in arrays]
    if expected != received:
        raise ValueError(f"{source}: layer {layer.name!r} has weights of shapes {expected}; the checkpoint gives "
                         f"{received}.")
    layer.set_weights(arrays)
