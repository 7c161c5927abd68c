"""In-memory image arrays as shuffled batches."""

import numpy as np

from kerasgan.data.shuffled_batches import ShuffledBatches


class ArrayBatches(ShuffledBatches):
    """Images (and class labels) held in arrays as shuffled batches for `GAN.fit`, in the
    reproducible per-epoch order of `ShuffledBatches`.

    The images must already be float in [-1, 1] (`kerasgan.data.scale_images` converts pixels);
    they are not converted, only cast to float32 batch by batch, so a memory-mapped array
    (`np.load(..., mmap_mode="r")`) stays on disk.

    Args:
        images: float `(N, H, W, C)`.
        labels: int class ids `(N,)`, or None.
        batch_size: images per batch.
        shuffle: a new random order every epoch.
        seed: a non-negative int; with the epoch it fixes the order.
        drop_remainder: drop the last incomplete batch.
        initial_epoch: the epoch whose order comes first (to resume a run).
        num_classes: the number of classes; default `max(labels) + 1` (0 without labels).
        class_names: the names of the classes, or None.
        **kwargs: `workers`, `use_multiprocessing`, `max_queue_size` of `keras.utils.PyDataset`.

    Example:

    ```python
    x, y = kerasgan.data.load_mnist_subset()
    ds = kerasgan.data.ArrayBatches(x, y, batch_size=64)
    images, labels = ds[0]  # (64, 28, 28, 1), (64,)
    ```
    """

    def __init__(self, images, labels=None, batch_size=64, shuffle=True, seed=0, drop_remainder=True,
                 initial_epoch=0, num_classes=None, class_names=None, **kwargs):
        images = images if isinstance(images, np.ndarray) else np.asarray(images)
        if images.ndim != 4:
            raise ValueError(f"ArrayBatches expects images of shape (N, H, W, C); received shape {images.shape}.")
        if not np.issubdtype(images.dtype, np.floating):
            raise TypeError(
                f"ArrayBatches expects float images in [-1, 1]; received dtype {images.dtype}. Convert pixels with "
                "`kerasgan.data.scale_images`."
            )
        if labels is not None:
            labels = np.asarray(labels)
            if labels.ndim != 1 or not np.issubdtype(labels.dtype, np.integer):
                raise ValueError(
                    f"ArrayBatches expects integer class ids of shape (N,); received {labels.dtype} labels of "
                    f"shape {labels.shape}."
                )
            if len(labels) != len(images):
                raise ValueError(
                    f"ArrayBatches expects one label per image; received {len(images)} images and {len(labels)} "
                    "labels."
                )
            labels = labels.astype("int32")
        if num_classes is None:
            num_classes = 0 if labels is None or not len(labels) else int(labels.max()) + 1
        super().__init__(len(images), batch_size, shuffle=shuffle, seed=seed, drop_remainder=drop_remainder,
                         initial_epoch=initial_epoch, image_shape=images.shape[1:], num_classes=num_classes,
                         class_names=class_names, **kwargs)
        self.images = images
        self.labels = labels

    def load(self, indices):
        images = self.images[indices].astype("float32", copy=False)
        return images, None if self.labels is None else self.labels[indices]
