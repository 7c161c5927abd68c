"""The non-saturating GAN loss (Goodfellow et al. 2014; the DCGAN default)."""

from keras import ops

from kerasgan.losses._utils import as_float32


def non_saturating_discriminator_loss(real_logits, fake_logits):
    """Discriminator loss of the original GAN: binary cross-entropy on logits.

    Goodfellow et al., "Generative Adversarial Nets", NeurIPS 2014; used by DCGAN (Radford et al.,
    2016). With `D(x) = sigmoid(logit)`:

        L_D = -E[log D(x)] - E[log(1 - D(G(z)))]
            = mean(softplus(-real_logits)) + mean(softplus(fake_logits))

    Args:
        real_logits: discriminator logits of real samples, shape `(N,)` or `(N, 1)`.
        fake_logits: discriminator logits of generated samples, shape `(M,)` or `(M, 1)`.

    Returns:
        A float32 scalar.

    Example:

    >>> from kerasgan.losses import non_saturating_discriminator_loss
    >>> round(float(non_saturating_discriminator_loss([0.0, 0.0], [0.0, 0.0])), 4)  # 2 log 2
    1.3863
    """
    real_logits = as_float32(real_logits)
    fake_logits = as_float32(fake_logits)
    return ops.mean(ops.softplus(-real_logits)) + ops.mean(ops.softplus(fake_logits))


def non_saturating_generator_loss(fake_logits):
    """Non-saturating generator loss: the generator maximises `log D(G(z))`.

    Goodfellow et al., "Generative Adversarial Nets", NeurIPS 2014, Section 3 (the heuristic that
    gives strong gradients early in training); the DCGAN default.

        L_G = -E[log D(G(z))] = mean(softplus(-fake_logits))

    Args:
        fake_logits: discriminator logits of generated samples, shape `(M,)` or `(M, 1)`.

    Returns:
        A float32 scalar.

    Example:

    >>> from kerasgan.losses import non_saturating_generator_loss
    >>> round(float(non_saturating_generator_loss([0.0, 0.0])), 4)  # log 2
    0.6931
    """
    return ops.mean(ops.softplus(-as_float32(fake_logits)))
