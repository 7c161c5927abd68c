"""Where a preset's weights come from, checked by sha256 at every step.

Order: an explicit file or directory; the cache (`$KERAS_HOME/kerasgan`, else
`~/.keras/kerasgan`); the source tree's `pretrained/` (`$KERASGAN_PRETRAINED_DIR` overrides);
a download from the preset's origin (`$KERASGAN_WEIGHTS_ORIGIN` replaces the base URL, for
mirrors) through `keras.utils.get_file` into a private temporary folder, moved into the cache
only once its sha256 matches. A cached file with the wrong hash is deleted, never used.
"""

import os
import shutil
import tempfile

from kerasgan.metrics._files import sha256_of_file
from kerasgan.zoo.errors import WeightsIntegrityError
from kerasgan.zoo.preset import REPO_ROOT


def cache_dir():
    base = os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")
    return os.path.join(base, "kerasgan")


def source_dir():
    return os.environ.get("KERASGAN_PRETRAINED_DIR") or os.path.join(REPO_ROOT, "pretrained")


def resolve_weights(preset, location=None):
    """The local path of `preset`'s verified weights file, downloading it if needed."""
    if location is not None:
        return _explicit(preset, os.fspath(location))
    cached = os.path.join(cache_dir(), preset.weights_file)
    if os.path.isfile(cached):
        if sha256_of_file(cached) == preset.sha256:
            return cached
        os.remove(cached)
    shipped = os.path.join(source_dir(), preset.weights_file)
    if os.path.isfile(shipped):
        _check(preset, shipped, "in the source tree's pretrained/ folder")
        return shipped
    return _download(preset, cached)


def _explicit(preset, location):
    path = os.path.join(location, preset.weights_file) if os.path.isdir(location) else location
    if not os.path.isfile(path):
        raise FileNotFoundError(
            f"Weights for preset {preset.name!r}: expected a .weights.h5 file or a directory holding "
            f"{preset.weights_file!r}; received {location!r}, where no such file exists."
        )
    _check(preset, path, "given explicitly")
    return path


def _check(preset, path, where):
    digest = sha256_of_file(path)
    if digest != preset.sha256:
        raise WeightsIntegrityError(
            f"The weights file {path} ({where}) has sha256 {digest}, but preset {preset.name!r} "
            f"pins {preset.sha256}. It is not this preset's file (or it is corrupted) and was not "
            "loaded. For your own fine-tuned weights build the preset with `weights=False` and "
            "call `load_weights`."
        )


def _download(preset, destination):
    import keras

    origin = preset.weights_origin
    os.makedirs(os.path.dirname(destination), exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".download-", dir=os.path.dirname(destination))
    try:
        try:
            fetched = keras.utils.get_file(
                fname=preset.weights_file, origin=origin, file_hash=preset.sha256,
                hash_algorithm="sha256", cache_dir=staging, cache_subdir=".",
            )
        except ValueError as error:
            raise WeightsIntegrityError(
                f"The weights downloaded for preset {preset.name!r} from {origin} do not have the "
                f"pinned sha256 {preset.sha256}; nothing was cached. ({error})"
            ) from None
        except Exception as error:
            raise OSError(
                f"Could not download the weights of preset {preset.name!r} from {origin} ({error}). "
                f"Offline: put {preset.weights_file} in {os.path.dirname(destination)} or pass "
                "`weights=<path>`; a mirror: set KERASGAN_WEIGHTS_ORIGIN to its base URL."
            ) from None
        if sha256_of_file(fetched) != preset.sha256:
            raise WeightsIntegrityError(
                f"The weights downloaded for preset {preset.name!r} from {origin} do not have the "
                f"pinned sha256 {preset.sha256}; nothing was cached."
            )
        os.replace(fetched, destination)
        return destination
    finally:
        shutil.rmtree(staging, ignore_errors=True)
