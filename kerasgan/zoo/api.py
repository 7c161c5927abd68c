"""`kerasgan.zoo.load`, `list` and `info`."""

from kerasgan.zoo.errors import PresetNotTrainedError
from kerasgan.zoo.registry import get_preset
from kerasgan.zoo.registry import preset_names
from kerasgan.zoo.weights import resolve_weights


def load(name, weights=True):
    """A zoo model by preset name, with its trained weights.

    Args:
        name: a preset name, e.g. `"dcgan_mnist"` (`kerasgan.zoo.list()` shows them all).
        weights: `True` resolves the preset's sha256-pinned weights (cache, source tree's
            `pretrained/`, then download); a path to a `.weights.h5` file or to a directory
            holding it loads that file (checked against the pinned sha256); `False` builds the
            architecture with fresh weights.

    Returns:
        The preset's GAN (generator, discriminator and EMA generator where used), not compiled:
        `compile()` gives the paper's optimizers for fine-tuning.

    Raises:
        UnknownPresetError: no such preset (the message lists close names).
        PresetNotTrainedError: the preset has no trained weights yet (its recipe trains them).
        WeightsIntegrityError: a weights file does not have the pinned sha256.

    Example:

    ```python
    gan = kerasgan.zoo.load("dcgan_mnist")
    digits = gan.generate(64, seed=0)
    ```
    """
    preset = get_preset(name)
    if weights is False or weights is None:
        return preset.build()
    if weights is True:
        if not preset.trained:
            raise PresetNotTrainedError(
                f"Preset {name!r} has no trained weights yet: {preset.status_note} Train them with "
                f"`python {preset.recipe}` (writes pretrained/{name}.weights.h5), then "
                f"`kerasgan.zoo.load({name!r}, weights='pretrained/{name}.weights.h5')`; "
                f"`kerasgan.zoo.load({name!r}, weights=False)` builds the untrained architecture."
            )
        path = resolve_weights(preset)
    elif preset.trained:
        path = resolve_weights(preset, weights)
    else:
        path = weights
    gan = preset.build()
    gan.load_weights(path)
    return gan


def list_presets(pattern=None, trained=None):
    """Names of the registered presets, sorted.

    Args:
        pattern: a shell-style filter such as `"sngan_*"` or `"*_mnist"`.
        trained: `True` for presets with weights, `False` for those not trained yet.

    Example:

    ```python
    kerasgan.zoo.list("*_mnist")
    ```
    """
    return preset_names(pattern, trained)


def info(name):
    """Everything the zoo knows about a preset as a dict: status ("trained" or "not trained
    yet"), model and config, data set and licence, paper and reference code, recipe, measured
    metrics and how they were measured, training time, weights file, sha256 and origin, card.

    Example:

    ```python
    kerasgan.zoo.info("sngan_cifar10")["status"]  # "not trained yet"
    ```
    """
    return get_preset(name).to_dict()
