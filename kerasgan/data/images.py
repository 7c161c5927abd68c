"""Image scaling and padding."""

import numpy as np


def scale_images(images, input_range=None):
    """Images in `input_range` → float32 in [-1, 1], with a channel axis added to (N, H, W).

    Args:
        images: `(N, H, W)` or `(N, H, W, C)`.
        input_range: `(low, high)` of the input values; default (0, 255) for uint8 images. Float
            images need it stated, e.g. `(0, 255)` for float pixels or `(0, 1)`.

    Example:

    ```python
    x = kerasgan.data.scale_images(np.zeros((2, 28, 28), "uint8"))  # (2, 28, 28, 1), all -1
    x = kerasgan.data.scale_images(np.ones((2, 8, 8, 3)), input_range=(0, 1))  # all 1
    ```
    """
    images = np.asarray(images)
    if input_range is None:
        if images.dtype != np.uint8:
            raise TypeError(
                f"scale_images takes uint8 images in [0, 255], or others with their `input_range`; received "
                f"dtype {images.dtype} and no input_range (e.g. input_range=(0, 1) for float images in [0, 1])."
            )
        input_range = (0, 255)
    low, high = (float(v) for v in input_range)
    if not high > low:
        raise ValueError(f"scale_images expects input_range=(low, high) with high > low; received {input_range!r}.")
    if images.ndim == 3:
        images = images[..., None]
    if images.ndim != 4:
        raise ValueError(f"scale_images expects (N, H, W) or (N, H, W, C); received shape {images.shape}.")
    if images.size:
        lo, hi = float(images.min()), float(images.max())
        if not (lo >= low and hi <= high):
            raise ValueError(
                f"scale_images was told input_range=({low:g}, {high:g}) but the images hold values in "
                f"[{lo:.4g}, {hi:.4g}]."
            )
    half = (high - low) / 2.0
    return (images.astype("float32") / half - (high + low) / (high - low)).astype("float32")


def pad_images(x, pad_to):
    """Pad float images `(N, H, W, C)` in [-1, 1] with the background value -1 to `pad_to`×`pad_to`
    (e.g. 28×28 MNIST to the 32×32 of CIFAR architectures).

    Example:

    ```python
    x32 = kerasgan.data.pad_images(x28, 32)
    ```
    """
    pad = int(pad_to) - x.shape[1]
    if pad < 0 or pad % 2:
        raise ValueError(f"`pad_to` must be >= 28 and of even difference; received {pad_to}.")
    return np.pad(x, ((0, 0), (pad // 2, pad // 2), (pad // 2, pad // 2), (0, 0)), constant_values=-1.0)
