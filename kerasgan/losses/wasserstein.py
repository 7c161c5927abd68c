"""The Wasserstein GAN loss (Arjovsky et al. 2017)."""

from keras import ops

from kerasgan.losses._utils import as_float32


def wasserstein_discriminator_loss(real_logits, fake_logits):
    """Wasserstein critic loss: the negated Kantorovich-Rubinstein estimate.

    Arjovsky, Chintala & Bottou, "Wasserstein GAN", ICML 2017. The critic must be kept
    1-Lipschitz, e.g. with `gradient_penalty` (WGAN-GP) or weight clipping:

        L_D = mean(fake_logits) - mean(real_logits)

    Args:
        real_logits: critic scores of real samples, shape `(N,)` or `(N, 1)`.
        fake_logits: critic scores of generated samples, shape `(M,)` or `(M, 1)`.

    Returns:
        A float32 scalar.

    Example:

    >>> from kerasgan.losses import wasserstein_discriminator_loss
    >>> float(wasserstein_discriminator_loss([3.0, 1.0], [0.5, -0.5]))
    -2.0
    """
    return ops.mean(as_float32(fake_logits)) - ops.mean(as_float32(real_logits))


def wasserstein_generator_loss(fake_logits):
    """Wasserstein generator loss.

    Arjovsky, Chintala & Bottou, "Wasserstein GAN", ICML 2017:

        L_G = -mean(fake_logits)

    Args:
        fake_logits: critic scores of generated samples, shape `(M,)` or `(M, 1)`.

    Returns:
        A float32 scalar.

    Example:

    >>> from kerasgan.losses import wasserstein_generator_loss
    >>> float(wasserstein_generator_loss([0.5, -1.5]))
    0.5
    """
    return -ops.mean(as_float32(fake_logits))
