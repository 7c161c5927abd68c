"""The WGAN-GP gradient penalty (Gulrajani et al. 2017)."""

import keras
from keras import ops

from kerasgan import backend
from kerasgan.backend.replicas import per_example
from kerasgan.losses._utils import as_float32
from kerasgan.losses._utils import check_seed
from kerasgan.losses._utils import per_sample_norm
from kerasgan.losses._utils import per_sample_shape


def gradient_penalty(critic_fn, real, fake, seed=None, weight=10.0, one_sided=False):
    """Two-sided gradient penalty on random interpolates of real and fake samples (WGAN-GP).

    Gulrajani et al., "Improved Training of Wasserstein GANs", NeurIPS 2017, Algorithm 1
    (reference code: igul222/improved_wgan_training). With one `eps ~ U[0, 1)` per sample:

        x_hat = eps * real + (1 - eps) * fake
        GP    = weight * mean((||grad_x_hat critic(x_hat)||_2 - 1)**2)

    where the norm runs over all non-batch axes; `one_sided=True` penalises only norms above 1,
    `weight * mean(max(0, ||grad|| - 1)**2)` (the one-sided variant of Gulrajani et al.'s
    appendix; Dong & Yang's code leaves its "one-side" penalty unsquared). It is added to the
    critic's loss. A `1e-12` under the square root keeps the penalty's parameter gradients finite
    where an input gradient is 0.

    The input gradient comes from `kerasgan.backend.input_gradient`, which is differentiable again
    inside `kerasgan.backend.compute_gradients` (the GAN train step). On torch that double
    backward needs eager execution (no `jit_compile`).

    Args:
        critic_fn: a callable mapping a batch of samples to logits, e.g. the discriminator or a
            closure that calls it with labels. Its output is summed, so each logit must depend
            only on its own sample (no batch-mixing layers such as BatchNormalization in training
            mode; minibatch-stddev makes the gradient an approximation, as in the reference).
        real: a batch of real samples, `(N, ...)`.
        fake: a batch of generated samples with the same shape.
        seed: a `keras.random.SeedGenerator` (required inside a JAX-jitted step: use one attached
            to the model), an int (the same `eps` on every call), or None (Keras's global
            generator).
        weight: the penalty coefficient `lambda` (10 in the paper).
        one_sided: penalise only gradient norms above 1.

    Returns:
        A float32 scalar.

    Example:

    >>> import numpy as np
    >>> from keras import ops
    >>> from kerasgan.losses import gradient_penalty
    >>> w = ops.full((1, 4, 4, 1), 0.5)  # a linear critic: ||grad|| = ||w|| = 2 everywhere
    >>> critic = lambda x: ops.sum(x * w, axis=(1, 2, 3))
    >>> real, fake = np.ones((8, 4, 4, 1), "float32"), np.zeros((8, 4, 4, 1), "float32")
    >>> round(float(gradient_penalty(critic, real, fake, seed=0)), 4)  # 10 * (2 - 1)**2
    10.0
    """
    seed = check_seed(seed)
    real = as_float32(real)
    fake = as_float32(fake)
    shape = per_sample_shape(real)
    eps = per_example(lambda m: keras.random.uniform((m, *shape[1:]), dtype="float32", seed=seed), shape[0])
    interpolates = eps * real + (1.0 - eps) * fake
    _, grads = backend.input_gradient(critic_fn, interpolates)
    norms = per_sample_norm(as_float32(grads))
    gap = ops.relu(norms - 1.0) if one_sided else norms - 1.0
    return weight * ops.mean(ops.square(gap))
