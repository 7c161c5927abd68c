"""Image scaling and padding."""

import numpy as np


def scale_images(images):
    """uint8 images in [0, 255] → float32 in [-1, 1], with a channel axis added to (N, H, W).

    Example:

    ```python
    x = kerasgan.data.scale_images(np.zeros((2, 28, 28), "uint8"))  # (2, 28, 28, 1), all -1
    ```
    """
    images = np.asarray(images)
    if images.dtype != np.uint8:
        raise TypeError(
            f"scale_images expects uint8 images in [0, 255]; received dtype {images.dtype}. "
            "Float images should already be in [-1, 1]."
        )
    if images.ndim == 3:
        images = images[..., None]
    if images.ndim != 4:
        raise ValueError(f"scale_images expects (N, H, W) or (N, H, W, C); received shape {images.shape}.")
    return images.astype("float32") / 127.5 - 1.0


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
