"""The least-squares GAN loss with targets a=-1, b=1, c=0 (Mao et al. 2017, Eq. 9)."""

from keras import ops

from kerasgan.losses._utils import as_float32


def least_squares_pearson_discriminator_loss(real_logits, fake_logits):
    """LSGAN discriminator loss with fake target `a = -1` and real target `b = 1`.

    Mao et al., "Least Squares Generative Adversarial Networks", ICCV 2017, Eq. 9: the coding
    `b - c = 1, b - a = 2` under which LSGAN minimises the Pearson χ² divergence. Written as in
    the LSGAN variant of the IVGAN reference code (zhangliangyu32/IVGAN
    `CI_LSGANS_noise_addterm_stackMNIST`), without Mao's factor ½:

        L_D = mean((real_logits - 1)**2) + mean((fake_logits + 1)**2)

    Args:
        real_logits: discriminator outputs for real samples, shape `(N,)` or `(N, 1)`.
        fake_logits: discriminator outputs for generated samples, shape `(M,)` or `(M, 1)`.

    Returns:
        A float32 scalar.

    Example:

    >>> from kerasgan.losses import least_squares_pearson_discriminator_loss
    >>> float(least_squares_pearson_discriminator_loss([1.0, 3.0], [-1.0, 1.0]))  # 2 + 2
    4.0
    """
    real_logits = as_float32(real_logits)
    fake_logits = as_float32(fake_logits)
    return ops.mean(ops.square(real_logits - 1.0)) + ops.mean(ops.square(fake_logits + 1.0))


def least_squares_pearson_generator_loss(fake_logits):
    """LSGAN generator loss with target `c = 0` (Mao et al. 2017, Eq. 9; the IVGAN reference's form):

        L_G = mean(fake_logits**2)

    Args:
        fake_logits: discriminator outputs for generated samples, shape `(M,)` or `(M, 1)`.

    Returns:
        A float32 scalar.

    Example:

    >>> from kerasgan.losses import least_squares_pearson_generator_loss
    >>> float(least_squares_pearson_generator_loss([1.0, 3.0]))  # (1 + 9) / 2
    5.0
    """
    return ops.mean(ops.square(as_float32(fake_logits)))
