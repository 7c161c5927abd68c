"""Stacked-MNIST: three MNIST digits as the colour channels of one image, 1,000 modes.

The benchmark of Metz et al., "Unrolled Generative Adversarial Networks" (ICLR 2017), used by
VEEGAN (Srivastava et al., NeurIPS 2017) and PacGAN (Lin et al., NeurIPS 2018). Its mode coverage
is measured by `kerasgan.metrics.stacked_mnist_metrics`.
"""

import keras
import numpy as np

from kerasgan.data.images import pad_images
from kerasgan.utils.checks import float_images
from kerasgan.utils.checks import optional_seed
from kerasgan.utils.checks import positive_int
from kerasgan.utils.checks import to_numpy

# Values may exceed [-1, 1] by float rounding; beyond this the images are on another scale.
_RANGE_TOLERANCE = 1e-3


def make_stacked_mnist(images, labels, n, seed=None):
    """Build Stacked-MNIST images and their 1,000-class labels from MNIST digits.

    As in the reference's `generate_stacked_mnist` (fjxmlzn/PacGAN, unrolled-GAN experiment):
    each of the `n` samples takes three digit images drawn independently and uniformly with
    replacement, as channels 0 (R), 1 (G) and 2 (B). Its label is
    `100 * d_R + 10 * d_G + d_B`. Sampling uses NumPy, so the result is the same on every backend.

    The real class distribution is close to, not exactly, uniform: it is the product of the digit
    frequencies of `labels` (e.g. 8.7 %–11.3 % per digit in the embedded 5k subset).

    Args:
        images: float MNIST images in [-1, 1] of shape `(N, 28, 28, 1)` or `(N, 28, 28)`, e.g.
            from `kerasgan.data.load_mnist_subset()`.
        labels: their int digits, shape `(N,)`.
        n: the number of stacked samples.
        seed: an int for reproducible samples, or None.

    Returns:
        `(stacked, classes)`: float32 images of shape `(n, 28, 28, 3)` in [-1, 1] and int32
        classes in `[0, 1000)` of shape `(n,)`.

    Example:

    >>> from kerasgan.data import load_mnist_subset
    >>> from kerasgan.data import make_stacked_mnist
    >>> x, y = load_mnist_subset()
    >>> stacked, classes = make_stacked_mnist(x, y, n=16, seed=0)
    >>> stacked.shape, classes.shape, bool(((stacked >= -1) & (stacked <= 1)).all())
    ((16, 28, 28, 3), (16,), True)
    """
    caller = "make_stacked_mnist"
    x = float_images(images, caller, "images", _RANGE_TOLERANCE)
    received_shape = x.shape
    if x.ndim == 3:
        x = x[..., None]
    if x.ndim != 4 or x.shape[1:] != (28, 28, 1) or x.shape[0] < 1:
        raise ValueError(
            f"{caller} expects MNIST `images` of shape (N, 28, 28, 1) or (N, 28, 28) with "
            f"N >= 1; received shape {received_shape}."
        )
    y = np.asarray(to_numpy(labels))
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    if not np.issubdtype(y.dtype, np.integer) or y.shape != (x.shape[0],):
        raise ValueError(
            f"{caller} expects int digit `labels` of shape ({x.shape[0]},), one per image; "
            f"received dtype {y.dtype} and shape {y.shape}."
        )
    if y.min() < 0 or y.max() > 9:
        raise ValueError(
            f"{caller} expects digit labels in 0..9; received values in [{y.min()}, {y.max()}]."
        )
    n = positive_int(n, "n", caller)
    optional_seed(seed, caller)
    ids = np.random.default_rng(seed).integers(0, x.shape[0], size=(int(n), 3))
    stacked = np.transpose(x[ids, :, :, 0], (0, 2, 3, 1)).astype("float32")
    digits = y[ids].astype("int32")
    classes = 100 * digits[:, 0] + 10 * digits[:, 1] + digits[:, 2]
    return stacked, classes


class StackedMNIST(keras.utils.PyDataset):
    """A `keras.utils.PyDataset` of Stacked-MNIST images: three MNIST digits as RGB channels.

    Each batch stacks digits drawn independently and uniformly with replacement
    (`make_stacked_mnist`), from a stream seeded by `(seed, epoch, batch index)`,
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

    def __len__(self):
        return self.num_examples // self.batch_size

    def __getitem__(self, index):
        if not 0 <= index < len(self):
            raise IndexError(f"StackedMNIST has {len(self)} batches; received index {index}.")
        seed = int(np.random.SeedSequence([self.seed, self.epoch, int(index)]).generate_state(1)[0])
        stacked, classes = make_stacked_mnist(self.images, self.labels, self.batch_size, seed=seed)
        if self.pad_to is not None:
            stacked = pad_images(stacked, self.pad_to)
        return (stacked, classes) if self.with_labels else (stacked,)

    def on_epoch_end(self):
        self.epoch += 1
