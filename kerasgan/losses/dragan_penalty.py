"""The DRAGAN gradient penalty (Kodali et al. 2017)."""

import keras
from keras import ops

from kerasgan import backend
from kerasgan.losses._utils import as_float32
from kerasgan.losses._utils import check_seed
from kerasgan.losses._utils import offset_seed
from kerasgan.losses._utils import per_sample_norm
from kerasgan.losses._utils import per_sample_shape


def dragan_penalty(critic_fn, real, seed=None, weight=10.0, perturbation=0.5):
    """Gradient penalty on random perturbations around the real data (DRAGAN).

    Kodali et al., "On Convergence and Stability of GANs", 2017 (reference code:
    kodalinaveen3/DRAGAN, `get_perturbed_batch`). With `u ~ U[0, 1)` per element, `alpha ~ U[0, 1)`
    per sample and `std(real)` the standard deviation of the whole batch (all elements):

        x_p   = real + perturbation * std(real) * u
        x_hat = real + alpha * (x_p - real)
        P     = weight * mean((||grad_x_hat critic(x_hat)||_2 - 1)**2)

    The norm runs over all non-batch axes; `std(real)` is a constant (no gradient), as in the
    reference, which perturbs the batch in numpy. A `1e-12` under the square root keeps the
    penalty's parameter gradients finite where an input gradient is 0.

    Args:
        critic_fn: a callable mapping a batch of samples to logits (see `gradient_penalty`).
        real: a batch of real samples, `(N, ...)`.
        seed: a `keras.random.SeedGenerator` (required inside a JAX-jitted step), an int, or None
            (Keras's global generator). Two draws are made; an int seed `s` uses `s` for `u` and
            `s + 1` for `alpha`.
        weight: the penalty coefficient `lambda` (10 in the reference).
        perturbation: the noise scale `C` in units of `std(real)` (0.5 in the reference).

    Returns:
        A float32 scalar.

    Example:

    >>> import numpy as np
    >>> from keras import ops
    >>> from kerasgan.losses import dragan_penalty
    >>> w = ops.full((1, 6), 0.5)  # a linear critic: ||grad|| = ||w|| = sqrt(1.5) everywhere
    >>> critic = lambda x: ops.sum(x * w, axis=1)
    >>> real = np.arange(24, dtype="float32").reshape(4, 6)
    >>> round(float(dragan_penalty(critic, real, seed=0)), 4)  # 10 * (sqrt(1.5) - 1)**2
    0.5051
    """
    seed = check_seed(seed)
    real = as_float32(real)
    noise = keras.random.uniform(ops.shape(real), dtype="float32", seed=seed)
    alpha = keras.random.uniform(per_sample_shape(real), dtype="float32", seed=offset_seed(seed, 1))
    scale = perturbation * ops.stop_gradient(ops.std(real))
    # real + alpha * (x_p - real), with x_p - real = scale * noise.
    interpolates = real + alpha * (scale * noise)
    _, grads = backend.input_gradient(critic_fn, interpolates)
    norms = per_sample_norm(as_float32(grads))
    return weight * ops.mean(ops.square(norms - 1.0))
