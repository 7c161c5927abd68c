"""The base of the streamed data sets: batches in a reproducible per-epoch order."""

import numbers

import keras
import numpy as np

from kerasgan.utils.checks import IMAGE_RANGE_TOLERANCE


def _count_arg(value, name, minimum, caller):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"{caller} expects `{name}` to be an int >= {minimum}; received {name}={value!r}.")
    return int(value)


class ShuffledBatches(keras.utils.PyDataset):
    """A `keras.utils.PyDataset` of image batches (with class labels when there are any) whose
    order depends only on `(seed, epoch)`.

    The order of epoch `e` is `numpy.random.default_rng([seed, e]).permutation(num_images)`
    (the identity when `shuffle=False`), so a run resumed at epoch `e` (`initial_epoch=e`) sees
    exactly the batches of an uninterrupted one. `epoch` advances when an epoch ends: Keras's `fit`
    calls `on_epoch_begin()` before and `on_epoch_end()` after each epoch, and `on_epoch_end()`
    once more before its first epoch (to reset its iterator), which changes nothing here since no
    epoch is open. In a hand-written loop call `on_epoch_begin()` and `on_epoch_end()` around each
    epoch, or `set_epoch(e)`. `GAN.fit` keeps that order (it defaults to `shuffle=False` for
    these data sets); Keras's own default `shuffle=True` would reorder the batches of an epoch
    again with Python's unseeded `random`.

    Every batch is checked as it is served (cheap next to a training step): NaN or infinite
    values, or values outside [-1, 1], raise a `ValueError` naming the image, before a step sees it.

    Subclasses implement `load(indices)`. Batches are `(images,)` for unlabelled data and
    `(images, labels)` otherwise: images float32 `(B, H, W, C)` in [-1, 1], labels int32 `(B,)`.

    Args:
        num_images: the number of images.
        batch_size: images per batch (one GAN iteration; see `GAN.iteration_batch_size`).
        shuffle: a new random order every epoch; False keeps the stored order.
        seed: a non-negative int; with the epoch it fixes the order.
        drop_remainder: drop the last incomplete batch (default), since a GAN step splits each
            batch into `n_critic` chunks.
        initial_epoch: the epoch whose order comes first (to resume a run).
        image_shape: `(H, W, C)` of the images.
        num_classes: the number of classes; 0 for unlabelled data.
        class_names: the names of the classes, or None.
        **kwargs: `workers`, `use_multiprocessing`, `max_queue_size` of `keras.utils.PyDataset`.

    Example:

    ```python
    class Noise(kerasgan.data.ShuffledBatches):
        def load(self, indices):
            return np.zeros((len(indices), 8, 8, 1), "float32"), None

    ds = Noise(num_images=100, batch_size=32, image_shape=(8, 8, 1))
    len(ds), ds[0][0].shape  # 3, (32, 8, 8, 1)
    ```
    """

    def __init__(self, num_images, batch_size, shuffle=True, seed=0, drop_remainder=True, initial_epoch=0,
                 image_shape=None, num_classes=0, class_names=None, **kwargs):
        super().__init__(**kwargs)
        name = type(self).__name__
        self.num_images = _count_arg(num_images, "num_images", 1, name)
        self.batch_size = _count_arg(batch_size, "batch_size", 1, name)
        self.seed = _count_arg(seed, "seed", 0, name)
        self.initial_epoch = _count_arg(initial_epoch, "initial_epoch", 0, name)
        self.shuffle = bool(shuffle)
        self.drop_remainder = bool(drop_remainder)
        self.image_shape = None if image_shape is None else tuple(int(d) for d in image_shape)
        self.num_classes = int(num_classes)
        self.class_names = None if class_names is None else list(class_names)
        if self.drop_remainder and self.num_images < self.batch_size:
            raise ValueError(
                f"{name} has {self.num_images} images, fewer than batch_size={self.batch_size}: with "
                "drop_remainder=True there is no batch. Use a smaller batch_size or drop_remainder=False."
            )
        self.epoch = self.initial_epoch
        self._epoch_open = False
        self._order = None

    def __len__(self):
        if self.drop_remainder:
            return self.num_images // self.batch_size
        return -(-self.num_images // self.batch_size)

    def set_epoch(self, epoch):
        """Serve the batches of `epoch` from now on."""
        self.epoch = _count_arg(epoch, "epoch", 0, f"{type(self).__name__}.set_epoch")

    def on_epoch_begin(self):
        self._epoch_open = True

    def on_epoch_end(self):
        """Advance `epoch` by one, unless no epoch was begun since the last end (Keras's reset)."""
        if self._epoch_open:
            self.epoch += 1
        self._epoch_open = False

    def order(self, epoch=None):
        """The image indices of `epoch` (default: the current one) in the order they are served."""
        epoch = self.epoch if epoch is None else _count_arg(epoch, "epoch", 0, f"{type(self).__name__}.order")
        key = (epoch, self.shuffle, self.seed, self.num_images)
        cached = self._order
        if cached is not None and cached[0] == key:
            return cached[1]
        if self.shuffle:
            order = np.random.default_rng([self.seed, epoch]).permutation(self.num_images)
        else:
            order = np.arange(self.num_images)
        self._order = (key, order)
        return order

    def __getitem__(self, index):
        if isinstance(index, bool) or not isinstance(index, numbers.Integral) or not 0 <= index < len(self):
            raise IndexError(f"{type(self).__name__} has {len(self)} batches; received index {index!r}.")
        start = int(index) * self.batch_size
        indices = self.order()[start:start + self.batch_size]
        images, labels = self.load(indices)
        self._check(images, indices, index)
        return (images,) if labels is None else (images, labels)

    def _check(self, images, indices, index):
        name = type(self).__name__
        flat = np.asarray(images).reshape(len(indices), -1)
        finite = np.isfinite(flat).all(axis=1)
        if not finite.all():
            raise ValueError(
                f"{name}: image {int(indices[np.argmin(finite)])} (in batch {index}) holds NaN or infinite values; "
                "one such value turns every weight into NaN. Remove or repair it."
            )
        outside = (flat.min(axis=1) < -1.0 - IMAGE_RANGE_TOLERANCE) | (flat.max(axis=1) > 1.0 + IMAGE_RANGE_TOLERANCE)
        if outside.any():
            first = int(np.argmax(outside))
            raise ValueError(
                f"{name}: image {int(indices[first])} (in batch {index}) holds values in [{flat[first].min():.4g}, "
                f"{flat[first].max():.4g}]; images must be in [-1, 1] (pixels in [0, 255]: "
                "`kerasgan.data.scale_images(x, input_range=(0, 255))`)."
            )

    def load(self, indices):
        """`(images, labels)` of the images at `indices` (labels None when unlabelled)."""
        raise NotImplementedError(f"{type(self).__name__} must implement `load(indices)`.")
