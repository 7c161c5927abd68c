"""Stacked-MNIST batches drawn on the fly, for training GANs on the 1,000-mode benchmark."""

import keras
import numpy as np


class StackedMNIST(keras.utils.PyDataset):
    """A `keras.utils.PyDataset` of Stacked-MNIST images: three MNIST digits as RGB channels.

    Each batch stacks digits drawn independently and uniformly with replacement
    (`kerasgan.metrics.make_stacked_mnist`), from a stream seeded by `(seed, epoch, batch index)`,
    so every epoch shows new triples and a run is reproducible on every backend. The reference
    IVGAN code builds a fixed set of 60,000 triples from the 60,000 MNIST training digits
    (zhangliangyu32/IVGAN `dataset.py`); from the embedded 5,000-digit subset this draws fresh
    ones instead (5,000³ possible triples).

    Args:
        images: MNIST float images in [-1, 1], `(N, 28, 28, 1)`, e.g. `load_mnist_subset()[0]`.
        labels: their digits, `(N,)`.
        batch_size: images per batch.
        num_examples: images per epoch (the reference's 60,000).
        pad_to: pad each 28×28 image with the background value to `pad_to`×`pad_to` (e.g. 32).
        with_labels: also yield the 1,000-class labels `100·d_R + 10·d_G + d_B`.
        seed: the stream's seed.
        **kwargs: `PyDataset` arguments (`workers`, `use_multiprocessing`, ...).

    Example:

    ```python
    x, y = kerasgan.data.load_mnist_subset()
    data = kerasgan.data.StackedMNIST(x, y, batch_size=64, pad_to=32)
    data[0].shape  # (64, 32, 32, 3)
    ```
    """

    def __init__(self, images, labels, batch_size=64, num_examples=60_000, pad_to=None, with_labels=False, seed=0,
                 **kwargs):
        super().__init__(**kwargs)
        from kerasgan.metrics.stacked_mnist import make_stacked_mnist

        for key, value in (("batch_size", batch_size), ("num_examples", num_examples)):
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
                raise ValueError(f"StackedMNIST expects a positive int `{key}`; received {key}={value!r}.")
        if num_examples < batch_size:
            raise ValueError(f"StackedMNIST needs num_examples >= batch_size; received {num_examples} < {batch_size}.")
        make_stacked_mnist(images, labels, 1, seed=0)  # validates images and labels once, with a clear error
        self.images, self.labels = images, labels
        self.batch_size, self.num_examples = int(batch_size), int(num_examples)
        self.pad_to, self.with_labels, self.seed = pad_to, with_labels, int(seed)
        self.epoch = 0
        self._make = make_stacked_mnist

    def __len__(self):
        return self.num_examples // self.batch_size

    def __getitem__(self, index):
        if not 0 <= index < len(self):
            raise IndexError(f"StackedMNIST has {len(self)} batches; received index {index}.")
        seed = int(np.random.SeedSequence([self.seed, self.epoch, int(index)]).generate_state(1)[0])
        stacked, classes = self._make(self.images, self.labels, self.batch_size, seed=seed)
        if self.pad_to is not None:
            from kerasgan.data import _pad

            stacked = _pad(stacked, self.pad_to)
        return (stacked, classes) if self.with_labels else (stacked,)

    def on_epoch_end(self):
        self.epoch += 1
