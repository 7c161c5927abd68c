import math

import keras
from keras import ops

_SQRT2 = math.sqrt(2)


def _pair(name, value):
    pair = (value, value) if isinstance(value, int) and not isinstance(value, bool) else value
    if (
        not isinstance(pair, (tuple, list))
        or len(pair) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in pair)
    ):
        raise ValueError(
            f"`{name}` must be a positive integer or a pair of positive integers. "
            f"Received: {name}={value!r}"
        )
    return tuple(pair)


def _check_positive_number(name, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ValueError(f"`{name}` must be a positive number. Received: {name}={value!r}")


@keras.saving.register_keras_serializable(package="kerasgan")
class EqualizedConv2D(keras.layers.Layer):
    """2D convolution with equalized learning rate.

    The stored kernel `(kh, kw, in, filters)` is drawn from `N(0, 1 / lr_multiplier**2)`
    and scaled at run time by `runtime_scale = gain / sqrt(kh * kw * in) * lr_multiplier`;
    the bias is scaled by `lr_multiplier`. The effective weights thus have He
    initialisation while every stored parameter learns at the same rate.

    Reference:
        Karras et al., "Progressive Growing of GANs for Improved Quality,
        Stability, and Variation", ICLR 2018 (https://arxiv.org/abs/1710.10196);
        `lr_multiplier` as in Karras et al., StyleGAN, CVPR 2019.

    Args:
        filters: Number of output channels.
        kernel_size: Integer or pair `(kh, kw)`.
        strides: Integer or pair of strides.
        padding: `"same"` or `"valid"`.
        gain: Gain of the He initialisation (`sqrt(2)` for (leaky) ReLU, 1 for linear).
        use_bias: Whether to add a bias.
        lr_multiplier: Learning-rate multiplier of the layer's parameters.
        bias_initializer: Initializer of the stored bias.
        **kwargs: Base layer keyword arguments (`name`, `dtype`, ...).

    Input shape:
        `(N, H, W, C)`, channels last.

    Output shape:
        `(N, H', W', filters)`.

    Example:

    >>> import numpy as np
    >>> from kerasgan.layers import EqualizedConv2D
    >>> layer = EqualizedConv2D(8, 3)
    >>> y = layer(np.ones((2, 8, 8, 4), "float32"))
    >>> tuple(y.shape)
    (2, 8, 8, 8)
    """

    def __init__(
        self,
        filters,
        kernel_size,
        strides=1,
        padding="same",
        gain=_SQRT2,
        use_bias=True,
        lr_multiplier=1.0,
        bias_initializer="zeros",
        **kwargs,
    ):
        super().__init__(**kwargs)
        if isinstance(filters, bool) or not isinstance(filters, int) or filters < 1:
            raise ValueError(f"`filters` must be a positive integer. Received: filters={filters!r}")
        if not isinstance(padding, str) or padding.lower() not in ("same", "valid"):
            raise ValueError(f"`padding` must be 'same' or 'valid'. Received: padding={padding!r}")
        _check_positive_number("gain", gain)
        _check_positive_number("lr_multiplier", lr_multiplier)
        if not isinstance(use_bias, bool):
            raise ValueError(f"`use_bias` must be a bool. Received: use_bias={use_bias!r}")
        self.filters = filters
        self.kernel_size = _pair("kernel_size", kernel_size)
        self.strides = _pair("strides", strides)
        self.padding = padding.lower()
        self.gain = float(gain)
        self.use_bias = use_bias
        self.lr_multiplier = float(lr_multiplier)
        self.bias_initializer = keras.initializers.get(bias_initializer)
        self.runtime_scale = None

    def build(self, input_shape):
        if len(input_shape) != 4 or input_shape[-1] is None:
            raise ValueError(
                "EqualizedConv2D expects inputs of shape (N, H, W, C) with C defined. "
                f"Received: input_shape={tuple(input_shape)}"
            )
        channels = input_shape[-1]
        fan_in = self.kernel_size[0] * self.kernel_size[1] * channels
        self.runtime_scale = self.gain / math.sqrt(fan_in) * self.lr_multiplier
        self.kernel = self.add_weight(
            name="kernel",
            shape=(*self.kernel_size, channels, self.filters),
            initializer=keras.initializers.RandomNormal(stddev=1.0 / self.lr_multiplier),
        )
        if self.use_bias:
            self.bias = self.add_weight(
                name="bias", shape=(self.filters,), initializer=self.bias_initializer
            )
        else:
            self.bias = None

    def call(self, inputs):
        outputs = ops.conv(
            inputs,
            self.kernel * self.runtime_scale,
            strides=self.strides,
            padding=self.padding,
            data_format="channels_last",
        )
        if self.use_bias:
            outputs = outputs + self.bias * self.lr_multiplier
        return outputs

    def compute_output_shape(self, input_shape):
        spatial = []
        for size, k, s in zip(input_shape[1:3], self.kernel_size, self.strides, strict=True):
            if size is None:
                spatial.append(None)
            elif self.padding == "same":
                spatial.append(-(-size // s))
            else:
                spatial.append((size - k) // s + 1)
        return (input_shape[0], *spatial, self.filters)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "filters": self.filters,
                "kernel_size": self.kernel_size,
                "strides": self.strides,
                "padding": self.padding,
                "gain": self.gain,
                "use_bias": self.use_bias,
                "lr_multiplier": self.lr_multiplier,
                "bias_initializer": keras.initializers.serialize(self.bias_initializer),
            }
        )
        return config
