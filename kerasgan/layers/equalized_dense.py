import math

import keras
from keras import ops

_SQRT2 = math.sqrt(2)


@keras.saving.register_keras_serializable(package="kerasgan")
class EqualizedDense(keras.layers.Layer):
    """Fully connected layer with equalized learning rate.

    The stored kernel is drawn from `N(0, 1 / lr_multiplier**2)` and scaled at run time
    by `runtime_scale = gain / sqrt(fan_in) * lr_multiplier`, with `fan_in` the input
    features; the bias is scaled by `lr_multiplier`. The effective weights thus have He
    initialisation while every stored parameter learns at the same rate.

    Reference:
        Karras et al., "Progressive Growing of GANs for Improved Quality,
        Stability, and Variation", ICLR 2018 (https://arxiv.org/abs/1710.10196);
        `lr_multiplier` as in Karras et al., StyleGAN, CVPR 2019.

    Args:
        units: Number of output features.
        gain: Gain of the He initialisation (`sqrt(2)` for (leaky) ReLU, 1 for linear).
        use_bias: Whether to add a bias.
        lr_multiplier: Learning-rate multiplier of the layer's parameters.
        bias_initializer: Initializer of the stored bias.
        **kwargs: Base layer keyword arguments (`name`, `dtype`, ...).

    Input shape:
        `(..., in_features)`; nothing is flattened.

    Output shape:
        `(..., units)`.

    Example:

    >>> import numpy as np
    >>> from kerasgan.layers import EqualizedDense
    >>> layer = EqualizedDense(8, gain=1.0)
    >>> y = layer(np.ones((2, 16), "float32"))
    >>> tuple(y.shape)
    (2, 8)
    """

    def __init__(
        self,
        units,
        gain=_SQRT2,
        use_bias=True,
        lr_multiplier=1.0,
        bias_initializer="zeros",
        **kwargs,
    ):
        super().__init__(**kwargs)
        if isinstance(units, bool) or not isinstance(units, int) or units < 1:
            raise ValueError(f"`units` must be a positive integer. Received: units={units!r}")
        if isinstance(gain, bool) or not isinstance(gain, (int, float)) or gain <= 0:
            raise ValueError(f"`gain` must be a positive number. Received: gain={gain!r}")
        if (
            isinstance(lr_multiplier, bool)
            or not isinstance(lr_multiplier, (int, float))
            or lr_multiplier <= 0
        ):
            raise ValueError(
                f"`lr_multiplier` must be a positive number. Received: lr_multiplier={lr_multiplier!r}"
            )
        if not isinstance(use_bias, bool):
            raise ValueError(f"`use_bias` must be a bool. Received: use_bias={use_bias!r}")
        self.units = units
        self.gain = float(gain)
        self.use_bias = use_bias
        self.lr_multiplier = float(lr_multiplier)
        self.bias_initializer = keras.initializers.get(bias_initializer)
        self.runtime_scale = None

    def build(self, input_shape):
        fan_in = input_shape[-1]
        if fan_in is None:
            raise ValueError(
                "The last dimension of the inputs to EqualizedDense must be defined. "
                f"Received: input_shape={tuple(input_shape)}"
            )
        self.runtime_scale = self.gain / math.sqrt(fan_in) * self.lr_multiplier
        self.kernel = self.add_weight(
            name="kernel",
            shape=(fan_in, self.units),
            initializer=keras.initializers.RandomNormal(stddev=1.0 / self.lr_multiplier),
        )
        if self.use_bias:
            self.bias = self.add_weight(
                name="bias", shape=(self.units,), initializer=self.bias_initializer
            )
        else:
            self.bias = None

    def call(self, inputs):
        outputs = ops.matmul(inputs, self.kernel * self.runtime_scale)
        if self.use_bias:
            outputs = outputs + self.bias * self.lr_multiplier
        return outputs

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.units)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "units": self.units,
                "gain": self.gain,
                "use_bias": self.use_bias,
                "lr_multiplier": self.lr_multiplier,
                "bias_initializer": keras.initializers.serialize(self.bias_initializer),
            }
        )
        return config
