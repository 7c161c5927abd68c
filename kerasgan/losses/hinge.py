"""The hinge GAN loss (Lim & Ye 2017; Miyato et al. 2018)."""

from keras import ops

from kerasgan.losses._utils import as_float32


def hinge_discriminator_loss(real_logits, fake_logits):
    """Hinge discriminator loss.

    Lim & Ye, "Geometric GAN", 2017; Miyato et al., "Spectral Normalization for Generative
    Adversarial Networks", ICLR 2018 (the SN-GAN, SA-GAN and BigGAN default):

        L_D = mean(relu(1 - real_logits)) + mean(relu(1 + fake_logits))

    Args:
        real_logits: discriminator logits of real samples, shape `(N,)` or `(N, 1)`.
        fake_logits: discriminator logits of generated samples, shape `(M,)` or `(M, 1)`.

    Returns:
        A float32 scalar.

    Example:

    >>> from kerasgan.losses import hinge_discriminator_loss
    >>> float(hinge_discriminator_loss([2.0, 0.5], [-2.0, 0.0]))  # (0 + 0.5)/2 + (0 + 1)/2
    0.75
    """
    real_logits = as_float32(real_logits)
    fake_logits = as_float32(fake_logits)
    return ops.mean(ops.relu(1.0 - real_logits)) + ops.mean(ops.relu(1.0 + fake_logits))


def hinge_generator_loss(fake_logits):
    """Hinge generator loss: the generator raises the critic's score of its samples.

    Lim & Ye, "Geometric GAN", 2017; Miyato et al., ICLR 2018:

        L_G = -mean(fake_logits)

    Args:
        fake_logits: discriminator logits of generated samples, shape `(M,)` or `(M, 1)`.

    Returns:
        A float32 scalar.

    Example:

    >>> from kerasgan.losses import hinge_generator_loss
    >>> float(hinge_generator_loss([1.0, 2.0]))
    -1.5
    """
    return -ops.mean(as_float32(fake_logits))
