"""The embedded MNIST data: a 5,000-image labelled training subset and the official test set."""

import hashlib
import os

import numpy as np

from kerasgan.data.images import pad_images
from kerasgan.data.images import scale_images

_HERE = os.path.dirname(__file__)
MNIST_SUBSET = os.path.join(_HERE, "mnist_train_subset_5k.npz")
MNIST_TEST_IMAGES = os.path.join(_HERE, "t10k-images-idx3-ubyte.gz")
MNIST_TEST_LABELS = os.path.join(_HERE, "t10k-labels-idx1-ubyte.gz")


def load_mnist_subset(pad_to=None):
    """The embedded 5k MNIST training subset as `(images, labels)`.

    Images are float32 in [-1, 1] of shape (5000, 28, 28, 1); `pad_to=32` pads them with the
    background value to 32×32 (for 32×32 architectures). Labels are int32 digits.

    Example:

    ```python
    x, y = kerasgan.data.load_mnist_subset()
    ```
    """
    with np.load(MNIST_SUBSET) as f:
        images, labels = f["images"], f["labels"]
    x = scale_images(images)
    if pad_to is not None:
        x = pad_images(x, pad_to)
    return x, labels.astype("int32")


def load_mnist_test(pad_to=None, drop_training_overlap=False):
    """The embedded official MNIST test set (10,000 digits) as `(images, labels)`.

    Read from the original IDX files after checking their canonical md5 checksums; images are
    float32 in [-1, 1] of shape (10000, 28, 28, 1) (or padded like `load_mnist_subset`).
    Caution: 669 of the embedded training subset's 5,000 images are byte-identical copies of test
    images (found while training the MNIST classifier; the data README calls the two disjoint).
    `drop_training_overlap=True` removes those 669 test images, leaving 9,331 that no model trained
    on the subset has seen — use it wherever independence matters (reference sets of FID/KID).

    Example:

    ```python
    x, y = kerasgan.data.load_mnist_test(drop_training_overlap=True)  # (9331, 28, 28, 1)
    ```
    """
    from kerasgan.data.mnist_idx import MNIST_TEST_MD5
    from kerasgan.data.mnist_idx import load_idx

    for path in (MNIST_TEST_IMAGES, MNIST_TEST_LABELS):
        digest = hashlib.md5(open(path, "rb").read()).hexdigest()
        expected = MNIST_TEST_MD5[os.path.basename(path)]
        if digest != expected:
            raise ValueError(f"{path} has md5 {digest}; expected the canonical {expected}.")
    images, labels = load_idx(MNIST_TEST_IMAGES, MNIST_TEST_LABELS)
    if drop_training_overlap:
        with np.load(MNIST_SUBSET) as f:
            train = {img.tobytes() for img in f["images"]}
        keep = np.array([img.tobytes() not in train for img in images])
        images, labels = images[keep], labels[keep]
    x = scale_images(images)
    if pad_to is not None:
        x = pad_images(x, pad_to)
    return x, labels.astype("int32")
