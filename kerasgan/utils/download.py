"""One download path for every file kerasgan fetches (preset folders, FID weights): a staged
download through `keras.utils.get_file`, a sha256 check (full or a published prefix), then an
atomic move into the cache. A failed, truncated or wrong file never reaches the cache."""

import os
import shutil
import tempfile

from kerasgan.utils.files import sha256_of_file


class IntegrityError(ValueError):
    """A file's sha256 is not the expected one."""


def cache_root():
    """kerasgan's cache folder: `$KERAS_HOME/kerasgan`, else `~/.keras/kerasgan`."""
    base = os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")
    return os.path.join(base, "kerasgan")


def describe_hash(expected):
    """`expected` in words: a full sha256, or "one starting with <prefix>"."""
    return expected if len(expected) == 64 else f"one starting with {expected}"


def download_file(url, destination, sha256=None, what="file", manual_help="", error=IntegrityError, validate=None):
    """The local path of `url`'s file at `destination`, downloading it if it is not there.

    A file already at `destination` is reused if it matches `sha256` (else deleted and fetched
    again; without `sha256` it is reused as is). A download goes to a private staging folder next
    to `destination` and moves there only once its sha256 matches.

    Args:
        url: where the file is served.
        destination: its path in the cache.
        sha256: the expected sha256 (64 hex digits) or a prefix of at least 8 digits; `None` for
            files whose content is checked otherwise (a preset's JSON, say).
        what: the file in words, for messages.
        manual_help: what to do without network, appended to a download error.
        error: the exception class raised on a hash mismatch (a subclass of `IntegrityError`).
        validate: optional `validate(path)` run on the downloaded file before it is moved into
            place; whatever it raises rejects the file (an HTML page instead of a checkpoint, a
            truncated archive) and nothing is cached.

    Raises:
        OSError: the download failed (no network, HTTP error, interrupted transfer).
        IntegrityError: the downloaded file does not have the expected sha256; nothing was cached.

    Example:

    ```python
    path = kerasgan.utils.download_file(url, "/tmp/cache/model.weights.h5", sha256="ab12cd34")
    ```
    """
    return fetch_file(url, destination, sha256, what, manual_help, error, validate, digest=False)[0]


def fetch_file(url, destination, sha256=None, what="file", manual_help="", error=IntegrityError, validate=None,
               digest=True):
    """`download_file` that reads the file once: `(path, its sha256 or None, what validate returned
    or None)`. With `digest` the sha256 is computed once (from the check against `sha256`, or for
    it); `validate`'s result (a parsed checkpoint, say) comes back for a download, `None` for a
    file that was already cached."""
    import keras

    destination = os.fspath(destination)
    if os.path.isfile(destination):
        actual = sha256_of_file(destination) if sha256 is not None or digest else None
        if sha256 is None or actual.startswith(sha256.lower()):
            return destination, actual, None
        os.remove(destination)
    folder = os.path.dirname(os.path.abspath(destination))
    os.makedirs(folder, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".download-", dir=folder)
    try:
        try:
            fetched = keras.utils.get_file(
                fname=os.path.basename(destination), origin=url, cache_dir=staging, cache_subdir="."
            )
        except Exception as cause:  # noqa: BLE001 - get_file raises bare Exception on URL errors
            raise OSError(f"Could not download the {what} from {url} ({cause}). {manual_help}".strip()) from None
        actual = sha256_of_file(fetched) if sha256 is not None or digest else None
        if sha256 is not None and not actual.startswith(sha256.lower()):
            raise error(
                f"The {what} downloaded from {url} has sha256 {actual}, expected "
                f"{describe_hash(sha256)}: a corrupted, partial or different file; nothing was cached. "
                f"{manual_help}".strip()
            )
        checked = validate(fetched) if validate is not None else None
        os.replace(fetched, destination)
        return destination, actual, checked
    finally:
        shutil.rmtree(staging, ignore_errors=True)
