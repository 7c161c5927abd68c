"""The R1 gradient penalty (Mescheder et al. 2018)."""

from keras import ops

from kerasgan import backend
from kerasgan.losses._utils import as_float32
from kerasgan.losses._utils import per_sample_sum_of_squares


def r1_penalty(critic_fn, real, weight=10.0):
    """Zero-centred gradient penalty on the real data (R1).

    Mescheder, Geiger & Nowozin, "Which Training Methods for GANs do actually Converge?",
    ICML 2018, Eq. 9 (also StyleGAN and StyleGAN2):

        R1 = weight / 2 * mean(||grad_x critic(x)||_2**2),   x = real

    with the squared norm over all non-batch axes. It is added to the discriminator's loss.

    Args:
        critic_fn: a callable mapping a batch of samples to logits (see `gradient_penalty`).
        real: a batch of real samples, `(N, ...)`.
        weight: the coefficient `gamma` (10 in the paper for most data sets).

    Returns:
        A float32 scalar.

    Example:

    >>> import numpy as np
    >>> from keras import ops
    >>> from kerasgan.losses import r1_penalty
    >>> w = ops.full((1, 4), 0.5)  # a linear critic: ||grad||**2 = ||w||**2 = 1
    >>> critic = lambda x: ops.sum(x * w, axis=1)
    >>> round(float(r1_penalty(critic, np.ones((3, 4), "float32"), weight=10.0)), 4)
    5.0
    """
    real = as_float32(real)
    _, grads = backend.input_gradient(critic_fn, real)
    return 0.5 * weight * ops.mean(per_sample_sum_of_squares(as_float32(grads)))
