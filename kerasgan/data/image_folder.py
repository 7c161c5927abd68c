"""A folder of image files, decoded batch by batch."""

import numbers
import os

import numpy as np

from kerasgan.data.shuffled_batches import ShuffledBatches
from kerasgan.utils.checks import positive_int

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp")
GRAYSCALE_MODES = ("L", "1", "I", "I;16", "F", "LA")
COLOR_MODES = ("auto", "rgb", "grayscale")


def image_size_arg(image_size, where):
    """`image_size` (an int or `(height, width)`) as a `(height, width)` tuple of positive ints."""
    size = (image_size, image_size) if isinstance(image_size, numbers.Integral) else image_size
    try:
        height, width = size
    except (TypeError, ValueError):
        height = width = None
    if not all(isinstance(v, numbers.Integral) and not isinstance(v, bool) and v > 0 for v in (height, width)):
        raise ValueError(
            f"{where} expects image_size as a positive int or a (height, width) pair of them; received {image_size!r}."
        )
    return int(height), int(width)


def _is_image(name):
    return not name.startswith(".") and name.lower().endswith(IMAGE_EXTENSIONS)


def _images_under(folder):
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(os.path.join(root, f) for f in sorted(files) if _is_image(f))
    return found


def _scan(path):
    """`(files, labels or None, class_names or None)` of the folder `path`."""
    if not os.path.exists(path):
        raise FileNotFoundError(f"ImageFolder expects a folder of images; {path!r} does not exist.")
    if not os.path.isdir(path):
        raise ValueError(f"ImageFolder expects a folder of images; {path!r} is a file, not a folder.")
    entries = sorted(e for e in os.listdir(path) if not e.startswith("."))
    loose = [os.path.join(path, e) for e in entries if _is_image(e) and os.path.isfile(os.path.join(path, e))]
    folders = [e for e in entries if os.path.isdir(os.path.join(path, e))]
    if loose:
        with_images = [d for d in folders if _images_under(os.path.join(path, d))]
        if with_images:
            raise ValueError(
                f"ImageFolder expects either images directly in {path!r} (unlabelled) or one sub-folder of images "
                f"per class, not both; received {len(loose)} loose images and the sub-folders {with_images[:5]} "
                "with images. Move the loose images into a class folder, or the sub-folders out."
            )
        return loose, None, None
    files, labels = [], []
    for label, name in enumerate(folders):
        found = _images_under(os.path.join(path, name))
        if not found:
            raise ValueError(
                f"ImageFolder found no images in the class folder {os.path.join(path, name)!r}; every sub-folder of "
                f"{path!r} is a class and needs image files ({', '.join(IMAGE_EXTENSIONS)})."
            )
        files.extend(found)
        labels.extend([label] * len(found))
    if not files:
        raise ValueError(
            f"ImageFolder found no images in {path!r}; expected files ending in {', '.join(IMAGE_EXTENSIONS)} "
            "(any case), directly in it or in one sub-folder per class."
        )
    return files, np.asarray(labels, "int32"), folders


def _pil():
    try:
        from PIL import Image
    except ImportError:
        raise ImportError("ImageFolder decodes images with Pillow: pip install pillow.") from None
    return Image


def _open(file, decode=True):
    """The Pillow image of `file` (its pixels read when `decode`); a clear error if it is unreadable."""
    Image = _pil()
    image = None
    try:
        image = Image.open(file)
        if decode:
            image.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as err:
        if image is not None:
            image.close()
        raise ValueError(
            f"ImageFolder could not decode {file!r} ({type(err).__name__}: {err}); expected a readable image "
            "file. Repair or remove it."
        ) from None
    return image


def _decode(file, size, grayscale):
    """One image file → float32 `(H, W)` or `(H, W, 3)` in [-1, 1], centre-cropped and resized."""
    height, width = size
    with _open(file) as raw:
        if raw.mode in ("I", "F") or raw.mode.startswith("I;"):
            # Pillow's convert("L") clips 16/32-bit values instead of rescaling them.
            if not raw.mode.startswith("I;16"):
                raise ValueError(
                    f"ImageFolder reads 8-bit and 16-bit images; {file!r} has Pillow mode {raw.mode!r} (32-bit). "
                    "Convert it to 8 or 16 bits per channel."
                )
            pixels = np.asarray(raw, dtype="float32") * (255.0 / 65535.0)
            image = _pil().fromarray(pixels.round().astype("uint8"))
            if not grayscale:
                image = image.convert("RGB")
        else:
            image = raw.convert("L" if grayscale else "RGB")
    w, h = image.size
    if w * height > h * width:
        crop_w = max(1, round(h * width / height))
        left = (w - crop_w) // 2
        image = image.crop((left, 0, left + crop_w, h))
    elif w * height < h * width:
        crop_h = max(1, round(w * height / width))
        top = (h - crop_h) // 2
        image = image.crop((0, top, w, top + crop_h))
    if image.size != (width, height):
        image = image.resize((width, height), _pil().Resampling.LANCZOS)
    return np.asarray(image, dtype="float32") / 127.5 - 1.0


class ImageFolder(ShuffledBatches):
    """Image files in a folder as shuffled batches for `GAN.fit`, decoded with Pillow batch by
    batch (only the file paths are kept in memory).

    Images directly in `path` are unlabelled; one sub-folder per class (and no loose images)
    labels each image with the index of its folder among the sorted folder names (`class_names`);
    images are found recursively inside each class folder. Files ending in .png, .jpg, .jpeg,
    .bmp, .gif or .webp (any case) count, in sorted order; names starting with "." are skipped.
    Each image is converted to RGB or grayscale, centre-cropped to the aspect ratio of
    `image_size`, resized with Lanczos filtering and scaled to float32 in [-1, 1].

    Unlike `keras.utils.image_dataset_from_directory`, which returns a `tf.data.Dataset` and so
    needs TensorFlow, this works with only JAX or PyTorch installed, and its per-epoch order is
    fixed by `(seed, epoch)` so that a resumed run sees the same batches (see `ShuffledBatches`).

    Args:
        path: the folder.
        image_size: an int or `(height, width)`.
        batch_size: images per batch.
        color_mode: "rgb", "grayscale", or "auto": grayscale when the first image (in sorted
            order) is single-channel (Pillow modes L, 1, I, I;16, F, LA), else RGB.
        shuffle: a new random order every epoch.
        seed: a non-negative int; with the epoch it fixes the order.
        drop_remainder: drop the last incomplete batch.
        initial_epoch: the epoch whose order comes first (to resume a run).
        limit: keep only `limit` files: a fixed random subset (the same every time; with class
            folders it draws from every class, where the first files in sorted order would not).
        keep_labels: False ignores the class folders' labels (batches are `(images,)`, as for an
            unconditional model); the files are the same.
        **kwargs: `workers`, `use_multiprocessing`, `max_queue_size` of `keras.utils.PyDataset`.

    Example:

    ```python
    import os, tempfile
    from PIL import Image

    folder = tempfile.mkdtemp()
    for name in ("cats", "dogs"):
        os.makedirs(os.path.join(folder, name))
        for i in range(4):
            Image.new("RGB", (40, 30), (i * 60, 0, 0)).save(os.path.join(folder, name, f"{i}.png"))
    ds = kerasgan.data.ImageFolder(folder, image_size=16, batch_size=4)
    images, labels = ds[0]  # (4, 16, 16, 3) in [-1, 1]; labels in {0, 1}
    ds.class_names  # ['cats', 'dogs']
    ```
    """

    def __init__(self, path, image_size, batch_size=64, color_mode="auto", shuffle=True, seed=0,
                 drop_remainder=True, initial_epoch=0, limit=None, keep_labels=True, **kwargs):
        if color_mode not in COLOR_MODES:
            raise ValueError(f"ImageFolder expects color_mode in {COLOR_MODES}; received {color_mode!r}.")
        size = image_size_arg(image_size, "ImageFolder")
        path = os.fspath(path)
        files, labels, class_names = _scan(path)
        if limit is not None:
            limit = positive_int(limit, "limit", "ImageFolder")
            keep = np.sort(np.random.default_rng(0).permutation(len(files))[:limit])
            files = [files[i] for i in keep]
            labels = None if labels is None else labels[keep]
        if not keep_labels:
            labels = class_names = None
        if color_mode == "auto":
            with _open(files[0], decode=False) as first:
                color_mode = "grayscale" if first.mode in GRAYSCALE_MODES else "rgb"
        super().__init__(len(files), batch_size, shuffle=shuffle, seed=seed, drop_remainder=drop_remainder,
                         initial_epoch=initial_epoch, image_shape=(*size, 1 if color_mode == "grayscale" else 3),
                         num_classes=len(class_names or ()), class_names=class_names, **kwargs)
        self.path = path
        self.image_size = size
        self.color_mode = color_mode
        self.limit = limit
        self.keep_labels = bool(keep_labels)
        self.files = files
        self.labels = labels

    def load(self, indices):
        grayscale = self.color_mode == "grayscale"
        images = np.stack([_decode(self.files[i], self.image_size, grayscale) for i in indices])
        if grayscale:
            images = images[..., None]
        labels = None if self.labels is None else self.labels[indices]
        return images, labels


def image_folder(path, image_size, **kwargs):
    """An `ImageFolder`: the image files in `path` as shuffled batches for `GAN.fit` (the keyword
    arguments are `ImageFolder`'s: `batch_size`, `color_mode`, `shuffle`, `seed`, ...).

    Example:

    ```python
    ds = kerasgan.data.image_folder("faces/", image_size=64, batch_size=64)
    gan.fit(ds, epochs=10)
    ```
    """
    return ImageFolder(path, image_size, **kwargs)
