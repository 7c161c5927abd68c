"""A small reader for the IDX files the MNIST data set is distributed in."""

import gzip
import os

import numpy as np

# The canonical md5 checksums of the official MNIST test-set files (see ../shared/data/README.md).
MNIST_TEST_MD5 = {
    "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
    "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
}

# IDX type codes: third byte of the magic number -> numpy dtype (big-endian).
_IDX_DTYPES = {
    0x08: np.dtype("u1"),
    0x09: np.dtype("i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}


def _read_idx(path, expected_ndim):
    if not os.path.isfile(path):
        raise FileNotFoundError(f"IDX file not found: {path!r}.")
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    if len(data) < 4 or data[0] != 0 or data[1] != 0 or data[2] not in _IDX_DTYPES:
        raise ValueError(
            f"{path!r} is not an IDX file: expected a magic number 0x0000TTNN with a known type "
            f"code TT; received bytes {data[:4].hex() or '(empty file)'}."
        )
    dtype, ndim = _IDX_DTYPES[data[2]], data[3]
    if ndim != expected_ndim:
        raise ValueError(
            f"{path!r}: expected an IDX file with {expected_ndim} dimension(s); received {ndim}."
        )
    header = 4 + 4 * ndim
    shape = tuple(int(d) for d in np.frombuffer(data, ">u4", count=ndim, offset=4))
    expected_bytes = header + int(np.prod(shape)) * dtype.itemsize
    if len(data) != expected_bytes:
        raise ValueError(
            f"{path!r}: the header announces shape {shape} ({expected_bytes} bytes in all); "
            f"received {len(data)} bytes. The file is truncated or corrupted."
        )
    array = np.frombuffer(data, dtype, offset=header).reshape(shape)
    return array.astype(dtype.newbyteorder("="))


def load_idx(images_path, labels_path):
    """Reads an IDX image file and its IDX label file, e.g. the official MNIST test set.

    Plain or gzip-compressed (`.gz`) files are accepted. The format is described with the
    data set: Y. LeCun, C. Cortes, C.J.C. Burges, "The MNIST database of handwritten digits"
    (http://yann.lecun.com/exdb/mnist/). The canonical md5 checksums of the two test-set files
    are in `kerasgan.data.mnist_idx.MNIST_TEST_MD5`; this function does not check them.

    Args:
        images_path: path of an IDX file of rank 3, `(N, H, W)` (e.g.
            `t10k-images-idx3-ubyte.gz`).
        labels_path: path of an IDX file of rank 1, `(N,)` (e.g. `t10k-labels-idx1-ubyte.gz`).

    Returns:
        `(images, labels)`: numpy arrays as stored (uint8 `(N, 28, 28)` and uint8 `(N,)` for
        MNIST). Scale images with `kerasgan.data.scale_images` before feeding a model.

    Example:

    >>> from kerasgan.data import MNIST_TEST_IMAGES, MNIST_TEST_LABELS
    >>> from kerasgan.data.mnist_idx import load_idx
    >>> x, y = load_idx(MNIST_TEST_IMAGES, MNIST_TEST_LABELS)
    >>> x.shape, x.dtype.name, y.shape
    ((10000, 28, 28), 'uint8', (10000,))
    """
    images = _read_idx(os.fspath(images_path), expected_ndim=3)
    labels = _read_idx(os.fspath(labels_path), expected_ndim=1)
    if images.shape[0] != labels.shape[0]:
        raise ValueError(
            f"{images_path!r} holds {images.shape[0]} images but {labels_path!r} holds "
            f"{labels.shape[0]} labels; expected the same number."
        )
    return images, labels
