"""BigGAN's modified orthogonal regularisation (Brock et al. 2019)."""

from keras import ops

from kerasgan.losses._utils import as_float32


def orthogonal_penalty(kernels, weight=1e-4):
    """Penalise the cosine-like overlap between a kernel's output filters (BigGAN).

    Brock, Donahue & Simonyan, "Large Scale GAN Training for High Fidelity Natural Image
    Synthesis", ICLR 2019, Eq. 3 (reference code: ajbrock/BigGAN-PyTorch, `utils.ortho`):

        P = weight * sum_W ||W^T W * (1 - I)||_F**2

    Each kernel is reshaped to a matrix `W` of shape `(-1, C)` whose columns are its last axis, so
    the Gram matrix `W^T W` is `(C, C)`: `Dense` `(in, out)` as is, `Conv2D` `(kh, kw, in, out)` as
    `(kh*kw*in, out)`. That is the axis BigGAN-PyTorch puts first (`param.view(shape[0], -1)`, Gram
    `W W^T`) for `Linear`, `Conv2d` and `ConvTranspose2d`, whose Keras kernels are the transposes
    (up to a reordering of rows, which leaves the Gram matrix unchanged). Kernels with fewer than
    two axes (biases, norm scales) are skipped, as BigGAN-PyTorch does; it also excludes the shared
    class embedding (`blacklist`), so do not pass `Embedding` tables.

    BigGAN-PyTorch does not form this term: it adds `strength * 2 * (W W^T * (1 - I)) W` straight
    to each parameter's gradient. The gradient of the term above is `weight * 4 * (...) W`, i.e.
    twice theirs at `weight == strength`: pass `weight = strength / 2` to reproduce BigGAN-PyTorch
    exactly (their default `strength = 1e-4` is `weight = 5e-5`).

    Args:
        kernels: a kernel (a `keras.Variable` or tensor) or an iterable of them, e.g. the
            generator's `kernel` variables.
        weight: the coefficient `beta`.

    Returns:
        A float32 scalar (0 when no kernel has two or more axes).

    Example:

    >>> import numpy as np
    >>> from kerasgan.losses import orthogonal_penalty
    >>> w = np.array([[1.0, 1.0], [0.0, 1.0]], "float32")  # column dot product 1
    >>> round(float(orthogonal_penalty([w], weight=1.0)), 4)  # two off-diagonal entries of 1
    2.0
    """
    if hasattr(kernels, "shape"):
        kernels = [kernels]
    total = ops.zeros((), dtype="float32")
    for kernel in kernels:
        shape = tuple(kernel.shape)
        if len(shape) < 2:
            continue
        columns = shape[-1]
        matrix = ops.reshape(as_float32(kernel), (-1, columns))
        gram = ops.matmul(ops.transpose(matrix), matrix)
        off_diagonal = gram * (1.0 - ops.eye(columns, dtype="float32"))
        total = total + ops.sum(ops.square(off_diagonal))
    return weight * total
