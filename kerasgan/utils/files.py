"""File helpers: sha256 of a file, and writes that leave either the old file or the complete new one."""

import contextlib
import hashlib
import os
import tempfile


def sha256_of_file(path, chunk_size=1 << 20):
    """Hex sha256 of a file.

    Example:

    ```python
    kerasgan.utils.sha256_of_file("model.weights.h5")
    ```
    """
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(chunk_size), b""):
            digest.update(block)
    return digest.hexdigest()


@contextlib.contextmanager
def atomic_write(path, suffix=""):
    """Yield a temporary path next to `path`; when the block ends without an error it is renamed
    to `path` (an atomic replace), otherwise deleted. A crash or a full disk never leaves a
    half-written `path`. `suffix` ends the temporary name (Keras wants `.weights.h5`, say).

    Example:

    ```python
    with kerasgan.utils.atomic_write("model.weights.h5", suffix=".weights.h5") as tmp:
        gan.save_weights(tmp)
    ```
    """
    path = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".partial-", suffix=suffix)
    os.close(fd)
    os.remove(tmp)
    try:
        yield tmp
        with open(tmp, "rb") as f:  # on disk before the rename, so a power cut cannot leave it empty
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.remove(tmp)
