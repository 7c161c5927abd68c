"""The Inception network of the standard FID and Inception Score implementations, in Keras.

Architecture and weights: the TensorFlow Inception graph of 2015-12-05
(`inception-2015-12-05.tgz`, used by the original TTUR FID code of Heusel et al. and the original
Inception Score code of Salimans et al.) as ported to PyTorch by pytorch-fid
(mseitzer/pytorch-fid, `src/pytorch_fid/inception.py`, `FIDInceptionV3`) and torch-fidelity. It is
torchvision's Inception-v3 with the FID patches: average pools that ignore padding
(`count_include_pad=False`, TensorFlow's behaviour) in the A, C and first E blocks, a max pool in
the branch-pool of the last E block, BatchNorm eps 1e-3, no auxiliary head and a 1008-way classifier.

Weights: the pytorch-fid file `pt_inception-2015-12-05-6726825d.pth` is fetched with
`keras.utils.get_file`, cached under `$KERAS_HOME/kerasgan/` (default `~/.keras/kerasgan/`), checked
against the published sha256 prefix `6726825d` at every load (torch.hub's convention; upstream
publishes no full hash — pass `file_hash=` to pin a full sha256) and read with NumPy only (no torch
needed, no pickled code is run: only the tensor layout is unpickled). See `FIDInceptionV3.pretrained`.

What is verified here (tests/metrics/test_fid_inception.py): the layer list, state-dict names and
shapes, and the parameter count against pytorch-fid's definition; the resize against torch's
`F.interpolate`; with a random state dict in pytorch-fid's layout, the stem, an A, a C and the
last E block, the pool and the fc against a NumPy re-implementation of pytorch-fid's modules. The
real weights could not be downloaded where this was written, so features of the real network
have not been compared with pytorch-fid's output.
"""

import os
import urllib.parse
import zlib

import keras
import numpy as np
from keras import layers

from kerasgan.utils.download import IntegrityError
from kerasgan.utils.download import describe_hash
from kerasgan.utils.download import download_file
from kerasgan.utils.files import atomic_write
from kerasgan.utils.files import sha256_of_file
from kerasgan.utils.torch_checkpoint import read_pytorch_state_dict

RESOLUTION = 299
FEATURE_DIM = 2048
NUM_CLASSES = 1008
WEIGHTS_URL = (
    "https://github.com/mseitzer/pytorch-fid/releases/download/fid_weights/"
    "pt_inception-2015-12-05-6726825d.pth"
)
WEIGHTS_FNAME = "pt_inception-2015-12-05-6726825d.pth"
WEIGHTS_SHA256_PREFIX = "6726825d"
WEIGHTS_ENV_VAR = "KERASGAN_FID_WEIGHTS"
CACHE_SUBDIR = "kerasgan"

# Values may exceed [-1, 1] by float rounding (a tanh in float16, a resize); beyond this the images
# are on another scale (e.g. [0, 255]).
_RANGE_TOLERANCE = 1e-3
_BN_EPSILON = 1e-3


@keras.saving.register_keras_serializable(package="kerasgan")
class FIDInceptionV3(keras.Model):
    """The FID Inception-v3 (TF graph of 2015-12-05, pytorch-fid port): 2048-d pool features and
    1008-way logits.

    References: Heusel et al., "GANs Trained by a Two Time-Scale Update Rule Converge to a Local
    Nash Equilibrium", NeurIPS 2017 (FID); Salimans et al., "Improved Techniques for Training GANs",
    NeurIPS 2016 (IS); Szegedy et al., "Rethinking the Inception Architecture", CVPR 2016. Layout,
    layer names and weights follow pytorch-fid's `FIDInceptionV3` (mseitzer/pytorch-fid), so FIDs
    computed with `pretrained()` weights are meant to equal pytorch-fid's and, up to the resize
    noted below, to be comparable with published FIDs (see the module docstring for what has
    been verified).

    Called on float images in [-1, 1] of shape `(N, H, W, 3)` (any H, W >= 1, channels last), the
    model resizes them to 299x299 (bilinear, half-pixel centres, no antialiasing: pytorch-fid's
    `F.interpolate(mode="bilinear", align_corners=False)`) and returns
    `{"features": (N, 2048), "logits": (N, 1008)}`. Use `features()` / `logits()` for NumPy
    arrays of any size, batched, with input checks and grayscale support.

    Conventions, compared with the references (we follow pytorch-fid):
    - pytorch-fid takes images in [0, 1] and maps them to [-1, 1] with `2x - 1` after resizing;
      here images are already in [-1, 1] (the range kerasgan generators produce). Resizing is
      linear, so the two orders agree up to float rounding. Images in [0, 1] pass the range check
      silently but give wrong FIDs: map them with `2 * x - 1`.
    - The original TF graph (and torch-fidelity, which reproduces it) resizes uint8-valued images
      with TF-1's `resize_bilinear` (no half-pixel centres) and normalises with `(x - 128) / 128`.
      For 299x299 inputs the resizes agree (both the identity); otherwise FIDs differ slightly
      between the libraries (pytorch-fid reports its FIDs within about 0.1 % of the TF code's).
    - `logits()` includes the fc bias (pytorch-fid's `fc`); the original Inception Score code and
      torch-fidelity use the logits without bias (`logits(..., include_bias=False)`).

    Args:
        name: the model's name.
        **kwargs: `keras.Model` arguments.

    Example:

    ```python
    import numpy as np
    from kerasgan.metrics.fid_inception_v3 import FIDInceptionV3

    model = FIDInceptionV3()  # random weights; FIDInceptionV3.pretrained() for real FIDs
    images = np.random.uniform(-1, 1, (2, 32, 32, 3)).astype("float32")
    model.features(images).shape  # (2, 2048)
    model.logits(images).shape  # (2, 1008)
    ```
    """

    NAME = "fid_inception_v3_pt_2015_12_05"
    COMPARABLE_WITH_PUBLISHED_FID = True
    RESOLUTION = RESOLUTION
    FEATURE_DIM = FEATURE_DIM
    NUM_CLASSES = NUM_CLASSES
    WEIGHTS_URL = WEIGHTS_URL
    WEIGHTS_FNAME = WEIGHTS_FNAME
    WEIGHTS_SHA256_PREFIX = WEIGHTS_SHA256_PREFIX
    WEIGHTS_ENV_VAR = WEIGHTS_ENV_VAR

    def __init__(self, name="fid_inception_v3", **kwargs):
        inputs = keras.Input((None, None, 3), name="images", dtype="float32")
        x = layers.Resizing(RESOLUTION, RESOLUTION, interpolation="bilinear", antialias=False,
                            name="resize_299", dtype="float32")(inputs)
        x = _basic_conv(x, 32, 3, "Conv2d_1a_3x3", strides=2, padding="valid")
        x = _basic_conv(x, 32, 3, "Conv2d_2a_3x3", padding="valid")
        x = _basic_conv(x, 64, 3, "Conv2d_2b_3x3", padding="same")
        x = layers.MaxPooling2D(3, strides=2, name="MaxPool_1", dtype="float32")(x)
        x = _basic_conv(x, 80, 1, "Conv2d_3b_1x1")
        x = _basic_conv(x, 192, 3, "Conv2d_4a_3x3", padding="valid")
        x = layers.MaxPooling2D(3, strides=2, name="MaxPool_2", dtype="float32")(x)
        x = _inception_a(x, 32, "Mixed_5b")
        x = _inception_a(x, 64, "Mixed_5c")
        x = _inception_a(x, 64, "Mixed_5d")
        x = _inception_b(x, "Mixed_6a")
        x = _inception_c(x, 128, "Mixed_6b")
        x = _inception_c(x, 160, "Mixed_6c")
        x = _inception_c(x, 160, "Mixed_6d")
        x = _inception_c(x, 192, "Mixed_6e")
        x = _inception_d(x, "Mixed_7a")
        x = _inception_e(x, "avg", "Mixed_7b")
        x = _inception_e(x, "max", "Mixed_7c")
        features = layers.GlobalAveragePooling2D(name="avgpool", dtype="float32")(x)
        fc = layers.Dense(NUM_CLASSES, kernel_initializer=_NumpyHeUniform("fc"), name="fc",
                          dtype="float32")
        fc._pytorch_name = "fc"
        logits = fc(features)
        super().__init__(inputs=inputs, outputs={"features": features, "logits": logits}, name=name,
                         **kwargs)
        # A fixed metric network: frozen, so BatchNorm always uses its moving statistics (on torch
        # a bare `model(x)` would otherwise run BatchNorm in training mode).
        self.trainable = False

    def get_config(self):
        return {"name": self.name, "trainable": self.trainable}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        return cls(**config)

    # ----------------------------------------------------------------------------------------
    # Features and logits as NumPy arrays.

    def features(self, images, batch_size=50):
        """Pool features, float32 NumPy `(N, 2048)`, of float images in [-1, 1] shaped
        `(N, H, W, C)`, C = 1 (repeated to RGB) or 3; computed `batch_size` images at a time."""
        return _predict_batches(self, images, batch_size, type(self).__name__)["features"]

    def logits(self, images, batch_size=50, include_bias=True):
        """1008-way logits, float32 NumPy `(N, 1008)`, of images as in `features()`.

        `include_bias=False` gives the logits of the original Inception Score code (the pool
        features times the fc kernel, no bias), torch-fidelity's `logits_unbiased`.
        """
        out = _predict_batches(self, images, batch_size, type(self).__name__)
        if include_bias:
            return out["logits"]
        kernel = keras.ops.convert_to_numpy(self.get_layer("fc").kernel)
        return (out["features"] @ kernel).astype("float32")

    def features_and_logits(self, images, batch_size=50):
        """`(features, logits)` of one pass over the images (logits with bias)."""
        out = _predict_batches(self, images, batch_size, type(self).__name__)
        return out["features"], out["logits"]

    # ----------------------------------------------------------------------------------------
    # PyTorch (pytorch-fid) weights.

    def pytorch_state_dict_shapes(self):
        """`{pytorch-fid state_dict key: shape}` of every tensor this model takes from a
        pytorch-fid `FIDInceptionV3` state dict (BatchNorm `num_batches_tracked` is ignored)."""
        shapes = {}
        for prefix, layer in self._pytorch_layers().items():
            if isinstance(layer, layers.Conv2D):
                kh, kw, cin, cout = layer.kernel.shape
                shapes[f"{prefix}.weight"] = (cout, cin, kh, kw)
            elif isinstance(layer, layers.BatchNormalization):
                for suffix in ("weight", "bias", "running_mean", "running_var"):
                    shapes[f"{prefix}.{suffix}"] = tuple(layer.gamma.shape)
            else:  # fc
                cin, cout = layer.kernel.shape
                shapes[f"{prefix}.weight"] = (cout, cin)
                shapes[f"{prefix}.bias"] = (cout,)
        return shapes

    def load_pytorch_state_dict(self, state_dict):
        """Set the weights from a pytorch-fid `FIDInceptionV3` state dict (name -> array).

        Conv kernels go from PyTorch's (out, in, kh, kw) to Keras's (kh, kw, in, out), the fc
        kernel is transposed, BatchNorm weight/bias/running_mean/running_var become
        gamma/beta/moving_mean/moving_variance. Every key and shape is checked before any weight
        is set: a mismatch raises `ValueError` and leaves the model unchanged.
        """
        expected = self.pytorch_state_dict_shapes()
        given = {k: v for k, v in state_dict.items() if not k.endswith(".num_batches_tracked")}
        missing = sorted(set(expected) - set(given))
        unexpected = sorted(set(given) - set(expected))
        wrong = sorted(
            f"{k}: expected {expected[k]}, received {tuple(np.shape(given[k]))}"
            for k in set(expected) & set(given)
            if tuple(np.shape(given[k])) != expected[k]
        )
        if missing or unexpected or wrong:
            raise ValueError(
                "The state dict does not match pytorch-fid's FIDInceptionV3 "
                f"({len(expected)} tensors): {len(missing)} missing {missing[:5]}, "
                f"{len(unexpected)} unexpected {unexpected[:5]}, {len(wrong)} of wrong shape "
                f"{wrong[:5]}."
            )
        arrays = {k: np.asarray(v, dtype="float32") for k, v in given.items()}
        updates = []
        for prefix, layer in self._pytorch_layers().items():
            if isinstance(layer, layers.Conv2D):
                updates.append((layer, [arrays[f"{prefix}.weight"].transpose(2, 3, 1, 0)]))
            elif isinstance(layer, layers.BatchNormalization):
                updates.append((layer, [arrays[f"{prefix}.{s}"] for s in
                                        ("weight", "bias", "running_mean", "running_var")]))
            else:
                updates.append((layer, [arrays[f"{prefix}.weight"].T, arrays[f"{prefix}.bias"]]))
        for layer, values in updates:
            layer.set_weights(values)
        return self

    def _pytorch_layers(self):
        return {layer._pytorch_name: layer for layer in self.layers
                if getattr(layer, "_pytorch_name", None)}

    def load_pretrained(self, weights_path=None, origin=None, file_hash=None, cache_dir=None):
        """Load the FID weights into this model; see `pretrained()` for the arguments."""
        return self._load_weights_file(
            resolve_fid_weights(weights_path, origin, file_hash, cache_dir)
        )

    def _load_weights_file(self, path):
        if path.endswith(".weights.h5"):
            self.load_weights(path)
        else:
            self.load_pytorch_state_dict(read_pytorch_state_dict(path))
        return self

    @classmethod
    def pretrained(cls, weights_path=None, origin=None, file_hash=None, cache_dir=None, **kwargs):
        """The FID Inception with pytorch-fid's weights (downloaded once, then cached).

        Where the weights come from, first match wins:
        1. `weights_path`, else the `KERASGAN_FID_WEIGHTS` environment variable: a local file,
           either pytorch-fid's `.pth` or a `.weights.h5` from `convert_pytorch_fid_weights`.
        2. `keras.utils.get_file` from `origin` (default `WEIGHTS_URL`, pytorch-fid's GitHub
           release) into `<cache_dir>/kerasgan/<file name of origin>`; `cache_dir` defaults to
           `$KERAS_HOME`, else `~/.keras`. A cached file is reused without network.

        Hash check: `file_hash` is a full sha256 (64 hex digits, checked by `get_file`) or a
        prefix of at least 8 (checked after the download, torch.hub's convention). It defaults to
        `WEIGHTS_SHA256_PREFIX` ("6726825d", the only hash upstream publishes, in the file name)
        for `.pth` files, downloaded or local; a `.weights.h5` download needs an explicit
        `file_hash`, a local `.weights.h5` is checked only when one is given. A downloaded or
        cached file that fails the check is deleted from the cache and `ValueError` is raised; a
        file you pointed to is never deleted.

        Without network: download WEIGHTS_URL on any machine and either place the file at
        `~/.keras/kerasgan/pt_inception-2015-12-05-6726825d.pth` (`$KERAS_HOME/kerasgan/...` if
        KERAS_HOME is set), or set `KERASGAN_FID_WEIGHTS=/path/to/that.pth`, or pass
        `weights_path=`. A failed download raises `OSError` saying exactly this, with the paths.
        torch-fidelity publishes a copy named with the same sha256 prefix
        (`https://github.com/toshas/torch-fidelity/releases/download/v0.2.0/
        weights-inception-2015-12-05-6726825d.pth`, same state-dict names), so it should pass the
        same check as `origin=` or `weights_path=` (not verified here: no network).

        Example:

        ```python
        model = FIDInceptionV3.pretrained()  # downloads ~95 MB on first use
        feats = model.features(images)  # images: float (N, H, W, 3) in [-1, 1]
        ```
        """
        path = resolve_fid_weights(weights_path, origin, file_hash, cache_dir)  # fail before building
        return cls(**kwargs)._load_weights_file(path)


# --------------------------------------------------------------------------------------------
# Architecture (pytorch-fid's FIDInceptionV3 = torchvision's Inception3 with the FID patches).
# Keras layer names are the PyTorch module paths with "." -> "_"; the PyTorch path is kept on the
# layer as `_pytorch_name` for the state-dict mapping.


class _NumpyHeUniform(keras.initializers.Initializer):
    """He-uniform kernels drawn with NumPy from a seed derived from the layer name.

    The random weights are placeholders (for shapes, tests and timing), but drawn this way they are
    the same on every backend, and building is fast on JAX, where Keras's initializers compile one
    XLA program per kernel shape (~60 here, 15+ s on 2 CPU cores).
    """

    def __init__(self, name):
        self.name = name

    def __call__(self, shape, dtype=None):
        fan_in = int(np.prod(shape[:-1]))
        limit = np.sqrt(6.0 / max(fan_in, 1))
        rng = np.random.default_rng(zlib.crc32(self.name.encode()))
        values = rng.uniform(-limit, limit, tuple(shape)).astype(dtype or "float32")
        return keras.ops.convert_to_tensor(values)

    def get_config(self):
        return {"name": self.name}


def _basic_conv(x, filters, kernel_size, name, strides=1, padding="same"):
    """torchvision's BasicConv2d: conv (no bias) -> BatchNorm(eps=1e-3) -> ReLU. Every padded
    conv of the network is stride 1 with PyTorch padding (k - 1) / 2, i.e. Keras "same"."""
    base = name.replace(".", "_")
    conv = layers.Conv2D(filters, kernel_size, strides=strides, padding=padding, use_bias=False,
                         kernel_initializer=_NumpyHeUniform(f"{base}_conv"), name=f"{base}_conv",
                         dtype="float32")
    bn = layers.BatchNormalization(epsilon=_BN_EPSILON, name=f"{base}_bn", dtype="float32")
    conv._pytorch_name, bn._pytorch_name = f"{name}.conv", f"{name}.bn"
    return layers.ReLU(name=f"{base}_relu", dtype="float32")(bn(conv(x)))


def _concat(tensors, name):
    return layers.Concatenate(axis=-1, name=name, dtype="float32")(tensors)


def _pool_3x3_same(x, kind, name):
    # TF's SAME average pool excludes the padding from the mean (PyTorch count_include_pad=False);
    # Keras's "same" AveragePooling2D does the same on all three backends (tested).
    cls = layers.AveragePooling2D if kind == "avg" else layers.MaxPooling2D
    return cls(3, strides=1, padding="same", name=name, dtype="float32")(x)


def _inception_a(x, pool_features, name):
    b1 = _basic_conv(x, 64, 1, f"{name}.branch1x1")
    b5 = _basic_conv(x, 48, 1, f"{name}.branch5x5_1")
    b5 = _basic_conv(b5, 64, 5, f"{name}.branch5x5_2")
    b3 = _basic_conv(x, 64, 1, f"{name}.branch3x3dbl_1")
    b3 = _basic_conv(b3, 96, 3, f"{name}.branch3x3dbl_2")
    b3 = _basic_conv(b3, 96, 3, f"{name}.branch3x3dbl_3")
    bp = _pool_3x3_same(x, "avg", f"{name}_avgpool")
    bp = _basic_conv(bp, pool_features, 1, f"{name}.branch_pool")
    return _concat([b1, b5, b3, bp], name)


def _inception_b(x, name):
    b3 = _basic_conv(x, 384, 3, f"{name}.branch3x3", strides=2, padding="valid")
    bd = _basic_conv(x, 64, 1, f"{name}.branch3x3dbl_1")
    bd = _basic_conv(bd, 96, 3, f"{name}.branch3x3dbl_2")
    bd = _basic_conv(bd, 96, 3, f"{name}.branch3x3dbl_3", strides=2, padding="valid")
    bp = layers.MaxPooling2D(3, strides=2, name=f"{name}_maxpool", dtype="float32")(x)
    return _concat([b3, bd, bp], name)


def _inception_c(x, c7, name):
    b1 = _basic_conv(x, 192, 1, f"{name}.branch1x1")
    b7 = _basic_conv(x, c7, 1, f"{name}.branch7x7_1")
    b7 = _basic_conv(b7, c7, (1, 7), f"{name}.branch7x7_2")
    b7 = _basic_conv(b7, 192, (7, 1), f"{name}.branch7x7_3")
    bd = _basic_conv(x, c7, 1, f"{name}.branch7x7dbl_1")
    bd = _basic_conv(bd, c7, (7, 1), f"{name}.branch7x7dbl_2")
    bd = _basic_conv(bd, c7, (1, 7), f"{name}.branch7x7dbl_3")
    bd = _basic_conv(bd, c7, (7, 1), f"{name}.branch7x7dbl_4")
    bd = _basic_conv(bd, 192, (1, 7), f"{name}.branch7x7dbl_5")
    bp = _pool_3x3_same(x, "avg", f"{name}_avgpool")
    bp = _basic_conv(bp, 192, 1, f"{name}.branch_pool")
    return _concat([b1, b7, bd, bp], name)


def _inception_d(x, name):
    b3 = _basic_conv(x, 192, 1, f"{name}.branch3x3_1")
    b3 = _basic_conv(b3, 320, 3, f"{name}.branch3x3_2", strides=2, padding="valid")
    b7 = _basic_conv(x, 192, 1, f"{name}.branch7x7x3_1")
    b7 = _basic_conv(b7, 192, (1, 7), f"{name}.branch7x7x3_2")
    b7 = _basic_conv(b7, 192, (7, 1), f"{name}.branch7x7x3_3")
    b7 = _basic_conv(b7, 192, 3, f"{name}.branch7x7x3_4", strides=2, padding="valid")
    bp = layers.MaxPooling2D(3, strides=2, name=f"{name}_maxpool", dtype="float32")(x)
    return _concat([b3, b7, bp], name)


def _inception_e(x, pool, name):
    """pool="avg": FIDInceptionE_1 (Mixed_7b); pool="max": FIDInceptionE_2 (Mixed_7c), whose
    branch pool is a 3x3 stride-1 max pool in the TF graph."""
    b1 = _basic_conv(x, 320, 1, f"{name}.branch1x1")
    b3 = _basic_conv(x, 384, 1, f"{name}.branch3x3_1")
    b3 = _concat([_basic_conv(b3, 384, (1, 3), f"{name}.branch3x3_2a"),
                  _basic_conv(b3, 384, (3, 1), f"{name}.branch3x3_2b")], f"{name}_branch3x3")
    bd = _basic_conv(x, 448, 1, f"{name}.branch3x3dbl_1")
    bd = _basic_conv(bd, 384, 3, f"{name}.branch3x3dbl_2")
    bd = _concat([_basic_conv(bd, 384, (1, 3), f"{name}.branch3x3dbl_3a"),
                  _basic_conv(bd, 384, (3, 1), f"{name}.branch3x3dbl_3b")], f"{name}_branch3x3dbl")
    bp = _pool_3x3_same(x, pool, f"{name}_{pool}pool")
    bp = _basic_conv(bp, 192, 1, f"{name}.branch_pool")
    return _concat([b1, b3, bd, bp], name)


# --------------------------------------------------------------------------------------------
# Input checks and batched prediction (shared with KerasInceptionV3Features).


def _check_images(images, caller):
    """Check float (N, H, W, 1 or 3) images in [-1, 1] (a clear error otherwise); returns them as
    a NumPy array without copying. `_prepare_batch` then makes float32 RGB batches."""
    x = images if isinstance(images, np.ndarray) else keras.ops.convert_to_numpy(images)
    shape = tuple(x.shape)
    if len(shape) != 4 or shape[-1] not in (1, 3) or min(shape) < 1:
        hint = ""
        if len(shape) == 4 and shape[1] in (1, 3) and shape[-1] not in (1, 3):
            hint = " Channels-first images? Transpose with x.transpose(0, 2, 3, 1)."
        elif len(shape) == 3:
            hint = " Grayscale (N, H, W)? Add the channel axis: x[..., None]."
        raise ValueError(
            f"{caller} expects images of shape (batch, height, width, channels) with channels 1 "
            f"or 3 (channels last) and no empty axis; received shape {shape}.{hint}"
        )
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(
            f"{caller} expects floating-point images scaled to [-1, 1]; received dtype {x.dtype}. "
            "Convert first, e.g. `kerasgan.data.scale_images(x)` (uint8 [0, 255] -> float32 "
            "[-1, 1])."
        )
    lo, hi = float(x.min()), float(x.max())  # NaN propagates; inf shows as a bound
    if not (np.isfinite(lo) and np.isfinite(hi)):
        raise ValueError(f"{caller} expects finite pixel values; received NaN or inf.")
    if lo < -1 - _RANGE_TOLERANCE or hi > 1 + _RANGE_TOLERANCE:
        hint = " Images in [0, 255]? Use x / 127.5 - 1." if hi > 2 else ""
        raise ValueError(
            f"{caller} expects images scaled to [-1, 1] (tolerance {_RANGE_TOLERANCE}); received "
            f"values in [{lo:.6g}, {hi:.6g}].{hint}"
        )
    return x


def _prepare_batch(batch):
    """Checked images -> float32 RGB in [-1, 1] (clipped: values within the tolerance)."""
    batch = np.clip(batch.astype("float32", copy=False), -1.0, 1.0)
    return np.repeat(batch, 3, axis=-1) if batch.shape[-1] == 1 else batch


def _predict_batches(model, images, batch_size, caller):
    """Run `model` over checked images in batches; returns NumPy (a dict if the model's is).

    Batches are converted one at a time (a large uint8-sized data set is never copied whole) and
    the last is padded to the first's size, so a compiled predict function is traced once per
    image size.
    """
    if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)) or batch_size < 1:
        raise ValueError(f"{caller} expects `batch_size` to be an int >= 1; received {batch_size!r}.")
    x = _check_images(images, caller)
    n = x.shape[0]
    size = min(int(batch_size), n)
    chunks = []
    for start in range(0, n, size):
        batch = _prepare_batch(x[start:start + size])
        real = batch.shape[0]
        if real < size:
            batch = np.concatenate([batch, np.zeros((size - real, *batch.shape[1:]), "float32")])
        out = model.predict_on_batch(batch)
        chunks.append(keras.tree.map_structure(lambda a, real=real: np.asarray(a)[:real], out))
    if isinstance(chunks[0], dict):
        return {k: np.concatenate([c[k] for c in chunks]).astype("float32") for k in chunks[0]}
    return np.concatenate(chunks).astype("float32")


# --------------------------------------------------------------------------------------------
# Weights: resolve (local file, env var or cached download), check the hash, read a .pth.


def default_cache_dir():
    """The base of kerasgan's cache: `$KERAS_HOME`, else `~/.keras` (files go to its `kerasgan/`)."""
    return os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")


def _check_hash_arg(file_hash):
    h = str(file_hash).lower()
    if len(h) < 8 or len(h) > 64 or any(c not in "0123456789abcdef" for c in h):
        raise ValueError(
            "`file_hash` must be a sha256 in hex (64 digits) or a prefix of at least 8 hex digits; "
            f"received {file_hash!r}."
        )
    return h


def _offline_help(url, cache_file):
    return (
        f"Without network: download {url} on any machine and place it at {cache_file} "
        f"(the Keras cache: $KERAS_HOME/{CACHE_SUBDIR}/, default ~/.keras/{CACHE_SUBDIR}/), or set "
        f"the environment variable {WEIGHTS_ENV_VAR}=/path/to/{os.path.basename(cache_file)}, or "
        "pass weights_path=... to FIDInceptionV3.pretrained()."
    )


def resolve_fid_weights(weights_path=None, origin=None, file_hash=None, cache_dir=None):
    """Path of a hash-checked FID weights file: `weights_path`, else `$KERASGAN_FID_WEIGHTS`, else
    the cached or freshly downloaded `origin` (default `WEIGHTS_URL`). See
    `FIDInceptionV3.pretrained` for the rules; raises `FileNotFoundError` (no such local file),
    `OSError` (download failed, with what to place where) or `ValueError` (hash mismatch)."""
    if file_hash is not None:
        file_hash = _check_hash_arg(file_hash)
    local = weights_path if weights_path is not None else os.environ.get(WEIGHTS_ENV_VAR) or None
    if local is not None:
        source = "weights_path" if weights_path is not None else f"${WEIGHTS_ENV_VAR}"
        local = os.path.abspath(os.path.expanduser(os.fspath(local)))
        if not os.path.isfile(local):
            raise FileNotFoundError(
                f"FID weights file {local} (from {source}) does not exist. Download {WEIGHTS_URL} "
                f"and point {source} at it."
            )
        expected = file_hash
        if expected is None and not local.endswith(".weights.h5"):
            expected = WEIGHTS_SHA256_PREFIX
        if expected is not None:
            actual = sha256_of_file(local)
            if not actual.startswith(expected):
                raise IntegrityError(
                    f"FID weights file {local} (from {source}) has sha256 {actual}, expected "
                    f"{describe_hash(expected)}: a corrupted, partial or different file. Download "
                    f"{WEIGHTS_URL} again. (The file was left in place.)"
                )
        return local

    url = origin or WEIGHTS_URL
    fname = os.path.basename(urllib.parse.urlsplit(url).path)
    if not fname:
        raise ValueError(f"Cannot take a file name from the weights origin {url!r}.")
    if file_hash is None:
        if fname.endswith(".weights.h5"):
            raise ValueError(
                f"Downloading pre-converted weights ({fname}) needs their sha256: pass "
                "file_hash=<64 hex digits>."
            )
        file_hash = WEIGHTS_SHA256_PREFIX
    base = os.path.expanduser(os.fspath(cache_dir)) if cache_dir is not None else default_cache_dir()
    target = os.path.join(base, CACHE_SUBDIR, fname)
    return download_file(url, target, sha256=file_hash, what="FID Inception weights",
                         manual_help=_offline_help(url, target))


def convert_pytorch_fid_weights(pth_path, out_path):
    """Convert pytorch-fid's `.pth` to a Keras `FIDInceptionV3` `.weights.h5` file; returns its
    sha256 (to publish with it, for `pretrained(origin=..., file_hash=...)`).

    The file is written to a temporary name next to `out_path`, then renamed: `out_path` is either
    absent or complete. The `.pth` is not hash-checked here; use `resolve_fid_weights` first.
    """
    out_path = os.fspath(out_path)
    if not out_path.endswith(".weights.h5"):
        raise ValueError(f"`out_path` must end with '.weights.h5'; received {out_path!r}.")
    model = FIDInceptionV3().load_pytorch_state_dict(read_pytorch_state_dict(pth_path))
    with atomic_write(out_path, suffix=".weights.h5") as tmp:
        model.save_weights(tmp, overwrite=True)
    return sha256_of_file(out_path)
