import keras
from keras import ops


@keras.saving.register_keras_serializable(package="kerasgan")
class PixelNormalization(keras.layers.Layer):
    """Pixelwise feature vector normalization.

    Divides each feature vector (the last axis) by its root mean square:
    `x / sqrt(mean(x**2, axis=-1) + epsilon)` (the authors' code), or with
    `epsilon_after_sqrt=True` `x / (sqrt(mean(x**2, axis=-1)) + epsilon)`
    (open-mmlab/mmgeneration's `pixel_norm`, for its released PGGAN weights).
    Works on images `(N, H, W, C)` as well as on latent vectors `(N, D)`.

    Reference:
        Karras et al., "Progressive Growing of GANs for Improved Quality,
        Stability, and Variation", ICLR 2018 (https://arxiv.org/abs/1710.10196).

    Args:
        epsilon: Positive constant added to the mean square.
        epsilon_after_sqrt: add `epsilon` to the root mean square instead.
        **kwargs: Base layer keyword arguments (`name`, `dtype`, ...).

    Example:

    >>> import numpy as np
    >>> from kerasgan.layers import PixelNormalization
    >>> layer = PixelNormalization()
    >>> y = layer(np.full((2, 4, 4, 8), 3.0, "float32"))
    >>> tuple(y.shape)
    (2, 4, 4, 8)
    """

    def __init__(self, epsilon=1e-8, epsilon_after_sqrt=False, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(epsilon_after_sqrt, bool):
            raise ValueError(
                f"`epsilon_after_sqrt` must be a bool. Received: epsilon_after_sqrt={epsilon_after_sqrt!r}"
            )
        self.epsilon_after_sqrt = epsilon_after_sqrt
        if isinstance(epsilon, bool) or not isinstance(epsilon, (int, float)) or epsilon <= 0:
            raise ValueError(f"`epsilon` must be a positive number. Received: epsilon={epsilon!r}")
        self.epsilon = float(epsilon)
        self.supports_masking = True

    def call(self, inputs):
        mean_square = ops.mean(ops.square(inputs), axis=-1, keepdims=True)
        if self.epsilon_after_sqrt:
            return inputs / (ops.sqrt(mean_square) + self.epsilon)
        return inputs * ops.rsqrt(mean_square + self.epsilon)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({"epsilon": self.epsilon, "epsilon_after_sqrt": self.epsilon_after_sqrt})
        return config
