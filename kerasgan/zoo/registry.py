"""The preset registry: the zoo's own presets (`kerasgan.zoo.presets`) and any a user registers."""

import difflib
import fnmatch

from kerasgan.zoo.errors import UnknownPresetError
from kerasgan.zoo.preset import Preset
from kerasgan.zoo.presets import PRESETS

_PRESETS = {}


def register(preset):
    """Add a `Preset` to the zoo. Registering a different preset under a taken name fails.

    Example:

    ```python
    kerasgan.zoo.register(kerasgan.zoo.Preset(name="dcgan_faces", model_class=kerasgan.models.DCGAN, ...))
    ```
    """
    if not isinstance(preset, Preset):
        raise TypeError(f"kerasgan.zoo.register expects a Preset; received {type(preset).__name__}.")
    existing = _PRESETS.get(preset.name)
    if existing is not None and existing != preset:
        raise ValueError(f"A different preset named {preset.name!r} is already registered.")
    _PRESETS[preset.name] = preset
    return preset


def get_preset(name):
    """The registered `Preset` called `name`; an unknown name lists the closest names."""
    if not isinstance(name, str):
        raise TypeError(f"Preset names are strings; received {type(name).__name__} {name!r}.")
    if name not in _PRESETS:
        close = difflib.get_close_matches(name.lower(), list(_PRESETS), n=5, cutoff=0.5)
        hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise UnknownPresetError(
            f"No kerasgan preset named {name!r}.{hint} kerasgan.zoo.list() shows all "
            f"{len(_PRESETS)} presets; a preset folder or its URL loads with kerasgan.zoo.load(path_or_url)."
        )
    return _PRESETS[name]


def preset_names(pattern=None, trained=None):
    """Sorted preset names, filtered by a shell-style `pattern` (e.g. `"*_mnist"`) and status."""
    names = sorted(_PRESETS)
    if pattern is not None:
        names = [n for n in names if fnmatch.fnmatchcase(n, pattern)]
    if trained is not None:
        names = [n for n in names if _PRESETS[n].trained == bool(trained)]
    return names


for _preset in PRESETS:
    register(_preset)


def baseline_metrics(preset):
    """`{name: metrics}` of a preset's shipped baselines, for its card's comparison."""
    return {b: get_preset(b).metrics for b in preset.baselines if get_preset(b).shipped}
