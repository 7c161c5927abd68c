"""The least-squares GAN loss (Mao et al. 2017), with targets a=0, b=1, c=1."""

from keras import ops

from kerasgan.losses._utils import as_float32


def least_squares_discriminator_loss(real_logits, fake_logits):
    """LSGAN discriminator loss with fake target `a = 0` and real target `b = 1`.

    Mao et al., "Least Squares Generative Adversarial Networks", ICCV 2017, Eq. 2 with the 0-1
    coding scheme (a=0, b=1, c=1). The discriminator's raw output (no sigmoid) is regressed:

        L_D = 0.5 * mean((real_logits - 1)**2) + 0.5 * mean(fake_logits**2)

    Args:
        real_logits: discriminator outputs for real samples, shape `(N,)` or `(N, 1)`.
        fake_logits: discriminator outputs for generated samples, shape `(M,)` or `(M, 1)`.

    Returns:
        A float32 scalar.

    Example:

    >>> from kerasgan.losses import least_squares_discriminator_loss
    >>> float(least_squares_discriminator_loss([1.0, 3.0], [0.0, 2.0]))  # 0.5*2 + 0.5*2
    2.0
    """
    real_logits = as_float32(real_logits)
    fake_logits = as_float32(fake_logits)
    return 0.5 * ops.mean(ops.square(real_logits - 1.0)) + 0.5 * ops.mean(ops.square(fake_logits))


def least_squares_generator_loss(fake_logits):
    """LSGAN generator loss with target `c = 1`.

    Mao et al., "Least Squares Generative Adversarial Networks", ICCV 2017, Eq. 2 (c=1):

        L_G = 0.5 * mean((fake_logits - 1)**2)

    Args:
        fake_logits: discriminator outputs for generated samples, shape `(M,)` or `(M, 1)`.

    Returns:
        A float32 scalar.

    Example:

    >>> from kerasgan.losses import least_squares_generator_loss
    >>> float(least_squares_generator_loss([1.0, 3.0]))  # 0.5 * (0 + 4) / 2
    1.0
    """
    return 0.5 * ops.mean(ops.square(as_float32(fake_logits) - 1.0))
