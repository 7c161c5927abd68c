"""Helpers shared by the loss and penalty functions (keras.ops only)."""

import numbers

import keras
from keras import ops

# Added under the square root of a gradient norm: d sqrt(s)/ds is infinite at s = 0, which turns an
# exactly-zero input gradient (dead ReLUs, a constant critic) into NaN parameter gradients. In float32
# 1e-12 is far below the rounding of any norm that matters, so values are unchanged.
NORM_EPSILON = 1e-12


def as_float32(x):
    """`x` as a float32 tensor (logits and images are compared and differentiated in float32)."""
    return ops.cast(x, "float32")


def per_sample_sum_of_squares(x):
    """`sum(x**2)` over every axis but the first: shape `(N,)`."""
    squares = ops.square(x)
    if len(x.shape) == 1:
        return squares
    return ops.sum(squares, axis=tuple(range(1, len(x.shape))))


def per_sample_norm(x):
    """The L2 norm of each sample of `x` over all non-batch axes: shape `(N,)`."""
    return ops.sqrt(per_sample_sum_of_squares(x) + NORM_EPSILON)


def per_sample_shape(x):
    """`(N, 1, 1, ...)` with as many axes as `x`: one random number per sample, broadcastable."""
    return (ops.shape(x)[0],) + (1,) * (len(x.shape) - 1)


def check_seed(seed):
    """Validate a `seed` argument; integral numbers become Python ints."""
    if seed is None or isinstance(seed, keras.random.SeedGenerator):
        return seed
    if isinstance(seed, numbers.Integral) and not isinstance(seed, bool):
        return int(seed)
    raise ValueError(
        "`seed` must be None, an int or a `keras.random.SeedGenerator`; "
        f"received seed={seed!r} (of type {type(seed).__name__})."
    )


def offset_seed(seed, offset):
    """A second independent seed for a function that draws twice.

    A `SeedGenerator` advances by itself and `None` uses Keras's global generator; an int seed
    would repeat the same stream on each draw, so the second draw uses `seed + offset`.
    """
    if isinstance(seed, int):
        return seed + offset
    return seed
