"""Dong & Yang's local gradient penalty (salu133445/dan)."""

import keras
from keras import ops

from kerasgan import backend
from kerasgan.losses._utils import as_float32
from kerasgan.losses._utils import check_seed
from kerasgan.losses._utils import per_sample_norm


def local_gradient_penalty(critic_fn, real, seed=None, weight=10.0, noise_stddev=0.1, lipschitz=1.0, one_sided=False):
    """Gradient penalty at Gaussian perturbations of the real data.

    Dong & Yang, "Towards a Deeper Understanding of Adversarial Losses", arXiv 1901.08753,
    section 5.3; reference salu133445/dan, `src/dan/model.py` (`local-two-side` and
    `local-one-side`): at `x̂ = x + c·n`, n ~ N(0, I) per element,

        two-sided: weight * mean((‖∇D(x̂)‖₂ − k)²)
        one-sided: weight * mean(max(0, ‖∇D(x̂)‖₂ − k))   (not squared, as the reference)

    with the norm over all non-batch axes.

    Args:
        critic_fn: a callable mapping a batch of samples to logits.
        real: a batch of real samples, `(N, ...)`.
        seed: a `keras.random.SeedGenerator` (required inside a JAX-jitted step), an int, or None.
        weight: λ (10 in the reference's configuration).
        noise_stddev: c (0.1).
        lipschitz: k (1).
        one_sided: penalise only norms above k.

    Returns:
        A float32 scalar.

    Example:

    >>> import numpy as np
    >>> from keras import ops
    >>> w = ops.full((1, 6), 0.5)  # a linear critic: ||grad|| = ||w|| = sqrt(1.5) everywhere
    >>> critic = lambda x: ops.sum(x * w, axis=1)
    >>> real = np.zeros((4, 6), "float32")
    >>> round(float(local_gradient_penalty(critic, real, seed=0)), 4)  # 10 * (sqrt(1.5) - 1)**2
    0.5051
    """
    seed = check_seed(seed)
    real = as_float32(real)
    perturbed = real + noise_stddev * keras.random.normal(ops.shape(real), dtype="float32", seed=seed)
    _, grads = backend.input_gradient(critic_fn, perturbed)
    gap = per_sample_norm(as_float32(grads)) - lipschitz
    return weight * ops.mean(ops.relu(gap) if one_sided else ops.square(gap))
