"""Training data from a name: an image folder, a .npy/.npz file, a tfds data set or the embedded MNIST."""

import os

import numpy as np

from kerasgan.data.array_batches import ArrayBatches
from kerasgan.data.image_folder import ImageFolder
from kerasgan.data.image_folder import image_size_arg
from kerasgan.data.images import scale_images
from kerasgan.data.mnist import load_mnist_subset
from kerasgan.data.tfds import load_tfds
from kerasgan.utils.checks import positive_int

ACCEPTED = "an image folder, a .npy or .npz file, 'tfds:NAME' or 'tfds:NAME:SPLIT', or 'mnist'"


def load_images(path):
    """The images (and labels) of a `.npy` or `.npz` file as `(images, labels or None)`.

    A `.npy` file holds the images; a `.npz` file holds them under the key `images` and,
    optionally, int class ids under `labels`. uint8 pixels become float32 in [-1, 1]; float
    images become float32 unchanged (the model's `fit` checks their range); `(N, H, W)` images
    get a channel axis.

    Args:
        path: the `.npy` or `.npz` file.

    Example:

    ```python
    np.savez("digits.npz", images=np.zeros((10, 28, 28), "uint8"), labels=np.arange(10))
    x, y = kerasgan.data.load_images("digits.npz")  # (10, 28, 28, 1) all -1, labels 0..9
    ```
    """
    path = os.fspath(path)
    ext = os.path.splitext(path)[1].lower()
    if ext == ".npy":
        images, labels = np.load(path, allow_pickle=False), None
    elif ext == ".npz":
        with np.load(path, allow_pickle=False) as f:
            keys = sorted(f.files)
            if "images" not in keys:
                raise ValueError(
                    f"load_images expects a .npz file with the key 'images' (and optionally 'labels'); {path!r} "
                    f"has the keys {keys}."
                )
            images = f["images"]
            labels = f["labels"] if "labels" in keys else None
    else:
        raise ValueError(f"load_images reads .npy or .npz files; received {path!r}.")
    if images.ndim == 3:
        images = images[..., None]
    if images.ndim != 4:
        raise ValueError(f"load_images expects images of shape (N, H, W) or (N, H, W, C) in {path!r}; received "
                         f"shape {images.shape}.")
    if images.dtype == np.uint8:
        images = scale_images(images)
    elif np.issubdtype(images.dtype, np.floating):
        images = images.astype("float32", copy=False)
    else:
        raise TypeError(
            f"load_images expects uint8 pixels or float images in [-1, 1] in {path!r}; received dtype {images.dtype}."
        )
    if labels is not None:
        if labels.ndim != 1 or not np.issubdtype(labels.dtype, np.integer) or len(labels) != len(images):
            raise ValueError(
                f"load_images expects 'labels' to be {len(images)} int class ids, one per image, in {path!r}; "
                f"received {labels.dtype} labels of shape {labels.shape}."
            )
        labels = labels.astype("int32")
    return images, labels


def open_data(source, batch_size, image_size=None, color_mode="auto", seed=0, shuffle=True, initial_epoch=0,
              limit=None, tfds_split="train", tfds_dir=None, drop_remainder=True, labels=True, **kwargs):
    """Training data for `GAN.fit` from a name, as a `ShuffledBatches` with a reproducible
    per-epoch order.

    `source` is one of: a folder of images (an `ImageFolder`; `image_size` required), a `.npy`
    or `.npz` file (`load_images`), `"tfds:NAME"` or `"tfds:NAME:SPLIT"` (`load_tfds`; the split
    defaults to `tfds_split`), or `"mnist"` (the embedded 5k training subset, padded to 32×32 when
    `image_size=32`). A path that exists wins over the name "mnist". Arrays are not resized: an
    `image_size` that differs from theirs is an error.

    Args:
        source: the data, as above.
        batch_size: images per batch (see `GAN.iteration_batch_size`).
        image_size: an int or `(height, width)`; needed for a folder, checked for arrays.
        color_mode: "auto", "rgb" or "grayscale"; arrays must already have the matching channels.
        seed: a non-negative int; with the epoch it fixes the order.
        shuffle: a new random order every epoch.
        initial_epoch: the epoch whose order comes first (to resume a run).
        limit: keep only `limit` images (of arrays the first ones; of a folder a fixed random subset).
        tfds_split: the tfds split when `source` names none.
        tfds_dir: where tfds keeps its data.
        drop_remainder: drop the last incomplete batch.
        labels: False drops the class labels (batches are `(images,)`, for an unconditional model).
        **kwargs: `workers`, `use_multiprocessing`, `max_queue_size` of `keras.utils.PyDataset`.

    Example:

    ```python
    ds = kerasgan.data.open_data("mnist", batch_size=64, image_size=32)  # (64, 32, 32, 1) batches, labels
    gan.fit(ds, epochs=5, shuffle=False)
    ```
    """
    where = f"open_data({source!r})"
    size = None if image_size is None else image_size_arg(image_size, where)
    limit = None if limit is None else positive_int(limit, "limit", where)
    options = dict(batch_size=batch_size, shuffle=shuffle, seed=seed, drop_remainder=drop_remainder,
                   initial_epoch=initial_epoch, **kwargs)
    name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else None
    if name is None:
        raise TypeError(f"open_data expects a path or a name ({ACCEPTED}); received a {type(source).__name__}.")
    if os.path.isdir(name):
        if size is None:
            raise ValueError(f"{where} reads an image folder and needs image_size (an int or (height, width)); "
                             "received None.")
        return ImageFolder(name, size, color_mode=color_mode, limit=limit, keep_labels=labels, **options)
    if os.path.isfile(name) and os.path.splitext(name)[1].lower() in (".npy", ".npz"):
        images, classes = load_images(name)
        images, classes = images[:limit], None if classes is None else classes[:limit]
    elif name.startswith("tfds:"):
        _, dataset, *split = name.split(":", 2)
        if not dataset:
            raise ValueError(f"{where}: expected 'tfds:NAME' or 'tfds:NAME:SPLIT', e.g. 'tfds:cifar10:train'.")
        images, classes = load_tfds(dataset, split=split[0] if split else tfds_split, limit=limit, data_dir=tfds_dir)
    elif name == "mnist":
        if size not in (None, (28, 28), (32, 32)):
            raise ValueError(f"{where} gives 28×28 digits (or padded to 32×32); received image_size={image_size!r}.")
        images, classes = load_mnist_subset(pad_to=32 if size == (32, 32) else None)
        images, classes = images[:limit], classes[:limit]
    elif os.path.isfile(name):
        raise ValueError(f"{where}: expected {ACCEPTED}; received a file that is not .npy or .npz.")
    else:
        raise FileNotFoundError(f"{where}: no such file or folder; expected {ACCEPTED}.")
    _check_arrays(images, size, color_mode, where)
    return ArrayBatches(images, classes if labels else None, **options)


def _check_arrays(images, size, color_mode, where):
    if color_mode not in ("auto", "rgb", "grayscale"):
        raise ValueError(f"{where} expects color_mode 'auto', 'rgb' or 'grayscale'; received {color_mode!r}.")
    height, width, channels = images.shape[1:]
    if size is not None and size != (height, width):
        raise ValueError(
            f"{where} holds {height}×{width} images but image_size={size} was asked; arrays are not resized. "
            "Resize them beforehand, or leave image_size=None."
        )
    wanted = {"rgb": 3, "grayscale": 1}.get(color_mode)
    if wanted is not None and channels != wanted:
        raise ValueError(
            f"{where} holds images with {channels} channels but color_mode={color_mode!r} asks for {wanted}; arrays "
            "are not converted."
        )
