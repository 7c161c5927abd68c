"""Argument checks shared by the data, metrics and model packages; errors name what was expected
and what was received."""

import math
import numbers

import numpy as np
from keras import ops

# Slack on the [-1, 1] image range (resampling overshoot, rounding) where training data are checked.
IMAGE_RANGE_TOLERANCE = 0.01


def to_numpy(x):
    """`x` as NumPy (or left as is when it already is NumPy, a Python number or a list)."""
    if isinstance(x, (np.ndarray, numbers.Number, list, tuple)):
        return x
    return ops.convert_to_numpy(x)


def positive_int(value, name, caller):
    if not isinstance(value, numbers.Integral) or isinstance(value, bool) or value < 1:
        raise ValueError(f"{caller} expects `{name}` to be a positive int; received {name}={value!r}.")
    return int(value)


def positive_float(value, name, caller):
    if not isinstance(value, numbers.Real) or isinstance(value, bool) or not math.isfinite(value) or value <= 0:
        raise ValueError(f"{caller} expects `{name}` to be a positive number; received {name}={value!r}.")
    return float(value)


def optional_seed(seed, caller):
    if seed is not None and (not isinstance(seed, numbers.Integral) or isinstance(seed, bool)):
        raise ValueError(f"{caller} expects `seed` to be an int or None; received seed={seed!r}.")
    return seed


def float_images(images, caller, name, tolerance):
    """`images` as a NumPy float array, finite, non-empty and within [-1 - tolerance, 1 + tolerance]."""
    x = np.asarray(to_numpy(images))
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(
            f"{caller} expects floating-point `{name}` scaled to [-1, 1]; received dtype "
            f"{x.dtype}. Scale uint8 images with kerasgan.data.scale_images."
        )
    if x.size == 0:
        raise ValueError(f"{caller} expects non-empty `{name}`; received shape {x.shape}.")
    lo, hi = float(np.min(x)), float(np.max(x))
    if not (np.isfinite(lo) and np.isfinite(hi)):
        raise ValueError(f"{caller} expects finite `{name}`; received NaN or inf values.")
    if lo < -1.0 - tolerance or hi > 1.0 + tolerance:
        raise ValueError(f"{caller} expects `{name}` scaled to [-1, 1]; received values in [{lo:.4g}, {hi:.4g}].")
    return x
