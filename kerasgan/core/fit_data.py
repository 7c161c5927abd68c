"""Host-side checks of what `GAN.fit` is given, before the first step.

What NumPy sees cheaply: no images, a non-float dtype, NaN or infinite values, values outside
the model's `data_range` ([-1, 1] for images: pixels in [0, 255] or images in [0, 1] are named
as such), labels missing, of the wrong dtype or out of range for a conditional model, and labels
given to an unconditional one; the dtype and label errors are those of the step's own checks
(`kerasgan.core.inputs`). Arrays
are checked whole; streams (a tf.data `Dataset`, a `keras.utils.PyDataset`, a torch `DataLoader`)
by their first batch, which they give again when `fit` iterates; Python generators are not
peeked. Pure NumPy, so every backend gives the same error. A bad batch later in a stream is caught
by the training step (`compile(check_finite=True)`): the step is undone and training stops.
"""

import math

import keras
import numpy as np

from kerasgan.core.inputs import class_labels_error
from kerasgan.core.inputs import labels_missing_error
from kerasgan.core.inputs import non_float_images_error
from kerasgan.utils.checks import IMAGE_RANGE_TOLERANCE
from kerasgan.utils.checks import to_numpy

_NO_BATCH = object()


def check_fit_data(model, x, y=None, batch_size=None):
    """Raise a clear error (the same on every backend) for data that would train `model` on
    garbage, or whose last batch (arrays, `batch_size`) is too small to split into `n_critic`
    discriminator steps; returns nothing."""
    if x is None:
        return
    if _is_array(x):
        _check(model, x, y, "x", "y")
        _check_remainder(model, x, batch_size)
        return
    batch = _first_batch(x)
    if batch is _NO_BATCH:
        raise ValueError(f"{type(model).__name__}.fit received a {type(x).__name__} that yields no batches.")
    if batch is None or isinstance(batch, dict):
        return
    images, labels = batch, None
    if isinstance(batch, (tuple, list)):
        images, labels = batch[0], (batch[1] if len(batch) > 1 else None)
    if _is_array(images):
        _check(model, images, labels, "the first batch's images", "the first batch's labels")


def _is_array(x):
    return hasattr(x, "shape") and hasattr(x, "dtype") and not hasattr(x, "element_spec")


def _numpy(x):
    try:
        return np.asarray(x)
    except (TypeError, ValueError, RuntimeError):
        return np.asarray(to_numpy(x))


def _first_batch(x):
    """The first batch of a stream that can be iterated again, else None."""
    module = type(x).__module__
    if module.startswith("tensorflow") and hasattr(x, "take"):  # tf.data.Dataset
        for batch in x.take(1):
            return batch
        return _NO_BATCH
    if isinstance(x, keras.utils.PyDataset):
        return x[0] if x.num_batches else _NO_BATCH
    if module.startswith("torch.utils.data"):  # DataLoader: iter() starts a fresh pass
        for batch in x:
            return batch
        return _NO_BATCH
    return None


def _check(model, images, labels, where, labels_where):
    name = type(model).__name__
    x = _numpy(images)
    if x.ndim == 0 or x.shape[0] == 0:
        raise ValueError(f"{name}.fit received no images: {where} has shape {x.shape}.")
    if not np.issubdtype(x.dtype, np.floating):
        raise non_float_images_error(model, x.dtype, f" ({where})")
    lo, hi = float(np.min(x)), float(np.max(x))
    if not (math.isfinite(lo) and math.isfinite(hi)):
        bad = np.flatnonzero(~np.isfinite(x.reshape(x.shape[0], -1)).all(axis=1))
        raise ValueError(
            f"{name}.fit: {where} holds NaN or infinite values ({len(bad)} images, the first at index "
            f"{int(bad[0])}); one such value turns every weight into NaN. Remove or repair those images."
        )
    _check_range(model, lo, hi, where)
    _check_labels(model, labels, labels_where)


def _check_range(model, lo, hi, where):
    expected = getattr(model, "data_range", (-1.0, 1.0))
    if expected is None:
        return
    low, high = expected
    name = type(model).__name__
    if lo < low - IMAGE_RANGE_TOLERANCE or hi > high + IMAGE_RANGE_TOLERANCE:
        hint = f"rescale them to [{low:g}, {high:g}]"
        if (low, high) == (-1.0, 1.0) and lo >= 0.0 and hi <= 255.0:
            hint = "they look like pixels in [0, 255]: `kerasgan.data.scale_images(x, input_range=(0, 255))`"
        raise ValueError(
            f"{name} expects data in [{low:g}, {high:g}]; {where} holds values in [{lo:.4g}, {hi:.4g}]: {hint}."
        )
    if (low, high) == (-1.0, 1.0) and lo >= 0.0 and hi - lo > 0.5:
        raise ValueError(
            f"{name} expects images scaled to [-1, 1]; {where} holds values in [{lo:.4g}, {hi:.4g}], none "
            "negative: they look like images in [0, 1]. Scale them with "
            "`kerasgan.data.scale_images(x, input_range=(0, 1))` (x * 2 - 1)."
        )


def _check_labels(model, labels, where):
    name = type(model).__name__
    if model.num_classes:
        if labels is None:
            raise labels_missing_error(model)
        y = _numpy(labels)
        if not np.issubdtype(y.dtype, np.integer) or not (y.ndim == 1 or (y.ndim == 2 and y.shape[1] == 1)):
            raise class_labels_error(y.dtype, y.shape, f" ({where})")
        if y.size and (int(y.min()) < 0 or int(y.max()) >= model.num_classes):
            outside = int(np.count_nonzero((y < 0) | (y >= model.num_classes)))
            raise ValueError(
                f"{name} has {model.num_classes} classes: labels must be ids in [0, {model.num_classes}); {where} "
                f"hold values in [{int(y.min())}, {int(y.max())}] ({outside} of {y.size} outside)."
            )
    elif model.condition_dim:
        if labels is None:
            raise labels_missing_error(model)
        c = _numpy(labels)
        if np.issubdtype(c.dtype, np.floating) and not np.isfinite(c).all():
            raise ValueError(f"{name}.fit: {where} (condition vectors) hold NaN or infinite values.")
    elif labels is not None:
        shape = getattr(labels, "shape", None)
        raise ValueError(
            f"{name} is unconditional (num_classes=0), but fit received labels ({where}, shape {shape}): they "
            "would be ignored. Drop them, or build a class-conditional model (num_classes=...) to use them."
        )


def _check_remainder(model, x, batch_size):
    # A last partial batch smaller than n_critic cannot be split: say so before any step runs.
    if model.n_critic == 1 or not hasattr(x, "__len__"):
        return
    size = batch_size or 32
    remainder = len(x) % size
    if 0 < remainder < model.n_critic:
        raise ValueError(
            f"The last batch of an epoch would hold {remainder} images ({len(x)} images, "
            f"batch_size={size}), fewer than n_critic={model.n_critic}: each batch is split into "
            f"n_critic discriminator steps. Drop {remainder} images or choose another batch_size."
        )
