"""Adversarial losses (functions of logits) and regularisation penalties.

Adversarial losses come in pairs, `<name>_discriminator_loss(real_logits, fake_logits)` and
`<name>_generator_loss(fake_logits)` (relativistic ones: `(fake_logits, real_logits)`), each
returning a float32 scalar mean; `get(name)` returns them as an `AdversarialLoss(name,
discriminator, generator, relativistic)`. Penalties are added to the
discriminator's (or, for `orthogonal_penalty`, either network's) loss.
"""

from kerasgan.losses.absolute import absolute_discriminator_loss
from kerasgan.losses.absolute import absolute_generator_loss
from kerasgan.losses.absolute import double_absolute_discriminator_loss
from kerasgan.losses.absolute import double_absolute_generator_loss
from kerasgan.losses.dragan_penalty import dragan_penalty
from kerasgan.losses.drift_penalty import drift_penalty
from kerasgan.losses.gradient_penalty import gradient_penalty
from kerasgan.losses.hinge import hinge_discriminator_loss
from kerasgan.losses.hinge import hinge_generator_loss
from kerasgan.losses.least_squares import least_squares_discriminator_loss
from kerasgan.losses.least_squares import least_squares_generator_loss
from kerasgan.losses.least_squares_pearson import least_squares_pearson_discriminator_loss
from kerasgan.losses.least_squares_pearson import least_squares_pearson_generator_loss
from kerasgan.losses.local_gradient_penalty import local_gradient_penalty
from kerasgan.losses.minimax import minimax_discriminator_loss
from kerasgan.losses.minimax import minimax_generator_loss
from kerasgan.losses.mmd import mix_rq_dot_kernel
from kerasgan.losses.mmd import mmd2
from kerasgan.losses.mmd import mmd_discriminator_loss
from kerasgan.losses.mmd import mmd_generator_loss
from kerasgan.losses.non_saturating import non_saturating_discriminator_loss
from kerasgan.losses.non_saturating import non_saturating_generator_loss
from kerasgan.losses.orthogonal_penalty import orthogonal_penalty
from kerasgan.losses.r1_penalty import r1_penalty
from kerasgan.losses.registry import ADVERSARIAL_LOSSES
from kerasgan.losses.registry import AdversarialLoss
from kerasgan.losses.registry import deserialize
from kerasgan.losses.registry import get
from kerasgan.losses.registry import serialize
from kerasgan.losses.relativistic_average import relativistic_average_discriminator_loss
from kerasgan.losses.relativistic_average import relativistic_average_generator_loss
from kerasgan.losses.relativistic_average import relativistic_average_hinge_discriminator_loss
from kerasgan.losses.relativistic_average import relativistic_average_hinge_generator_loss
from kerasgan.losses.semi_supervised import semi_supervised_discriminator_loss
from kerasgan.losses.semi_supervised import semi_supervised_generator_loss
from kerasgan.losses.wasserstein import wasserstein_discriminator_loss
from kerasgan.losses.wasserstein import wasserstein_generator_loss

__all__ = [
    "ADVERSARIAL_LOSSES",
    "AdversarialLoss",
    "absolute_discriminator_loss",
    "absolute_generator_loss",
    "deserialize",
    "double_absolute_discriminator_loss",
    "double_absolute_generator_loss",
    "dragan_penalty",
    "drift_penalty",
    "get",
    "gradient_penalty",
    "hinge_discriminator_loss",
    "hinge_generator_loss",
    "least_squares_discriminator_loss",
    "least_squares_generator_loss",
    "least_squares_pearson_discriminator_loss",
    "least_squares_pearson_generator_loss",
    "local_gradient_penalty",
    "minimax_discriminator_loss",
    "minimax_generator_loss",
    "mix_rq_dot_kernel",
    "mmd2",
    "mmd_discriminator_loss",
    "mmd_generator_loss",
    "non_saturating_discriminator_loss",
    "non_saturating_generator_loss",
    "orthogonal_penalty",
    "relativistic_average_discriminator_loss",
    "relativistic_average_generator_loss",
    "relativistic_average_hinge_discriminator_loss",
    "relativistic_average_hinge_generator_loss",
    "r1_penalty",
    "semi_supervised_discriminator_loss",
    "semi_supervised_generator_loss",
    "serialize",
    "wasserstein_discriminator_loss",
    "wasserstein_generator_loss",
]
