import keras
from keras import ops


@keras.saving.register_keras_serializable(package="kerasgan")
class LinearMaxout(keras.layers.Layer):
    """A linear map followed by maxout over groups of `num_pieces` outputs.

    `y_j = max_k (x W + b)_{j * num_pieces + k}` for `k < num_pieces`: the linear layer has
    `units * num_pieces` outputs and each output unit is the maximum of its contiguous group, as
    Blocks' `LinearMaxout` brick (used by the ALI/VEEGAN/PacGAN 2-D discriminators).

    Reference: Goodfellow et al., "Maxout Networks", ICML 2013.

    Args:
        units: output units.
        num_pieces: linear pieces per unit.
        kernel_initializer, bias_initializer: of the linear map.
        **kwargs: base layer arguments.

    Example:

    >>> import numpy as np
    >>> from kerasgan.layers import LinearMaxout
    >>> tuple(LinearMaxout(200, num_pieces=5)(np.zeros((4, 2), "float32")).shape)
    (4, 200)
    """

    def __init__(self, units, num_pieces=5, kernel_initializer="glorot_uniform", bias_initializer="zeros", **kwargs):
        super().__init__(**kwargs)
        for key, value in (("units", units), ("num_pieces", num_pieces)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"`{key}` must be a positive int; received {key}={value!r}.")
        self.units = units
        self.num_pieces = num_pieces
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        self.bias_initializer = keras.initializers.get(bias_initializer)
        self.linear = keras.layers.Dense(
            units * num_pieces, kernel_initializer=self.kernel_initializer,
            bias_initializer=self.bias_initializer, name="linear",
        )

    def build(self, input_shape):
        self.linear.build(input_shape)

    def call(self, inputs):
        h = self.linear(inputs)
        h = ops.reshape(h, (-1, self.units, self.num_pieces))
        return ops.max(h, axis=-1)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.units)

    def get_config(self):
        config = super().get_config()
        config.update({
            "units": self.units,
            "num_pieces": self.num_pieces,
            "kernel_initializer": keras.initializers.serialize(self.kernel_initializer),
            "bias_initializer": keras.initializers.serialize(self.bias_initializer),
        })
        return config
