"""`kerasgan.zoo.load`, `list` and `info`."""

import os

from kerasgan.core import preset_folder
from kerasgan.utils.download import describe_hash
from kerasgan.utils.files import sha256_of_file
from kerasgan.zoo.converted import convert_file
from kerasgan.zoo.converted import load_converted
from kerasgan.zoo.errors import PresetNotTrainedError
from kerasgan.zoo.errors import WeightsIntegrityError
from kerasgan.zoo.registry import get_preset
from kerasgan.zoo.registry import preset_names


def load(preset, weights=True):
    """A GAN by preset name, from a preset folder, or from the URL of a preset folder.

    Args:
        preset: a preset name, e.g. `"dcgan_mnist"` (`kerasgan.zoo.list()` shows them all); a
            preset folder written by `GAN.save_to_preset` (`config.json`, `model.weights.h5`,
            `metadata.json`); or an `http(s)://` URL serving one (downloaded once into
            `$KERAS_HOME/kerasgan/presets/`, the weights checked against the folder's sha256).
        weights: `True` loads the preset's sha256-checked weights (a preset converted from a
            publisher's release downloads, checks and converts that file on first use, then
            loads the cached conversion); `False` builds the architecture with fresh weights; a
            path to a `.weights.h5` file (or a folder holding `model.weights.h5`) loads that file
            into the named preset's architecture, checked against the preset's sha256 when it is
            shipped; a path to a publisher's checkpoint (`.pth`) converts it (checked against the
            publisher's hash when it carries the publisher's file name; BigGAN presets also take
            BigGAN-PyTorch's `G.pth` / `G_ema.pth`).

    Returns:
        The preset's GAN (generator, discriminator, EMA generator and auxiliary networks where
        used), not compiled: `compile()` gives the paper's optimizers for fine-tuning.

    Raises:
        UnknownPresetError: no such preset (the message lists close names).
        PresetNotTrainedError: the preset has no trained weights yet (its recipe trains them).
        WeightsIntegrityError: a weights file does not have the recorded sha256.

    Example:

    ```python
    gan = kerasgan.zoo.load("dcgan_mnist")
    digits = gan.generate(64, seed=0)
    ```
    """
    if preset_folder.is_url(preset) or (not isinstance(preset, str) or os.path.sep in preset or os.path.isdir(preset)):
        return _load_folder(preset, weights)
    entry = get_preset(preset)
    if weights is False or weights is None:
        return entry.build()
    if weights is True:
        if not entry.shipped and entry.publisher_weights is not None:
            return load_converted(entry)
        if not entry.trained:
            raise PresetNotTrainedError(
                f"Preset {preset!r} has no trained weights yet: {entry.status_note} Train them with "
                f"`python {entry.recipe}` (it writes the preset folder pretrained/{preset}/), then "
                f"`kerasgan.zoo.load('path/to/{preset}')`; `kerasgan.zoo.load({preset!r}, weights=False)` "
                "builds the untrained architecture."
            )
        return preset_folder.load_preset_folder(entry.folder, error=WeightsIntegrityError)
    path = _weights_file(preset, os.fspath(weights))
    if not path.endswith(".weights.h5"):
        return _convert_given_file(entry, path)
    if entry.shipped:
        preset_folder.check_weights(path, entry.sha256, preset, error=WeightsIntegrityError)
    gan = entry.build()
    gan.load_weights(path)
    return gan


def _load_folder(location, weights):
    """A preset folder, or the URL of one (fetched once into the cache)."""
    if not isinstance(weights, bool):
        raise ValueError(f"`weights` must be True or False when loading a preset folder; received {weights!r}.")
    if preset_folder.is_url(location):
        return preset_folder.load_preset_folder(preset_folder.fetch_preset_folder(location), weights=weights)
    if isinstance(location, (str, os.PathLike)) and os.path.isdir(location):
        return preset_folder.load_preset_folder(location, weights=weights)
    if isinstance(location, (str, os.PathLike)):
        raise FileNotFoundError(
            f"No preset folder at {os.fspath(location)!r} (resolved to {os.path.abspath(location)}): a preset is a "
            "kerasgan.zoo name (kerasgan.zoo.list()), a preset folder (config.json, model.weights.h5, "
            "metadata.json) or an http(s) URL of one."
        )
    raise ValueError(
        "A preset is a kerasgan.zoo name (kerasgan.zoo.list()), a preset folder (config.json, "
        f"model.weights.h5, metadata.json) or an http(s) URL of one; received {location!r}."
    )


def _convert_given_file(entry, path):
    pw = entry.publisher_weights
    if pw is None:
        raise ValueError(
            f"Preset {entry.name!r} converts no publisher checkpoint; `weights` takes a .weights.h5 file or a "
            f"folder holding {preset_folder.WEIGHTS_FILE!r}; received {path!r}."
        )
    if os.path.basename(path) == pw.file_name and pw.expected_hash:
        actual = sha256_of_file(path)
        if not actual.startswith(pw.expected_hash):
            raise WeightsIntegrityError(
                f"{path} has sha256 {actual}, but {pw.publisher}'s {pw.file_name} has "
                f"{describe_hash(pw.expected_hash)}: a corrupted or different file; it was not converted."
            )
    return convert_file(entry, path)[0]


def _weights_file(name, location):
    path = os.path.join(location, preset_folder.WEIGHTS_FILE) if os.path.isdir(location) else location
    if not os.path.isfile(path):
        raise FileNotFoundError(
            f"Weights for preset {name!r}: expected a .weights.h5 file, a publisher's checkpoint or a folder holding "
            f"{preset_folder.WEIGHTS_FILE!r}; received {location!r}, where no such file exists."
        )
    return path


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
    yet"), model and config, data set and licence, paper and reference code, recipe, where its
    weights come from, measured metrics and how they were measured, training record, preset
    folder, sha256, card.

    Example:

    ```python
    kerasgan.zoo.info("sngan_cifar10")["status"]  # "not trained yet"
    ```
    """
    return get_preset(name).to_dict()
