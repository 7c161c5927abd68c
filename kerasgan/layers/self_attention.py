import keras
from keras import ops

from kerasgan.layers._spectral_norm_layer import inference_mode
from kerasgan.layers.sn_conv2d import SNConv2D


@keras.saving.register_keras_serializable(package="kerasgan")
class SelfAttention(keras.layers.Layer):
    """Self-attention block of SAGAN / BigGAN, channels last.

    With `C` input channels: `theta`, `phi` (1x1 convolutions to `C / 8` channels) and
    `g` (1x1 to `C / 2`), all without bias; `phi` and `g` are 2x2 max-pooled. Each of the
    `H * W` positions attends, by a softmax over the `H * W / 4` pooled positions of
    `theta . phi`, to `g`; a 1x1 convolution `o` (`C / 2` to `C`, no bias) maps the result
    back, and the output is `x + gamma * o` with a trainable scalar `gamma` initialised to 0,
    so the block starts as the identity.

    Reference:
        Zhang et al., "Self-Attention Generative Adversarial Networks", ICML 2019
        (https://arxiv.org/abs/1805.08318); `Attention` in ajbrock/BigGAN-PyTorch layers.py.

    Args:
        spectral_norm: Whether the four convolutions are spectrally normalized (`SNConv2D`)
            or plain `keras.layers.Conv2D`.
        sn_inference: the spectral norm outside training, `"power_iteration"` or `"stored"`
            (see `SNConv2D`).
        kernel_initializer: Initializer of the convolution kernels.
        power_iterations: Power-iteration steps per call (spectral norm only).
        sn_epsilon: Epsilon of the spectral-norm power iteration.
        **kwargs: Base layer keyword arguments (`name`, `dtype`, ...).

    Input shape:
        `(N, H, W, C)` with `C` divisible by 8 and even `H`, `W`.

    Output shape:
        Same as the input.

    Example:

    >>> import numpy as np
    >>> from kerasgan.layers import SelfAttention
    >>> layer = SelfAttention()
    >>> y = layer(np.random.rand(2, 8, 8, 16).astype("float32"), training=True)
    >>> tuple(y.shape)
    (2, 8, 8, 16)
    """

    def __init__(
        self,
        spectral_norm=True,
        kernel_initializer="orthogonal",
        power_iterations=1,
        sn_epsilon=1e-12,
        sn_inference="power_iteration",
        **kwargs,
    ):
        super().__init__(**kwargs)
        if not isinstance(spectral_norm, bool):
            raise ValueError(
                f"`spectral_norm` must be a bool. Received: spectral_norm={spectral_norm!r}"
            )
        if (
            isinstance(power_iterations, bool)
            or not isinstance(power_iterations, int)
            or power_iterations < 1
        ):
            raise ValueError(
                "`power_iterations` must be a positive integer. "
                f"Received: power_iterations={power_iterations!r}"
            )
        if (
            isinstance(sn_epsilon, bool)
            or not isinstance(sn_epsilon, (int, float))
            or sn_epsilon <= 0
        ):
            raise ValueError(
                f"`sn_epsilon` must be a positive number. Received: sn_epsilon={sn_epsilon!r}"
            )
        self.spectral_norm = spectral_norm
        self.sn_inference = inference_mode(sn_inference, "sn_inference")
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        self.power_iterations = power_iterations
        self.sn_epsilon = float(sn_epsilon)

    def _conv(self, filters, name):
        if self.spectral_norm:
            return SNConv2D(
                filters,
                1,
                use_bias=False,
                kernel_initializer=self.kernel_initializer,
                power_iterations=self.power_iterations,
                epsilon=self.sn_epsilon,
                inference=self.sn_inference,
                dtype=self.dtype_policy,
                name=name,
            )
        return keras.layers.Conv2D(
            filters,
            1,
            use_bias=False,
            kernel_initializer=self.kernel_initializer,
            dtype=self.dtype_policy,
            name=name,
        )

    def build(self, input_shape):
        if len(input_shape) != 4:
            raise ValueError(
                "SelfAttention expects inputs of shape (N, H, W, C). "
                f"Received: input_shape={tuple(input_shape)}"
            )
        _, height, width, channels = input_shape
        if channels is None or channels % 8:
            raise ValueError(
                "SelfAttention needs a known number of channels divisible by 8. "
                f"Received: input_shape={tuple(input_shape)}"
            )
        if (height is not None and height % 2) or (width is not None and width % 2):
            raise ValueError(
                "SelfAttention needs an even height and width (phi and g are 2x2 max-pooled). "
                f"Received: input_shape={tuple(input_shape)}"
            )
        self.theta = self._conv(channels // 8, "theta")
        self.phi = self._conv(channels // 8, "phi")
        self.g = self._conv(channels // 2, "g")
        self.o = self._conv(channels, "o")
        self.theta.build(input_shape)
        self.phi.build(input_shape)
        self.g.build(input_shape)
        self.o.build((*input_shape[:-1], channels // 2))
        self.gamma = self.add_weight(name="gamma", shape=(), initializer="zeros")

    def call(self, inputs, training=None):
        shape = ops.shape(inputs)
        batch, height, width = shape[0], shape[1], shape[2]
        channels = inputs.shape[-1]
        theta = self.theta(inputs, training=training)
        phi = ops.max_pool(self.phi(inputs, training=training), 2, 2, padding="valid")
        g = ops.max_pool(self.g(inputs, training=training), 2, 2, padding="valid")
        theta = ops.reshape(theta, (batch, -1, channels // 8))
        phi = ops.reshape(phi, (batch, -1, channels // 8))
        g = ops.reshape(g, (batch, -1, channels // 2))
        beta = ops.softmax(ops.matmul(theta, ops.transpose(phi, (0, 2, 1))), axis=-1)
        attended = ops.reshape(ops.matmul(beta, g), (batch, height, width, channels // 2))
        return inputs + self.gamma * self.o(attended, training=training)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "spectral_norm": self.spectral_norm,
                "sn_inference": self.sn_inference,
                "kernel_initializer": keras.initializers.serialize(self.kernel_initializer),
                "power_iterations": self.power_iterations,
                "sn_epsilon": self.sn_epsilon,
            }
        )
        return config
