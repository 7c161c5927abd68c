import keras
from keras import ops

from kerasgan.layers._conv_arguments import pair
from kerasgan.layers._spectral_norm_layer import SpectralNormLayer


@keras.saving.register_keras_serializable(package="kerasgan")
class SNConv2DTranspose(SpectralNormLayer):
    """Transposed 2D convolution (channels_last) with a spectrally normalized kernel.

    The kernel has the layout of `keras.layers.Conv2DTranspose`, `(kh, kw, filters, in)`, and the
    output shape matches that layer for the same arguments. `sigma(W)` is the largest singular value
    of the kernel reshaped to a `(filters, kh * kw * in)` matrix (rows are output channels, as
    `torch.nn.utils.spectral_norm(..., dim=1)` does for transposed convolutions), estimated by power
    iteration. The normalized kernel is computed on the fly and the trainable kernel is never
    overwritten; only the vector `u` (non-trainable, shape `(1, filters)`) is stored, and it is
    updated in training mode only. The power iteration runs in the variables' dtype (float32 under
    mixed precision).

    Reference:
        Miyato et al., "Spectral Normalization for Generative Adversarial Networks", ICLR 2018
        (https://arxiv.org/abs/1802.05957).

    Args:
        filters: positive int, number of output channels.
        kernel_size: int or pair of ints, height and width of the kernel.
        strides: int or pair of ints.
        padding: `"same"` or `"valid"`.
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
    >>> from kerasgan.layers import SNConv2DTranspose
    >>> layer = SNConv2DTranspose(8, 4, strides=2)
    >>> tuple(layer(np.ones((2, 8, 8, 3), "float32"), training=True).shape)
    (2, 16, 16, 8)
    """

    def __init__(
        self,
        filters,
        kernel_size,
        strides=1,
        padding="same",
        use_bias=True,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        power_iterations=1,
        epsilon=1e-12,
        **kwargs,
    ):
        super().__init__(power_iterations=power_iterations, epsilon=epsilon, **kwargs)
        if isinstance(filters, bool) or not isinstance(filters, int) or filters < 1:
            raise ValueError(f"`filters` must be a positive integer. Received: filters={filters}")
        if not isinstance(padding, str) or padding.lower() not in ("same", "valid"):
            raise ValueError(f'`padding` must be "same" or "valid". Received: padding={padding}')
        self.filters = filters
        self.kernel_size = pair(kernel_size, "kernel_size")
        self.strides = pair(strides, "strides")
        self.padding = padding.lower()
        self.use_bias = bool(use_bias)
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        self.bias_initializer = keras.initializers.get(bias_initializer)
        self.input_spec = keras.layers.InputSpec(ndim=4)

    def build(self, input_shape):
        in_channels = input_shape[-1]
        if in_channels is None:
            raise ValueError(
                "The channel dimension of the inputs to `SNConv2DTranspose` must be known. "
                f"Received: input_shape={input_shape}"
            )
        self.kernel = self.add_weight(
            name="kernel",
            shape=self.kernel_size + (self.filters, in_channels),
            initializer=self.kernel_initializer,
            autocast=False,
        )
        if self.use_bias:
            self.bias = self.add_weight(
                name="bias", shape=(self.filters,), initializer=self.bias_initializer
            )
        else:
            self.bias = None
        self.add_power_iteration_vector(self.filters, self.kernel_size[0] * self.kernel_size[1] * in_channels)
        self.input_spec = keras.layers.InputSpec(ndim=4, axes={-1: in_channels})

    def call(self, inputs, training=None):
        w_mat = ops.reshape(ops.transpose(self.kernel, (2, 0, 1, 3)), (self.filters, -1))
        kernel = self.normalized(w_mat, self.kernel, training)
        outputs = ops.conv_transpose(
            inputs,
            kernel,
            strides=self.strides,
            padding=self.padding,
            data_format="channels_last",
        )
        if self.use_bias:
            outputs = outputs + self.bias
        return outputs

    def compute_output_shape(self, input_shape):
        spatial = []
        for size, k, s in zip(input_shape[1:3], self.kernel_size, self.strides, strict=True):
            if size is None:
                spatial.append(None)
            elif self.padding == "same":
                spatial.append(size * s)
            else:
                spatial.append(size * s + max(k - s, 0))
        return (input_shape[0], *spatial, self.filters)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "filters": self.filters,
                "kernel_size": self.kernel_size,
                "strides": self.strides,
                "padding": self.padding,
                "use_bias": self.use_bias,
                "kernel_initializer": keras.initializers.serialize(self.kernel_initializer),
                "bias_initializer": keras.initializers.serialize(self.bias_initializer),
            }
        )
        return config
