"""Preset folders, like keras-hub's: a trained GAN as a folder anyone can share (or serve at a URL).

A folder holds `config.json` (the model's Keras serialization, from `get_config`),
`model.weights.h5` (all networks and the model's own state; no optimizer state),
`metadata.json` (what it is, how it was trained and measured, the weights' sha256) and
`README.md` (its card, rendered from the metadata), plus `samples.png` when drawn.
"""

import datetime
import hashlib
import json
import os
import platform
import shutil
import tempfile
import urllib.parse

import keras
import numpy as np

from kerasgan.core.preset_card import render_card
from kerasgan.utils.download import IntegrityError
from kerasgan.utils.download import cache_root
from kerasgan.utils.download import download_file
from kerasgan.utils.files import atomic_write
from kerasgan.utils.files import sha256_of_file
from kerasgan.version import __version__

FORMAT = "kerasgan-preset"
FORMAT_VERSION = 1
CONFIG_FILE = "config.json"
METADATA_FILE = "metadata.json"
WEIGHTS_FILE = "model.weights.h5"
CARD_FILE = "README.md"
SAMPLES_FILE = "samples.png"

_loader = None


def set_preset_loader(loader):
    """Install THE preset loader, `loader(preset, weights=...) -> GAN` for names, folders and
    URLs (the zoo installs `kerasgan.zoo.load`), which `GAN.from_preset` calls: the core never
    imports the zoo, and this module only reads and writes folders."""
    global _loader
    _loader = loader


def preset_loader():
    """The installed preset loader (`kerasgan.zoo.load` once `kerasgan` is imported)."""
    if _loader is None:
        raise ImportError("No preset loader is installed: import kerasgan (its zoo installs kerasgan.zoo.load).")
    return _loader


def is_url(location):
    return isinstance(location, str) and urllib.parse.urlsplit(location).scheme in ("http", "https")


def clean_copy(gan):
    """A fresh, uncompiled copy of `gan` (from its config) holding its network weights and own
    state (seed generator, counters, banks), without optimizer state."""
    copy = type(gan).from_config(gan.get_config())
    if set(copy.networks) != set(gan.networks):
        raise ValueError(
            f"{type(gan).__name__}.from_config(get_config()) builds the networks {sorted(copy.networks)}, "
            f"not {sorted(gan.networks)}: the model's config does not describe it."
        )
    for name, source in gan.networks.items():
        copy.networks[name].set_weights(source.get_weights())
    for target, source in zip(copy._own_state(), gan._own_state(), strict=True):
        target.assign(source)
    return copy


def save_preset_folder(gan, preset_dir, metadata=None, samples=True, baselines=None):
    """Write `gan` as a preset folder (see the module docstring); returns the metadata written.

    The folder is assembled next to `preset_dir` and moved into place at the end: a crash leaves
    the previous folder (or none), never a half-written one. An existing `preset_dir` is replaced
    only when it is a preset folder itself (or empty).

    Args:
        gan: a `kerasgan.GAN`.
        preset_dir: the folder to write; its base name is the preset's default name.
        metadata: facts to record: `name`, `description`, `dataset`, `data_licence`, `paper`,
            `reference`, `source`, `metrics` (`{name: number}`), `metrics_protocol`, `training`,
            ... (any JSON-serializable dict).
        samples: draw `samples.png` with the model's `save_samples_picture` (`True`), with a
            function `samples(path)`, or not at all (`False`).
        baselines: `{name: metrics}` of the presets named in `metadata["baselines"]`, for the
            card's comparison table.
    """
    preset_dir = os.path.abspath(os.fspath(preset_dir))
    _check_replaceable(preset_dir)
    metadata = dict(metadata or {})
    metadata.setdefault("name", os.path.basename(preset_dir))
    parent = os.path.dirname(preset_dir)
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=f".{os.path.basename(preset_dir)}.partial-", dir=parent)
    try:
        copy = clean_copy(gan)
        config = keras.saving.serialize_keras_object(copy)
        _write_json(os.path.join(staging, CONFIG_FILE), config)
        copy.save_weights(os.path.join(staging, WEIGHTS_FILE))
        if samples:
            draw = samples if callable(samples) else gan.save_samples_picture
            draw(os.path.join(staging, SAMPLES_FILE))
        record = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "model": type(gan).__name__,
            "kerasgan_version": __version__,
            "keras_version": keras.__version__,
            "saved_with_backend": keras.backend.backend(),
            "parameters": int(sum(np.prod(v.shape) for net in gan.networks.values() for v in net.weights)),
            **metadata,
            "weights_file": WEIGHTS_FILE,
            "sha256": sha256_of_file(os.path.join(staging, WEIGHTS_FILE)),
        }
        if samples:
            record["samples_file"] = SAMPLES_FILE
        record.setdefault("created", datetime.date.today().isoformat())
        record.setdefault("machine", f"{platform.machine()}, {os.cpu_count()} CPU cores")
        _write_json(os.path.join(staging, METADATA_FILE), record)
        with open(os.path.join(staging, CARD_FILE), "w") as f:
            f.write(render_card(record, baselines))
        _swap_into_place(staging, preset_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return record


def update_metadata(preset_dir, changes, baselines=None):
    """Merge `changes` into a preset folder's metadata (e.g. metrics measured after saving) and
    re-render its card; both files are replaced atomically. Returns the new metadata."""
    metadata = {**read_metadata(preset_dir), **changes}
    with atomic_write(os.path.join(preset_dir, METADATA_FILE)) as tmp:
        _write_json(tmp, metadata)
    with atomic_write(os.path.join(preset_dir, CARD_FILE)) as tmp, open(tmp, "w") as f:
        f.write(render_card(metadata, baselines))
    return metadata


def read_metadata(preset_dir):
    """The `metadata.json` of a preset folder, checked to be one."""
    path = os.path.join(os.fspath(preset_dir), METADATA_FILE)
    if not os.path.isfile(path):
        raise FileNotFoundError(
            f"{os.fspath(preset_dir)!r} is not a kerasgan preset folder: expected {METADATA_FILE}, "
            f"{CONFIG_FILE} and {WEIGHTS_FILE} in it (written by `gan.save_to_preset`); {METADATA_FILE} is missing."
        )
    metadata = _read_json(path)
    if not isinstance(metadata, dict) or metadata.get("format") != FORMAT:
        raise ValueError(f"{path} is not a kerasgan preset's metadata (expected \"format\": \"{FORMAT}\").")
    if metadata.get("format_version", 0) > FORMAT_VERSION:
        raise ValueError(
            f"{path} has preset format version {metadata['format_version']}; this kerasgan ({__version__}) "
            f"reads up to version {FORMAT_VERSION}: upgrade kerasgan."
        )
    return metadata


def read_config(preset_dir):
    """The `config.json` of a preset folder: the model's Keras serialization."""
    config_path = os.path.join(os.fspath(preset_dir), CONFIG_FILE)
    if not os.path.isfile(config_path):
        raise FileNotFoundError(f"The preset folder {os.fspath(preset_dir)!r} has no {CONFIG_FILE}.")
    return _read_json(config_path)


def load_preset_folder(preset_dir, weights=True, error=IntegrityError):
    """The GAN saved in a preset folder, with its sha256-checked weights (`weights=False`: the
    architecture with fresh weights); a weights file with another sha256 raises `error`."""
    preset_dir = os.fspath(preset_dir)
    metadata = read_metadata(preset_dir)
    gan = keras.saving.deserialize_keras_object(read_config(preset_dir))
    if weights:
        path = os.path.join(preset_dir, metadata.get("weights_file", WEIGHTS_FILE))
        check_weights(path, metadata["sha256"], metadata.get("name", preset_dir), error)
        gan.load_weights(path)
    return gan


def check_weights(path, sha256, name, error=IntegrityError):
    """Raise `error` unless the weights file at `path` exists and has the preset's sha256."""
    if not os.path.isfile(path):
        raise FileNotFoundError(f"The weights of preset {name!r} are missing: no file {path}.")
    actual = sha256_of_file(path)
    if actual != sha256:
        raise error(
            f"The weights file {path} has sha256 {actual}, but preset {name!r} records {sha256}. It is "
            "not this preset's file (or it is corrupted) and was not loaded."
        )
    return path


def fetch_preset_folder(url):
    """Download the preset folder served at `url` into kerasgan's cache (once); returns its path.

    Files come through `kerasgan.utils.download_file`: the weights are checked against the sha256
    in the folder's metadata, and nothing half-downloaded stays in the cache.
    """
    base = url if url.endswith("/") else url + "/"
    key = hashlib.sha256(base.encode()).hexdigest()[:16]
    name = os.path.basename(urllib.parse.urlsplit(base).path.rstrip("/")) or "preset"
    folder = os.path.join(cache_root(), "presets", f"{name}-{key}")
    help_text = (f"Without network: download {METADATA_FILE}, {CONFIG_FILE} and {WEIGHTS_FILE} from {base} and "
                 f"load the folder holding them with kerasgan.zoo.load('<folder>').")
    for file in (METADATA_FILE, CONFIG_FILE):
        path = download_file(base + file, os.path.join(folder, file), what=f"preset file {file}", manual_help=help_text)
        try:
            _read_json(path)
        except ValueError:
            os.remove(path)
            raise
    metadata = read_metadata(folder)
    weights = metadata.get("weights_file", WEIGHTS_FILE)
    download_file(base + weights, os.path.join(folder, weights), sha256=metadata["sha256"],
                  what=f"weights of preset {metadata.get('name', name)!r}", manual_help=help_text)
    return folder


def _check_replaceable(preset_dir):
    if not os.path.exists(preset_dir):
        return
    if not os.path.isdir(preset_dir):
        raise FileExistsError(f"Cannot write a preset folder at {preset_dir}: a file of that name exists.")
    if os.listdir(preset_dir) and not os.path.isfile(os.path.join(preset_dir, METADATA_FILE)):
        raise FileExistsError(
            f"Cannot write a preset folder at {preset_dir}: it exists and is not a kerasgan preset folder "
            "(nothing was changed). Choose a new or empty folder."
        )


def _swap_into_place(staging, preset_dir):
    old = None
    if os.path.exists(preset_dir):
        old = tempfile.mkdtemp(prefix=f".{os.path.basename(preset_dir)}.old-", dir=os.path.dirname(preset_dir))
        os.rmdir(old)
        os.rename(preset_dir, old)
    os.rename(staging, preset_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _write_json(path, value):
    with open(path, "w") as f:
        json.dump(value, f, indent=2, ensure_ascii=False, default=_json_default)
        f.write("\n")


def _json_default(value):
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} {value!r} is not JSON-serializable.")


def _read_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except json.JSONDecodeError as e:
        raise ValueError(f"{path} is not valid JSON ({e}): a truncated or corrupted preset file.") from None
