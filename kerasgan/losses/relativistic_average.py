"""Relativistic average losses (Jolicoeur-Martineau, "The relativistic discriminator: a key
element missing from standard GAN", ICLR 2019; reference: AlexiaJM/RelativisticGAN): the
discriminator judges whether a real image is more realistic than the average fake, and a fake
less realistic than the average real. The generator's loss needs the real logits too."""

from keras import ops

from kerasgan.losses._utils import as_float32


def _relative(real_logits, fake_logits):
    real, fake = as_float32(real_logits), as_float32(fake_logits)
    return real - ops.mean(fake), fake - ops.mean(real)


def relativistic_average_discriminator_loss(real_logits, fake_logits):
    """RaSGAN's discriminator loss: `(BCE(r − mean f, 1) + BCE(f − mean r, 0)) / 2` on logits.

    Example:

    >>> from kerasgan.losses import relativistic_average_discriminator_loss
    >>> round(float(relativistic_average_discriminator_loss([0.0, 0.0], [0.0, 0.0])), 4)  # log 2
    0.6931
    """
    real, fake = _relative(real_logits, fake_logits)
    return (ops.mean(ops.softplus(-real)) + ops.mean(ops.softplus(fake))) / 2


def relativistic_average_generator_loss(fake_logits, real_logits):
    """RaSGAN's generator loss, the discriminator's with the targets swapped:
    `(BCE(r − mean f, 0) + BCE(f − mean r, 1)) / 2`.

    Example:

    >>> from kerasgan.losses import relativistic_average_generator_loss
    >>> round(float(relativistic_average_generator_loss([0.0, 0.0], [0.0, 0.0])), 4)
    0.6931
    """
    real, fake = _relative(real_logits, fake_logits)
    return (ops.mean(ops.softplus(real)) + ops.mean(ops.softplus(-fake))) / 2


def relativistic_average_hinge_discriminator_loss(real_logits, fake_logits):
    """RaHingeGAN's discriminator loss: `(mean relu(1 − (r − mean f)) + mean relu(1 + (f − mean r))) / 2`.

    Example:

    >>> from kerasgan.losses import relativistic_average_hinge_discriminator_loss
    >>> float(relativistic_average_hinge_discriminator_loss([2.0], [-2.0]))
    0.0
    """
    real, fake = _relative(real_logits, fake_logits)
    return (ops.mean(ops.relu(1.0 - real)) + ops.mean(ops.relu(1.0 + fake))) / 2


def relativistic_average_hinge_generator_loss(fake_logits, real_logits):
    """RaHingeGAN's generator loss: `(mean relu(1 + (r − mean f)) + mean relu(1 − (f − mean r))) / 2`.

    Example:

    >>> from kerasgan.losses import relativistic_average_hinge_generator_loss
    >>> float(relativistic_average_hinge_generator_loss([-2.0], [2.0]))  # fakes far below the reals
    5.0
    """
    real, fake = _relative(real_logits, fake_logits)
    return (ops.mean(ops.relu(1.0 + real)) + ops.mean(ops.relu(1.0 - fake))) / 2
