"""The minimax (saturating) GAN loss of Goodfellow et al. 2014."""

from keras import ops

from kerasgan.losses._utils import as_float32
from kerasgan.losses.non_saturating import non_saturating_discriminator_loss


def minimax_discriminator_loss(real_logits, fake_logits):
    """Discriminator loss of the minimax GAN: the same binary cross-entropy as non-saturating.

    Goodfellow et al., "Generative Adversarial Nets", NeurIPS 2014, Eq. 1:

        L_D = -E[log D(x)] - E[log(1 - D(G(z)))]
            = mean(softplus(-real_logits)) + mean(softplus(fake_logits))

    Args:
        real_logits: discriminator logits of real samples, shape `(N,)` or `(N, 1)`.
        fake_logits: discriminator logits of generated samples, shape `(M,)` or `(M, 1)`.

    Returns:
        A float32 scalar.

    Example:

    >>> from kerasgan.losses import minimax_discriminator_loss
    >>> round(float(minimax_discriminator_loss([0.0], [0.0])), 4)  # 2 log 2
    1.3863
    """
    return non_saturating_discriminator_loss(real_logits, fake_logits)


def minimax_generator_loss(fake_logits):
    """Minimax (saturating) generator loss: the generator minimises `log(1 - D(G(z)))`.

    Goodfellow et al., "Generative Adversarial Nets", NeurIPS 2014, Eq. 1. It saturates when the
    discriminator rejects samples confidently; prefer `non_saturating_generator_loss` in practice.

        L_G = E[log(1 - D(G(z)))] = -mean(softplus(fake_logits))

    Args:
        fake_logits: discriminator logits of generated samples, shape `(M,)` or `(M, 1)`.

    Returns:
        A float32 scalar.

    Example:

    >>> from kerasgan.losses import minimax_generator_loss
    >>> round(float(minimax_generator_loss([0.0, 0.0])), 4)  # log(1/2)
    -0.6931
    """
    return -ops.mean(ops.softplus(as_float32(fake_logits)))
