"""Image data sets from tensorflow-datasets."""

import numpy as np

from kerasgan.data.images import scale_images


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
