"""Look up an adversarial loss pair by name; serialize custom pairs."""

import collections

import keras

from kerasgan.losses.absolute import absolute_discriminator_loss
from kerasgan.losses.absolute import absolute_generator_loss
from kerasgan.losses.absolute import double_absolute_discriminator_loss
from kerasgan.losses.absolute import double_absolute_generator_loss
from kerasgan.losses.hinge import hinge_discriminator_loss
from kerasgan.losses.hinge import hinge_generator_loss
from kerasgan.losses.least_squares import least_squares_discriminator_loss
from kerasgan.losses.least_squares import least_squares_generator_loss
from kerasgan.losses.least_squares_pearson import least_squares_pearson_discriminator_loss
from kerasgan.losses.least_squares_pearson import least_squares_pearson_generator_loss
from kerasgan.losses.minimax import minimax_discriminator_loss
from kerasgan.losses.minimax import minimax_generator_loss
from kerasgan.losses.mmd import mmd_discriminator_loss
from kerasgan.losses.mmd import mmd_generator_loss
from kerasgan.losses.non_saturating import non_saturating_discriminator_loss
from kerasgan.losses.non_saturating import non_saturating_generator_loss
from kerasgan.losses.relativistic_average import relativistic_average_discriminator_loss
from kerasgan.losses.relativistic_average import relativistic_average_generator_loss
from kerasgan.losses.relativistic_average import relativistic_average_hinge_discriminator_loss
from kerasgan.losses.relativistic_average import relativistic_average_hinge_generator_loss
from kerasgan.losses.semi_supervised import semi_supervised_discriminator_loss
from kerasgan.losses.semi_supervised import semi_supervised_generator_loss
from kerasgan.losses.wasserstein import wasserstein_discriminator_loss
from kerasgan.losses.wasserstein import wasserstein_generator_loss

AdversarialLoss = collections.namedtuple(
    "AdversarialLoss", ["name", "discriminator", "generator", "relativistic"], defaults=(False,)
)
AdversarialLoss.__doc__ = """A named pair of adversarial losses.

Args:
    name: the registry name, e.g. `"hinge"`.
    discriminator: `fn(real_logits, fake_logits) -> scalar`.
    generator: `fn(fake_logits) -> scalar`, or `fn(fake_logits, real_logits)` when `relativistic`.
    relativistic: the generator's loss also takes the real logits (the generator update then
        runs the discriminator on the real batch too).

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
        AdversarialLoss(
            "relativistic_average",
            relativistic_average_discriminator_loss,
            relativistic_average_generator_loss,
            relativistic=True,
        ),
        AdversarialLoss(
            "relativistic_average_hinge",
            relativistic_average_hinge_discriminator_loss,
            relativistic_average_hinge_generator_loss,
            relativistic=True,
        ),
        AdversarialLoss("absolute", absolute_discriminator_loss, absolute_generator_loss),
        AdversarialLoss("double_absolute", double_absolute_discriminator_loss, double_absolute_generator_loss),
        AdversarialLoss("mmd", mmd_discriminator_loss, mmd_generator_loss, relativistic=True),
        AdversarialLoss("semi_supervised", semi_supervised_discriminator_loss, semi_supervised_generator_loss),
    )
}

ADVERSARIAL_LOSSES = tuple(_REGISTRY)


def get(name):
    """The `AdversarialLoss` registered under `name`.

    Args:
        name: one of `ADVERSARIAL_LOSSES` ("non_saturating", "minimax", "hinge", "wasserstein",
            "least_squares", "least_squares_pearson", "relativistic_average",
            "relativistic_average_hinge", "absolute", "double_absolute", "mmd", "semi_supervised"), an
            `AdversarialLoss` (returned as is), or
            the dict `serialize` makes of one.

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
    if isinstance(name, dict):
        return deserialize(name)
    if isinstance(name, str) and name in _REGISTRY:
        return _REGISTRY[name]
    valid = ", ".join(repr(n) for n in ADVERSARIAL_LOSSES)
    raise ValueError(f"Unknown adversarial loss; expected one of {valid}. Received: {name!r}.")


def serialize(loss):
    """A loss name as is; a custom `AdversarialLoss` as a dict naming its two functions, which must
    be registered with `keras.saving.register_keras_serializable` (so a model using it can be saved
    and loaded).

    Example:

    ```python
    @keras.saving.register_keras_serializable(package="my_losses")
    def d_loss(real_logits, fake_logits): ...
    @keras.saving.register_keras_serializable(package="my_losses")
    def g_loss(fake_logits): ...
    serialize(AdversarialLoss("mine", d_loss, g_loss))
    ```
    """
    if isinstance(loss, str):
        return loss
    if not isinstance(loss, AdversarialLoss):
        raise TypeError(f"Expected a loss name or an AdversarialLoss; received {type(loss).__name__}.")
    config = {"name": loss.name, **({"relativistic": True} if loss.relativistic else {})}
    for role in ("discriminator", "generator"):
        fn = getattr(loss, role)
        registered = keras.saving.get_registered_name(fn)
        if keras.saving.get_registered_object(registered) is not fn:
            raise ValueError(
                f"The custom AdversarialLoss {loss.name!r} cannot be saved: its {role} function "
                f"{getattr(fn, '__qualname__', fn)!r} is not registered. Decorate it with "
                "`@keras.saving.register_keras_serializable(package=...)` (a module-level function)."
            )
        config[role] = registered
    return {"class_name": "AdversarialLoss", "config": config}


def deserialize(config):
    """The `AdversarialLoss` described by `serialize`'s dict (its functions must be registered)."""
    if not isinstance(config, dict) or config.get("class_name") != "AdversarialLoss":
        raise ValueError(f"Expected a serialized AdversarialLoss; received {config!r}.")
    inner = config["config"]
    functions = {}
    for role in ("discriminator", "generator"):
        fn = keras.saving.get_registered_object(inner[role])
        if fn is None:
            raise ValueError(
                f"The saved AdversarialLoss {inner['name']!r} needs the registered function {inner[role]!r}: "
                "import the module that registers it before loading."
            )
        functions[role] = fn
    return AdversarialLoss(inner["name"], functions["discriminator"], functions["generator"],
                           bool(inner.get("relativistic", False)))
