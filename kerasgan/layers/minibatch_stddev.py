import keras
from keras import ops


def _check_positive_int(name, value):
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"`{name}` must be a positive integer. Received: {name}={value!r}")


@keras.saving.register_keras_serializable(package="kerasgan")
class MinibatchStdDev(keras.layers.Layer):
    """Minibatch standard deviation, appended as extra feature map(s).

    The batch of `N` images is split into `N / G` groups of `G = min(group_size, N)`
    images, strided as in the reference code (image `n` belongs to group `n mod (N / G)`).
    Within each group the standard deviation of every feature and pixel is taken over
    the `G` images, averaged over pixels and features (per channel group when
    `num_new_features > 1`), and tiled over the group and the pixels as
    `num_new_features` new channels. The batch size must be divisible by `G`.

    Reference:
        Karras et al., "Progressive Growing of GANs for Improved Quality,
        Stability, and Variation", ICLR 2018 (https://arxiv.org/abs/1710.10196);
        `minibatch_stddev_layer` in tkarras/progressive_growing_of_gans networks.py
        (`num_new_features` as in tkarras/stylegan).

    Args:
        group_size: Images per group; capped at the batch size.
        num_new_features: Number of channels appended; the input channels are split
            into this many groups, each giving one statistic.
        **kwargs: Base layer keyword arguments (`name`, `dtype`, ...).

    Input shape:
        `(N, H, W, C)`, channels last.

    Output shape:
        `(N, H, W, C + num_new_features)`.

    Example:

    >>> import numpy as np
    >>> from kerasgan.layers import MinibatchStdDev
    >>> layer = MinibatchStdDev(group_size=4)
    >>> y = layer(np.random.rand(8, 4, 4, 16).astype("float32"))
    >>> tuple(y.shape)
    (8, 4, 4, 17)
    """

    def __init__(self, group_size=4, num_new_features=1, **kwargs):
        super().__init__(**kwargs)
        _check_positive_int("group_size", group_size)
        _check_positive_int("num_new_features", num_new_features)
        self.group_size = group_size
        self.num_new_features = num_new_features

    def build(self, input_shape):
        if len(input_shape) != 4:
            raise ValueError(
                "MinibatchStdDev expects inputs of shape (N, H, W, C). "
                f"Received: input_shape={tuple(input_shape)}"
            )
        channels = input_shape[-1]
        if channels is not None and channels % self.num_new_features:
            raise ValueError(
                f"The number of channels ({channels}) must be divisible by "
                f"num_new_features={self.num_new_features}. "
                f"Received: input_shape={tuple(input_shape)}"
            )

    def call(self, inputs):
        shape = ops.shape(inputs)
        batch, height, width, channels = shape[0], shape[1], shape[2], inputs.shape[-1]
        if isinstance(batch, int):
            group = min(self.group_size, batch)
            if batch % group:
                raise ValueError(
                    f"MinibatchStdDev: the batch size ({batch}) must be divisible by "
                    f"min(group_size, batch size) = {group} (group_size={self.group_size})."
                )
        else:
            group = ops.minimum(self.group_size, batch)
        n = self.num_new_features
        y = ops.cast(inputs, "float32")
        y = ops.reshape(y, (group, -1, height, width, n, channels // n))
        y = y - ops.mean(y, axis=0, keepdims=True)
        y = ops.sqrt(ops.mean(ops.square(y), axis=0) + 1e-8)
        y = ops.mean(y, axis=(1, 2, 4))
        y = ops.cast(y, inputs.dtype)
        y = ops.reshape(y, (1, -1, 1, 1, n))
        y = y + ops.zeros_like(ops.reshape(inputs[..., :1], (group, -1, height, width, 1)))
        y = ops.reshape(y, (-1, height, width, n))
        return ops.concatenate([inputs, y], axis=-1)

    def compute_output_shape(self, input_shape):
        channels = input_shape[-1]
        channels = None if channels is None else channels + self.num_new_features
        return (*input_shape[:-1], channels)

    def get_config(self):
        config = super().get_config()
        config.update({"group_size": self.group_size, "num_new_features": self.num_new_features})
        return config
