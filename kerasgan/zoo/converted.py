"""Presets whose weights are a publisher's released checkpoint: fetch, check, convert once, cache.

The converted model is cached as a preset folder in `$KERAS_HOME/kerasgan/converted/<preset>/`
(default `~/.keras/...`), the publisher's file in `.../downloads/`. Every step either completes or
leaves nothing behind: downloads are staged and checked before they enter the cache, the
converted folder is written aside and moved into place.
"""

import os
import warnings

from kerasgan.core import preset_folder
from kerasgan.utils.download import cache_root
from kerasgan.utils.download import fetch_file
from kerasgan.utils.files import atomic_write
from kerasgan.utils.torch_checkpoint import read_torch_checkpoint
from kerasgan.version import __version__
from kerasgan.zoo.errors import WeightsIntegrityError

_HTML = (b"<!doctype html", b"<html", b"<head", b"<?xml")


def downloads_dir():
    return os.path.join(cache_root(), "downloads")


def converted_dir():
    return os.path.join(cache_root(), "converted")


def load_converted(preset):
    """The preset's model with the publisher's weights: from the converted cache, or fetched,
    checked, converted and cached now."""
    folder = os.path.join(converted_dir(), preset.name)
    if _current(folder, preset):
        return preset_folder.load_preset_folder(folder, error=WeightsIntegrityError)
    source, digest, checkpoint = fetch_publisher_file(preset.publisher_weights)
    gan, networks = convert_file(preset, source, checkpoint)
    gan.save_to_preset(folder, conversion_metadata(preset, digest, networks), samples=False)
    return gan


def convert_file(preset, path, checkpoint=None):
    """`(gan, converted network names)`: the preset's model holding the weights of the publisher's
    file at `path` (read without torch; `checkpoint`: the file already read)."""
    checkpoint = read_torch_checkpoint(path) if checkpoint is None else checkpoint
    pw = preset.publisher_weights
    gan = preset.build(**(pw.architecture(checkpoint) if pw.architecture else {}))
    networks = pw.converter(checkpoint, gan)
    return gan, list(networks)


def conversion_metadata(preset, publisher_sha256, networks):
    pw = preset.publisher_weights
    converter = f"{pw.converter.__module__}.{pw.converter.__qualname__}"
    return {
        **preset.words(),
        "source": f"Converted from {pw.publisher}'s released checkpoint {pw.file_name} ({pw.url}); "
        f"networks converted: {', '.join(networks)}.",
        "publisher": pw.publisher,
        "publisher_file": pw.file_name,
        "publisher_url": pw.url,
        "publisher_sha256": publisher_sha256,
        "weights_licence": pw.licence,
        "reported_metrics": dict(pw.reported_metrics),
        "reported_protocol": pw.reported_protocol,
        "conversion_check": pw.conversion_check,
        "converted_networks": list(networks),
        "converter": converter,
        "converted_with_kerasgan": __version__,
    }


def _current(folder, preset):
    """Whether `folder` holds this kerasgan's conversion of the expected publisher file."""
    try:
        metadata = preset_folder.read_metadata(folder)
    except (FileNotFoundError, ValueError):
        return False
    expected = preset.publisher_weights.expected_hash or _recorded_hash(preset.publisher_weights)
    return (
        metadata.get("converted_with_kerasgan") == __version__
        and metadata.get("publisher_file") == preset.publisher_weights.file_name
        and (expected is None or str(metadata.get("publisher_sha256", "")).startswith(expected))
    )


def _record_path(pw):
    return os.path.join(downloads_dir(), pw.file_name + ".sha256")


def _recorded_hash(pw):
    path = _record_path(pw)
    if os.path.isfile(path):
        with open(path) as f:
            return f.read().strip() or None
    return None


def fetch_publisher_file(pw):
    """`(path, sha256, checkpoint or None)` of a publisher's file, downloading it into the cache if
    needed: the file is hashed once, and a download is read once (its checkpoint is returned for
    the conversion; a cached file is read by the conversion)."""
    destination = os.path.join(downloads_dir(), pw.file_name)
    url = pw.download_url
    manual = (
        f"To place it by hand: download {url} in a browser and save it as {destination} "
        f"(or pass weights='/path/to/{pw.file_name}' to kerasgan.zoo.load); a mirror: set KERASGAN_MIRROR "
        "to a base URL that serves the publisher's file name."
    )
    expected = pw.expected_hash or _recorded_hash(pw)

    def validate(path):
        with open(path, "rb") as f:
            head = f.read(512).lstrip().lower()
        if head.startswith(_HTML):
            raise OSError(
                f"The download of {pw.file_name} from {url} returned an HTML page, not a PyTorch checkpoint "
                f"(Google Drive answers large files with a confirmation page); nothing was cached. {manual}"
            )
        try:
            return read_torch_checkpoint(path)
        except ValueError as e:
            raise OSError(
                f"The file downloaded from {url} is not a whole PyTorch checkpoint ({e}); it may have been cut "
                f"short. Nothing was cached. {manual}"
            ) from None

    path, digest, checkpoint = fetch_file(url, destination, sha256=expected,
                                          what=f"{pw.publisher} checkpoint {pw.file_name}", manual_help=manual,
                                          error=WeightsIntegrityError, validate=validate)
    if expected is None:
        if checkpoint is None:  # a file placed by hand is checked like a download before its hash is recorded
            try:
                checkpoint = validate(path)
            except OSError:
                os.remove(path)
                raise
        with atomic_write(_record_path(pw)) as tmp, open(tmp, "w") as f:
            f.write(digest + "\n")
        warnings.warn(
            f"{pw.publisher} publishes no checksum for {pw.file_name}: kerasgan recorded the sha256 of this first "
            f"download ({digest}) in {_record_path(pw)} and checks the file against it from now on.",
            stacklevel=3,
        )
    return path, digest, checkpoint
