"""The MMD GAN loss of Bińkowski, Sutherland, Arbel & Gretton, "Demystifying MMD GANs", ICLR 2018
(reference: mbinkowski/MMD-GAN, `gan/core/mmd.py`): the critic maps images to features and the
loss is the squared maximum mean discrepancy between the real and the generated features under the
mixed rational-quadratic plus dot-product kernel `mix_rq_1dot`."""

from keras import ops

from kerasgan.losses._utils import as_float32

ALPHAS = (0.1, 1.0, 10.0)


def _features(x):
    x = as_float32(x)
    return ops.reshape(x, (ops.shape(x)[0], -1))


def mix_rq_dot_kernel(x, y, alphas=ALPHAS, dot_weight=1.0):
    """`Σ_α (1 + ‖x − y‖² / 2α)^(−α) + dot_weight·⟨x, y⟩` between the rows of `x` and of `y`.

    The reference's `_mix_rq_1dot_kernel` (α ∈ {0.1, 1, 10}, unit weights, `add_dot=1`), with
    squared distances from the Gram matrices clipped at 0.

    Example:

    >>> import numpy as np
    >>> k = mix_rq_dot_kernel(np.zeros((1, 2)), np.ones((1, 2)))  # ‖x − y‖² = 2, ⟨x, y⟩ = 0
    >>> round(float(k[0, 0]), 4)  # (1 + 10)^-0.1 + (1 + 1)^-1 + (1 + 0.1)^-10
    1.6723
    """
    x, y = _features(x), _features(y)
    xy = ops.matmul(x, ops.transpose(y))
    squared = ops.maximum(ops.sum(ops.square(x), axis=1)[:, None] + ops.sum(ops.square(y), axis=1)[None, :]
                          - 2.0 * xy, 0.0)
    kernel = dot_weight * xy
    for alpha in alphas:
        kernel = kernel + ops.exp(-alpha * ops.log1p(squared / (2.0 * alpha)))
    return kernel


def mmd2(real, fake, alphas=ALPHAS, dot_weight=1.0):
    """The reference's unbiased MMD² estimate (`mmd.mmd2` of `_mix_rq_1dot_kernel`) between the
    feature batches `real` (n, d) and `fake` (m, d).

    As the reference, the within-batch sums leave out a diagonal taken as constant, the number of
    rational-quadratic terms (`const_diagonal = sum of the weights`), although the dot term adds
    `‖x‖²` to each diagonal entry.

    Example:

    >>> import numpy as np
    >>> x = np.random.default_rng(0).normal(size=(64, 3))
    >>> float(mmd2(x, x + 3.0)) > float(mmd2(x, x + 0.1))  # farther apart, larger
    True
    """
    k_xx = mix_rq_dot_kernel(real, real, alphas, dot_weight)
    k_yy = mix_rq_dot_kernel(fake, fake, alphas, dot_weight)
    k_xy = mix_rq_dot_kernel(fake, real, alphas, dot_weight)
    n = ops.cast(ops.shape(k_xx)[0], "float32")
    m = ops.cast(ops.shape(k_yy)[0], "float32")
    diagonal = float(len(alphas))
    return ((ops.sum(k_xx) - n * diagonal) / (n * (n - 1.0)) + (ops.sum(k_yy) - m * diagonal) / (m * (m - 1.0))
            - 2.0 * ops.sum(k_xy) / (n * m))


def mmd_discriminator_loss(real_logits, fake_logits):
    """The critic maximises MMD²: `−mmd2(real, fake)` of its features (rows of `real_logits`).

    Example:

    >>> import numpy as np
    >>> x, y = np.zeros((4, 2)), np.ones((4, 2))
    >>> float(mmd_discriminator_loss(x, y)) < 0
    True
    """
    return -mmd2(real_logits, fake_logits)


def mmd_generator_loss(fake_logits, real_logits):
    """The generator minimises MMD² between its samples' and the real images' critic features.

    Example:

    >>> import numpy as np
    >>> x, y = np.zeros((4, 2)), np.ones((4, 2))
    >>> float(mmd_generator_loss(y, x)) > 0
    True
    """
    return mmd2(real_logits, fake_logits)
