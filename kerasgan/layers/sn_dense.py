import keras
from keras import ops

from kerasgan.layers._spectral_norm_layer import SpectralNormLayer


@keras.saving.register_keras_serializable(package="kerasgan")
class SNDense(SpectralNormLayer):
    """Densely connected layer with a spectrally normalized kernel.

    Computes `inputs @ (W / sigma(W)) + bias`, where `sigma(W)` is the largest singular value of the
    kernel, estimated by power iteration. The normalized kernel is computed on the fly and the
    trainable kernel is never overwritten; only the power-iteration vector `u` (a non-trainable
    variable of shape `(1, units)`) is stored, and it is updated in training mode only. The power
    iteration runs in the variables' dtype (float32 under mixed precision). As in Chainer's
    `SNLinear`, the matrix that is normalized is the kernel transposed, `(units, in)`.

    Reference:
        Miyato et al., "Spectral Normalization for Generative Adversarial Networks", ICLR 2018
        (https://arxiv.org/abs/1802.05957); code: pfnet-research/sngan_projection.

    Args:
        units: positive int, dimensionality of the output.
        use_bias: bool, whether to add a bias vector.
        kernel_initializer: initializer for the kernel.
        bias_initializer: initializer for the bias.
        power_iterations: positive int, power-iteration steps per call.
        epsilon: positive float added to norms in the power iteration.
        inference: `"power_iteration"` (one step from `u` outside training, as the authors) or
            `"stored"` (σ of the stored `u` and `v`, as `torch.nn.utils.spectral_norm`).
        **kwargs: base `keras.layers.Layer` arguments (`name`, `dtype`, ...).

    Example:

    >>> import numpy as np
    >>> from kerasgan.layers import SNDense
    >>> layer = SNDense(4)
    >>> tuple(layer(np.ones((2, 3), "float32"), training=True).shape)
    (2, 4)
    """

    def __init__(
        self,
        units,
        use_bias=True,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        power_iterations=1,
        epsilon=1e-12,
        **kwargs,
    ):
        super().__init__(power_iterations=power_iterations, epsilon=epsilon, **kwargs)
        if isinstance(units, bool) or not isinstance(units, int) or units < 1:
            raise ValueError(f"`units` must be a positive integer. Received: units={units}")
        self.units = units
        self.use_bias = bool(use_bias)
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        self.bias_initializer = keras.initializers.get(bias_initializer)
        self.input_spec = keras.layers.InputSpec(min_ndim=2)

    def build(self, input_shape):
        input_dim = input_shape[-1]
        if input_dim is None:
            raise ValueError(
                "The last dimension of the inputs to `SNDense` must be known. "
                f"Received: input_shape={input_shape}"
            )
        self.kernel = self.add_weight(
            name="kernel",
            shape=(input_dim, self.units),
            initializer=self.kernel_initializer,
            autocast=False,
        )
        if self.use_bias:
            self.bias = self.add_weight(
                name="bias", shape=(self.units,), initializer=self.bias_initializer
            )
        else:
            self.bias = None
        self.add_power_iteration_vector(self.units, input_dim)
        self.input_spec = keras.layers.InputSpec(min_ndim=2, axes={-1: input_dim})

    def call(self, inputs, training=None):
        kernel = self.normalized(ops.transpose(self.kernel), self.kernel, training)
        outputs = ops.matmul(inputs, kernel)
        if self.use_bias:
            outputs = outputs + self.bias
        return outputs

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[:-1]) + (self.units,)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "units": self.units,
                "use_bias": self.use_bias,
                "kernel_initializer": keras.initializers.serialize(self.kernel_initializer),
                "bias_initializer": keras.initializers.serialize(self.bias_initializer),
            }
        )
        return config
