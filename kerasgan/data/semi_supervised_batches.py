"""Batches of the semi-supervised GAN: unlabelled images beside a few labelled ones."""

import numbers

import numpy as np

from kerasgan.data.shuffled_batches import ShuffledBatches

UNLABELLED = -1


def keep_labels(labels, per_class, seed=1, num_classes=None):
    """A copy of `labels` with all but `per_class` labels of each class replaced by -1
    (`UNLABELLED`), chosen as openai/improved-gan chooses them: the first `per_class` of each
    class in the order `numpy.random.RandomState(seed).permutation(N)` (its `--seed_data`, 1).

    Example:

    >>> import numpy as np
    >>> from kerasgan.data import keep_labels
    >>> y = keep_labels(np.repeat(np.arange(10), 50), per_class=10)
    >>> int((y >= 0).sum()), int((y == 3).sum())
    (100, 10)
    """
    labels = np.asarray(labels)
    if labels.ndim != 1 or not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(f"keep_labels expects integer class ids of shape (N,); received {labels.dtype} labels of "
                         f"shape {labels.shape}.")
    if isinstance(per_class, bool) or not isinstance(per_class, numbers.Integral) or per_class < 1:
        raise ValueError(f"keep_labels expects `per_class` as a positive int; received {per_class!r}.")
    num_classes = int(labels.max()) + 1 if num_classes is None else int(num_classes)
    order = np.random.RandomState(seed).permutation(len(labels))
    kept = np.full(len(labels), UNLABELLED, dtype="int32")
    for label in range(num_classes):
        chosen = order[labels[order] == label][:per_class]
        if len(chosen) < per_class:
            raise ValueError(f"keep_labels: class {label} has {len(chosen)} images, fewer than per_class={per_class}.")
        kept[chosen] = label
    return kept


class SemiSupervisedBatches(ShuffledBatches):
    """Batches for `kerasgan.models.SemiSupervisedGAN`: each is `((unlabelled, labelled), labels)`,
    `batch_size` images of the whole pool and `batch_size` of the labelled ones with their class ids.

    As openai/improved-gan's `train_mnist_feature_matching.py` builds its epochs: every image,
    labelled or not, is in the unlabelled pool, shuffled once per epoch; the labelled images are
    repeated in fresh permutations to the pool's length, so each batch holds a full labelled batch
    however few labels there are. An epoch is `len(images) // batch_size` batches. The order of
    epoch `e` depends only on `(seed, e)`, so a resumed run sees the same batches
    (`ShuffledBatches`).

    Args:
        images: float `(N, H, W, C)` in [-1, 1].
        labels: int `(N,)`: class ids, -1 for an unlabelled image (`keep_labels` makes them).
        batch_size: images of each part of a batch (the reference: 100).
        num_classes: the number of classes (default: the largest label + 1); every class needs
            at least one labelled image.
        seed, initial_epoch, **kwargs: as `ShuffledBatches`.

    Example:

    ```python
    x, y = kerasgan.data.load_mnist_subset()
    batches = kerasgan.data.SemiSupervisedBatches(x, kerasgan.data.keep_labels(y, 10), batch_size=100)
    (unlabelled, labelled), labels = batches[0]  # (100, 28, 28, 1), (100, 28, 28, 1), (100,)
    ```
    """

    def __init__(self, images, labels, batch_size=100, num_classes=None, seed=0, initial_epoch=0, **kwargs):
        images = images if isinstance(images, np.ndarray) else np.asarray(images)
        if images.ndim != 4 or not np.issubdtype(images.dtype, np.floating):
            raise ValueError(f"SemiSupervisedBatches expects float images of shape (N, H, W, C) in [-1, 1]; received "
                             f"{images.dtype} images of shape {images.shape}.")
        labels = np.asarray(labels)
        if labels.ndim != 1 or not np.issubdtype(labels.dtype, np.integer) or len(labels) != len(images):
            raise ValueError(f"SemiSupervisedBatches expects one integer label per image, -1 for unlabelled ones "
                             f"({len(images)} images); received {labels.dtype} labels of shape {labels.shape}.")
        labelled = np.flatnonzero(labels != UNLABELLED)
        if not len(labelled):
            raise ValueError(f"SemiSupervisedBatches received {len(images)} images and no labelled one (every label is "
                             "-1); the semi-supervised GAN needs labelled images of every class.")
        num_classes = int(labels.max()) + 1 if num_classes is None else int(num_classes)
        if labels.min() < UNLABELLED or labels.max() >= num_classes:
            raise ValueError(f"SemiSupervisedBatches expects labels in [0, {num_classes}) or -1 for unlabelled images; "
                             f"received values in [{labels.min()}, {labels.max()}].")
        counts = np.bincount(labels[labelled], minlength=num_classes)
        if not counts.all():
            missing = [int(c) for c in np.flatnonzero(counts == 0)]
            raise ValueError(
                f"SemiSupervisedBatches received {len(labelled)} labelled images (per class: "
                f"{dict(enumerate(counts.tolist()))}) and none of class {', '.join(map(str, missing))}; each of the "
                f"{num_classes} classes needs at least one labelled image.")
        super().__init__(len(images), batch_size, shuffle=True, seed=seed, drop_remainder=True,
                         initial_epoch=initial_epoch, image_shape=images.shape[1:], num_classes=num_classes, **kwargs)
        self.images, self.labels, self.labelled = images, labels.astype("int32"), labelled
        self.class_counts = counts
        self._labelled_order = None

    def labelled_order(self, epoch=None):
        """Indices into the images of the labelled part of `epoch`'s batches, in order."""
        epoch = self.epoch if epoch is None else int(epoch)
        if self._labelled_order is None or self._labelled_order[0] != epoch:
            rng = np.random.default_rng([self.seed, epoch, 1])
            repeats = -(-self.num_images // len(self.labelled))
            order = np.concatenate([rng.permutation(len(self.labelled)) for _ in range(repeats)])
            self._labelled_order = (epoch, self.labelled[order])
        return self._labelled_order[1]

    def __getitem__(self, index):
        if isinstance(index, bool) or not isinstance(index, numbers.Integral) or not 0 <= index < len(self):
            raise IndexError(f"SemiSupervisedBatches has {len(self)} batches; received index {index!r}.")
        start = int(index) * self.batch_size
        pool = self.order()[start:start + self.batch_size]
        labelled = self.labelled_order()[start:start + self.batch_size]
        unlabelled_images = self.images[pool].astype("float32", copy=False)
        labelled_images = self.images[labelled].astype("float32", copy=False)
        self._check(unlabelled_images, pool, index)
        self._check(labelled_images, labelled, index)
        return (unlabelled_images, labelled_images), self.labels[labelled]
