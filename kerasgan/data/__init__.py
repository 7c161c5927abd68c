"""Data helpers: image scaling, the embedded MNIST training subset and test set, tensorflow-datasets."""

import hashlib
import os

import numpy as np

_HERE = os.path.dirname(__file__)
MNIST_SUBSET = os.path.join(_HERE, "mnist_train_subset_5k.npz")
MNIST_TEST_IMAGES = os.path.join(_HERE, "t10k-images-idx3-ubyte.gz")
MNIST_TEST_LABELS = os.path.join(_HERE, "t10k-labels-idx1-ubyte.gz")


def scale_images(images):
    """uint8 images in [0, 255] → float32 in [-1, 1], with a channel axis added to (N, H, W).

    Example:

    ```python
    x = kerasgan.data.scale_images(np.zeros((2, 28, 28), "uint8"))  # (2, 28, 28, 1), all -1
    ```
    """
    images = np.asarray(images)
    if images.dtype != np.uint8:
        raise TypeError(
            f"scale_images expects uint8 images in [0, 255]; received dtype {images.dtype}. "
            "Float images should already be in [-1, 1]."
        )
    if images.ndim == 3:
        images = images[..., None]
    if images.ndim != 4:
        raise ValueError(f"scale_images expects (N, H, W) or (N, H, W, C); received shape {images.shape}.")
    return images.astype("float32") / 127.5 - 1.0


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
        x = _pad(x, pad_to)
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
        x = _pad(x, pad_to)
    return x, labels.astype("int32")


def _pad(x, pad_to):
    pad = int(pad_to) - x.shape[1]
    if pad < 0 or pad % 2:
        raise ValueError(f"`pad_to` must be >= 28 and of even difference; received {pad_to}.")
    return np.pad(x, ((0, 0), (pad // 2, pad // 2), (pad // 2, pad // 2), (0, 0)), constant_values=-1.0)


def load_tfds(name, split="train", limit=None, data_dir=None):
    """A tensorflow-datasets image data set as `(images, labels)` numpy arrays.

    Images become float32 in [-1, 1] (N, H, W, C); labels int32 (or None when the data set has
    no `label` feature). Needs the `tensorflow-datasets` package and, the first time, network
    access to download the data (cached in `data_dir`, default `~/tensorflow_datasets`).

    Args:
        name: a tfds name, e.g. `"cifar10"` or `"mnist"`.
        split: a tfds split, e.g. `"train"` or `"test[:10%]"`.
        limit: keep only the first `limit` examples.
        data_dir: where tfds keeps its data.

    Example:

    ```python
    x, y = kerasgan.data.load_tfds("cifar10")  # (50000, 32, 32, 3) in [-1, 1], labels 0..9
    ```
    """
    try:
        import tensorflow_datasets as tfds
    except ImportError:
        raise ImportError(
            f"load_tfds({name!r}) needs the tensorflow-datasets package: pip install tensorflow-datasets."
        ) from None
    dataset = tfds.load(name, split=split, data_dir=data_dir)
    if limit is not None:
        dataset = dataset.take(int(limit))
    features = list(dataset.element_spec)
    if "image" not in features:
        raise ValueError(f"tfds data set {name!r} has features {sorted(features)}; expected an 'image' feature.")
    keys = [k for k in ("image", "label") if k in features]
    batches = list(tfds.as_numpy(dataset.map(lambda ex: {k: ex[k] for k in keys}).batch(1024)))
    data = {k: np.concatenate([b[k] for b in batches]) for k in keys}
    images = data["image"]
    if images.dtype != np.uint8:
        raise TypeError(f"tfds data set {name!r} has {images.dtype} images; load_tfds expects uint8 images.")
    labels = np.asarray(data["label"]).astype("int32") if "label" in data else None
    return scale_images(images), labels


from kerasgan.data.stacked_mnist import StackedMNIST  # noqa: E402,F401  (public: kerasgan.data.StackedMNIST)
