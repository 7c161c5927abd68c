import keras
from keras import ops

from kerasgan.layers._conv_arguments import pair
from kerasgan.layers._spectral_norm_layer import SpectralNormLayer


class SNConvolution(SpectralNormLayer):
    """What `SNConv2D` and `SNConv2DTranspose` share: the arguments and their checks, the kernel,
    bias and power-iteration vector (created in that order), the call and the config. A subclass
    says how its kernel is laid out (`kernel_shape`), which matrix σ is taken of (`matrix`), how
    it convolves (`convolve`) and how a spatial size maps to the output's (`output_size`)."""

    def __init__(self, filters, kernel_size, strides=1, padding="same", use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros", power_iterations=1, epsilon=1e-12,
                 **kwargs):
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
                f"The channel dimension of the inputs to `{type(self).__name__}` must be known. "
                f"Received: input_shape={input_shape}"
            )
        self.kernel = self.add_weight(
            name="kernel", shape=self.kernel_shape(in_channels), initializer=self.kernel_initializer, autocast=False
        )
        self.bias = None
        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=(self.filters,), initializer=self.bias_initializer)
        self.add_power_iteration_vector(self.filters, self.kernel_size[0] * self.kernel_size[1] * in_channels)
        self.input_spec = keras.layers.InputSpec(ndim=4, axes={-1: in_channels})

    def call(self, inputs, training=None):
        outputs = self.convolve(inputs, self.normalized(self.matrix(), self.kernel, training))
        if self.use_bias:
            outputs = outputs + self.bias
        return outputs

    def compute_output_shape(self, input_shape):
        spatial = [None if size is None else self.output_size(size, k, s)
                   for size, k, s in zip(input_shape[1:3], self.kernel_size, self.strides, strict=True)]
        return (input_shape[0], *spatial, self.filters)

    def get_config(self):
        return {
            **super().get_config(),
            "filters": self.filters,
            "kernel_size": self.kernel_size,
            "strides": self.strides,
            "padding": self.padding,
            "use_bias": self.use_bias,
            "kernel_initializer": keras.initializers.serialize(self.kernel_initializer),
            "bias_initializer": keras.initializers.serialize(self.bias_initializer),
        }

    def convolve(self, inputs, kernel):
        options = dict(strides=self.strides, padding=self.padding, data_format="channels_last")
        return (ops.conv_transpose if self.transposed else ops.conv)(inputs, kernel, **options)
