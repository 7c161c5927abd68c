"""Look up an adversarial loss pair by name."""

import collections

from kerasgan.losses.hinge import hinge_discriminator_loss
from kerasgan.losses.hinge import hinge_generator_loss
from kerasgan.losses.least_squares import least_squares_discriminator_loss
from kerasgan.losses.least_squares import least_squares_generator_loss
from kerasgan.losses.least_squares_pearson import least_squares_pearson_discriminator_loss
from kerasgan.losses.least_squares_pearson import least_squares_pearson_generator_loss
from kerasgan.losses.minimax import minimax_discriminator_loss
from kerasgan.losses.minimax import minimax_generator_loss
from kerasgan.losses.non_saturating import non_saturating_discriminator_loss
from kerasgan.losses.non_saturating import non_saturating_generator_loss
from kerasgan.losses.wasserstein import wasserstein_discriminator_loss
from kerasgan.losses.wasserstein import wasserstein_generator_loss

AdversarialLoss = collections.namedtuple("AdversarialLoss", ["name", "discriminator", "generator"])
AdversarialLoss.__doc__ = """A named pair of adversarial losses.

Args:
    name: the registry name, e.g. `"hinge"`.
    discriminator: `fn(real_logits, fake_logits) -> scalar`.
    generator: `fn(fake_logits) -> scalar`.

Example:

>>> from kerasgan.losses import get
>>> loss = get("hinge")
>>> float(loss.discriminator([2.0], [-2.0])), float(loss.generator([0.5]))
(0.0, -0.5)
"""

_REGISTRY = {
    loss.name: loss
    for loss in (
        AdversarialLoss(
            "non_saturating", non_saturating_discriminator_loss, non_saturating_generator_loss
        ),
        AdversarialLoss("minimax", minimax_discriminator_loss, minimax_generator_loss),
        AdversarialLoss("hinge", hinge_discriminator_loss, hinge_generator_loss),
        AdversarialLoss("wasserstein", wasserstein_discriminator_loss, wasserstein_generator_loss),
        AdversarialLoss(
            "least_squares", least_squares_discriminator_loss, least_squares_generator_loss
        ),
        AdversarialLoss(
            "least_squares_pearson",
            least_squares_pearson_discriminator_loss,
            least_squares_pearson_generator_loss,
        ),
    )
}

ADVERSARIAL_LOSSES = tuple(_REGISTRY)


def get(name):
    """The `AdversarialLoss` registered under `name`.

    Args:
        name: one of `ADVERSARIAL_LOSSES` ("non_saturating", "minimax", "hinge", "wasserstein",
            "least_squares", "least_squares_pearson"), or an `AdversarialLoss`, returned as is.

    Returns:
        An `AdversarialLoss(name, discriminator, generator)`.

    Raises:
        ValueError: `name` is not a registered loss.

    Example:

    >>> from kerasgan.losses import get
    >>> get("least_squares").name
    'least_squares'
    """
    if isinstance(name, AdversarialLoss):
        return name
    if isinstance(name, str) and name in _REGISTRY:
        return _REGISTRY[name]
    valid = ", ".join(repr(n) for n in ADVERSARIAL_LOSSES)
    raise ValueError(f"Unknown adversarial loss; expected one of {valid}. Received: {name!r}.")
