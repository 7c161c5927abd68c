"""Stacked MNIST: three MNIST digits as the colour channels of one image, 1,000 modes.

The benchmark of Metz et al., "Unrolled Generative Adversarial Networks" (ICLR 2017), used by
VEEGAN (Srivastava et al., NeurIPS 2017) and PacGAN (Lin et al., NeurIPS 2018). Definitions follow
the PacGAN reference code (fjxmlzn/PacGAN, `stacked_MNIST_experiments/unrolled_GAN_experiment/
D=0.25G/model.py`: `generate_stacked_mnist` and `log_metrics`; the VEEGAN experiment's
`model.py` computes the metrics the same way):

- a real sample stacks three MNIST images drawn independently and uniformly (with replacement)
  as its channels 0, 1, 2;
- a generated sample's class is the triple of digits a pretrained MNIST classifier reads from its
  three channels, each classified on its own; we number it `100 * d_0 + 10 * d_1 + d_2`;
- modes covered = the number of the 1,000 classes with at least one sample;
- KL = `KL(p || uniform)` over the 1,000 classes, `p` the empirical class distribution of the
  generated samples (natural log, no smoothing; empty classes contribute 0);
- the papers evaluate 26,000 generated samples.
"""

import numbers

import numpy as np

from kerasgan.utils.checks import float_images
from kerasgan.utils.checks import to_numpy

NUM_CLASSES = 1000
REFERENCE_NUM_SAMPLES = 26000  # generated samples per evaluation in VEEGAN and PacGAN

# Values may exceed [-1, 1] by float rounding (e.g. a tanh in float16 or a resize); beyond this
# the images are on another scale (e.g. [0, 255]).
_RANGE_TOLERANCE = 1e-3


def stacked_mnist_classes(samples, classify_digits, batch_size=256):
    """The 1,000-class label of each Stacked-MNIST sample, read by a digit classifier.

    Each channel is classified on its own, as in the reference's `log_metrics` (fjxmlzn/PacGAN):
    class = `100 * d_0 + 10 * d_1 + d_2` where `d_c` is the digit predicted for channel `c`.
    32x32 samples (the 28x28 digits padded by 2 pixels a side, as
    `kerasgan.data.load_mnist_subset(pad_to=32)` does) are center-cropped to 28x28 first.

    Args:
        samples: float images in [-1, 1] of shape `(N, 28, 28, 3)` or `(N, 32, 32, 3)`, an array
            or backend tensor (channels last).
        classify_digits: a callable mapping float32 images in [-1, 1] of shape `(B, 28, 28, 1)` to
            `B` int digit predictions in 0..9, e.g.
            `kerasgan.metrics.MNISTClassifier.pretrained().predict_digits`. It is called once per
            batch with the batch's three channels concatenated (`B = 3 * batch_size`).
        batch_size: samples per classifier call.

    Returns:
        int32 classes in `[0, 1000)` of shape `(N,)`.

    Example:

    >>> import numpy as np
    >>> from kerasgan.metrics.stacked_mnist import stacked_mnist_classes
    >>> # A stub classifier that reads a digit written as the mean brightness of the channel.
    >>> classify = lambda x: np.rint((x.mean(axis=(1, 2, 3)) + 1.0) * 4.5).astype("int32")
    >>> digits = np.array([[7, 0, 3]])
    >>> samples = np.broadcast_to(digits[:, None, None, :] / 4.5 - 1.0, (1, 28, 28, 3))
    >>> stacked_mnist_classes(samples, classify).tolist()
    [703]
    """
    return _classes(samples, classify_digits, batch_size, "stacked_mnist_classes")


def _classes(samples, classify_digits, batch_size, caller):
    x = _check_samples(samples, caller)
    if not callable(classify_digits):
        raise TypeError(
            f"{caller} expects `classify_digits` to be a callable mapping (B, 28, 28, 1) images "
            f"to int digits; received {type(classify_digits).__name__}."
        )
    if (
        not isinstance(batch_size, numbers.Integral)
        or isinstance(batch_size, bool)
        or batch_size < 1
    ):
        raise ValueError(
            f"{caller} expects `batch_size` to be a positive int; received batch_size={batch_size!r}."
        )
    classes = np.empty((x.shape[0],), dtype="int32")
    for start in range(0, x.shape[0], int(batch_size)):
        block = x[start : start + int(batch_size)]
        b = block.shape[0]
        channels = np.concatenate([block[..., c : c + 1] for c in range(3)], axis=0)
        digits = _check_digits(classify_digits(channels), 3 * b, caller).reshape(3, b)
        classes[start : start + b] = 100 * digits[0] + 10 * digits[1] + digits[2]
    return classes


def stacked_mnist_metrics(samples, classify_digits, batch_size=256):
    """Modes covered (of 1,000) and KL to the uniform class distribution on Stacked MNIST.

    Metz et al. (ICLR 2017), VEEGAN (Srivastava et al., NeurIPS 2017, Table 2), PacGAN (Lin et
    al., NeurIPS 2018, Tables 2-3), matching the reference's `log_metrics` (fjxmlzn/PacGAN,
    `stacked_MNIST_experiments/.../model.py`). With `n_k` the number of samples of class `k`
    (from `stacked_mnist_classes`) and `N` the number of samples:

        modes_covered = #{k : n_k >= 1}
        kl_to_uniform = KL(p || U) = sum_{k: p_k > 0} p_k log(1000 p_k),   p_k = n_k / N

    The papers use 26,000 samples; with fewer, both numbers are biased (a perfect generator
    covers about `1000 (1 - exp(-N / 1000))` modes and its KL is about `999 / (2 N)`).

    Args:
        samples: generated float images in [-1, 1] of shape `(N, 28, 28, 3)` or
            `(N, 32, 32, 3)` (center-cropped to 28x28), an array or backend tensor.
        classify_digits: a callable mapping `(B, 28, 28, 1)` float32 images in [-1, 1] to `B`
            int digits, e.g. `kerasgan.metrics.MNISTClassifier.pretrained().predict_digits`.
        batch_size: samples per classifier call.

    Returns:
        A dict with `"modes_covered"` (int, of 1000), `"kl_to_uniform"` (float, nats) and
        `"num_samples"` (int).

    Example:

    >>> import numpy as np
    >>> from kerasgan.metrics.stacked_mnist import stacked_mnist_metrics
    >>> classify = lambda x: np.zeros(len(x), "int32")  # every channel reads as a 0
    >>> m = stacked_mnist_metrics(np.zeros((10, 28, 28, 3), "float32"), classify)
    >>> m["modes_covered"], round(m["kl_to_uniform"], 4), m["num_samples"]  # KL = log(1000)
    (1, 6.9078, 10)
    """
    classes = _classes(samples, classify_digits, batch_size, "stacked_mnist_metrics")
    counts = np.bincount(classes, minlength=NUM_CLASSES)
    p = counts[counts > 0] / classes.shape[0]
    return {
        "modes_covered": int(np.count_nonzero(counts)),
        "kl_to_uniform": float(max(np.sum(p * np.log(p * NUM_CLASSES)), 0.0)),
        "num_samples": int(classes.shape[0]),
    }


def _check_samples(samples, caller):
    x = float_images(samples, caller, "samples", _RANGE_TOLERANCE)
    if x.ndim != 4 or x.shape[0] < 1 or x.shape[1:] not in ((28, 28, 3), (32, 32, 3)):
        raise ValueError(
            f"{caller} expects Stacked-MNIST samples of shape (N, 28, 28, 3) or (N, 32, 32, 3) "
            f"(channels last: one digit per channel); received shape {x.shape}."
        )
    if x.shape[1] == 32:
        x = x[:, 2:30, 2:30, :]
    return x.astype("float32")


def _check_digits(predictions, expected, caller):
    d = np.asarray(to_numpy(predictions))
    if d.ndim == 2 and d.shape[1] == 1:
        d = d[:, 0]
    if d.shape != (expected,) or not np.issubdtype(d.dtype, np.integer):
        hint = (
            " It looks like class scores: pass a callable that returns digits (argmax), e.g. "
            "MNISTClassifier.predict_digits."
            if d.ndim == 2 and d.shape[-1] == 10
            else ""
        )
        raise ValueError(
            f"{caller} expects `classify_digits` to return {expected} int digits (shape "
            f"({expected},)) for a (B, 28, 28, 1) batch of B = {expected} images; received dtype "
            f"{d.dtype} and shape {d.shape}.{hint}"
        )
    if d.min() < 0 or d.max() > 9:
        raise ValueError(
            f"{caller} expects `classify_digits` to return digits in 0..9; received values in "
            f"[{d.min()}, {d.max()}]."
        )
    return d.astype("int64")
