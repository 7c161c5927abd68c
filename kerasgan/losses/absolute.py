"""The absolute losses of Dong & Yang's adversarial-loss study ("Towards a Deeper Understanding of
Adversarial Losses", arXiv:1901.08753; reference: salu133445/dan, `src/dan/losses.py`,
`absolute_gan_losses` and `double_absolute_gan_losses`). The code's "absolute" is the paper's
*asymmetric* output activation and its "double-absolute" the paper's *absolute*
(`default_config.yaml`)."""

from keras import ops

from kerasgan.losses._utils import as_float32


def absolute_discriminator_loss(real_logits, fake_logits):
    """`mean |D(x)| + mean D(G(z))` (dan's "absolute").

    Example:

    >>> from kerasgan.losses import absolute_discriminator_loss
    >>> float(absolute_discriminator_loss([-2.0, 2.0], [1.0, -3.0]))
    1.0
    """
    return ops.mean(ops.abs(as_float32(real_logits))) + ops.mean(as_float32(fake_logits))


def absolute_generator_loss(fake_logits):
    """`−mean D(G(z))`, as the Wasserstein generator.

    Example:

    >>> from kerasgan.losses import absolute_generator_loss
    >>> float(absolute_generator_loss([1.0, -3.0]))
    1.0
    """
    return -ops.mean(as_float32(fake_logits))


def double_absolute_discriminator_loss(real_logits, fake_logits):
    """`mean |1 − D(x)| + mean |D(G(z))|` (dan's "double-absolute").

    Example:

    >>> from kerasgan.losses import double_absolute_discriminator_loss
    >>> float(double_absolute_discriminator_loss([1.0, 3.0], [0.0, -1.0]))
    1.5
    """
    return ops.mean(ops.abs(1.0 - as_float32(real_logits))) + ops.mean(ops.abs(as_float32(fake_logits)))


def double_absolute_generator_loss(fake_logits):
    """`mean |1 − D(G(z))|`.

    Example:

    >>> from kerasgan.losses import double_absolute_generator_loss
    >>> float(double_absolute_generator_loss([0.0, 3.0]))
    1.5
    """
    return ops.mean(ops.abs(1.0 - as_float32(fake_logits)))
