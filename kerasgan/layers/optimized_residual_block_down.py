import keras
from keras import ops

from kerasgan.layers._spectral_norm_layer import inference_mode
from kerasgan.layers.sn_conv2d import SNConv2D


@keras.saving.register_keras_serializable(package="kerasgan")
class OptimizedResidualBlockDown(keras.layers.Layer):
    """First residual block of an SN-GAN discriminator / WGAN-GP critic, downsampling by 2.

    residual: Conv3x3 (-> filters) -> ReLU -> Conv3x3 (-> filters) -> 2x2 average pool;
    shortcut: 2x2 average pool -> Conv1x1 (-> filters). The output is `residual + shortcut`.
    Unlike `ResidualBlockDown` there is no activation on the input (it is the image).
    Convolutions have biases and are `SNConv2D` when `spectral_norm` is true,
    `keras.layers.Conv2D` otherwise.

    Reference:
        Miyato et al., "Spectral Normalization for Generative Adversarial Networks", ICLR 2018
        (https://arxiv.org/abs/1802.05957), code pfnet-research/sngan_projection
        `dis_models/resblocks.py` `OptimizedBlock`; Gulrajani et al., "Improved Training of
        Wasserstein GANs", NeurIPS 2017 (https://arxiv.org/abs/1704.00028),
        `gan_cifar_resnet.py` `OptimizedResBlockDisc1`.

    Args:
        filters: positive int, output channels.
        spectral_norm: bool, whether the convolutions are spectrally normalized.
        sn_inference: the spectral norm outside training, `"power_iteration"` or `"stored"`
            (see `SNConv2D`).
        kernel_initializer: initializer of the 3x3 kernels. Defaults to
            `VarianceScaling(2.0, "fan_avg", "uniform")` (Glorot uniform with gain sqrt(2)).
        shortcut_initializer: initializer of the 1x1 shortcut kernel.
        **kwargs: base `keras.layers.Layer` arguments (`name`, `dtype`, ...).

    Example:

    >>> import numpy as np
    >>> from kerasgan.layers import OptimizedResidualBlockDown
    >>> block = OptimizedResidualBlockDown(64)
    >>> tuple(block(np.ones((2, 32, 32, 3), "float32"), training=True).shape)
    (2, 16, 16, 64)
    """

    def __init__(
        self,
        filters,
        spectral_norm=True,
        kernel_initializer=None,
        shortcut_initializer="glorot_uniform",
        sn_inference="power_iteration",
        **kwargs,
    ):
        super().__init__(**kwargs)
        if isinstance(filters, bool) or not isinstance(filters, int) or filters < 1:
            raise ValueError(f"`filters` must be a positive integer. Received: filters={filters}")
        if not isinstance(spectral_norm, bool):
            raise ValueError(
                f"`spectral_norm` must be a bool. Received: spectral_norm={spectral_norm}"
            )
        if kernel_initializer is None:
            kernel_initializer = keras.initializers.VarianceScaling(2.0, "fan_avg", "uniform")
        self.filters = filters
        self.spectral_norm = spectral_norm
        self.sn_inference = inference_mode(sn_inference, "sn_inference")
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        self.shortcut_initializer = keras.initializers.get(shortcut_initializer)

    def _conv(self, kernel_size, initializer, name):
        conv_class = SNConv2D if self.spectral_norm else keras.layers.Conv2D
        extra = {"inference": self.sn_inference} if self.spectral_norm else {}
        return conv_class(
            self.filters,
            kernel_size,
            padding="same",
            kernel_initializer=initializer,
            dtype=self.dtype_policy,
            name=name,
            **extra,
        )

    def build(self, input_shape):
        input_shape = tuple(input_shape)
        if len(input_shape) != 4 or input_shape[-1] is None:
            raise ValueError(
                "`OptimizedResidualBlockDown` expects 4D channels_last inputs with a known "
                f"channel count. Received: input_shape={input_shape}"
            )
        n, h, w, _ = input_shape
        hidden_shape = (n, h, w, self.filters)
        pooled_shape = (n, None if h is None else h // 2, None if w is None else w // 2)
        pooled_shape = pooled_shape + (input_shape[-1],)
        self.conv1 = self._conv(3, self.kernel_initializer, "conv1")
        self.conv1.build(input_shape)
        self.conv2 = self._conv(3, self.kernel_initializer, "conv2")
        self.conv2.build(hidden_shape)
        self.shortcut = self._conv(1, self.shortcut_initializer, "shortcut")
        self.shortcut.build(pooled_shape)

    def _conv_call(self, layer, x, training):
        if self.spectral_norm:
            return layer(x, training=training)
        return layer(x)

    def call(self, inputs, training=None):
        h = self._conv_call(self.conv1, inputs, training)
        h = ops.relu(h)
        h = self._conv_call(self.conv2, h, training)
        h = ops.average_pool(h, 2, strides=2, padding="valid")
        s = ops.average_pool(inputs, 2, strides=2, padding="valid")
        s = self._conv_call(self.shortcut, s, training)
        return h + s

    def compute_output_shape(self, input_shape):
        n, h, w, _ = input_shape
        h = None if h is None else h // 2
        w = None if w is None else w // 2
        return (n, h, w, self.filters)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "filters": self.filters,
                "spectral_norm": self.spectral_norm,
                "sn_inference": self.sn_inference,
                "kernel_initializer": keras.initializers.serialize(self.kernel_initializer),
                "shortcut_initializer": keras.initializers.serialize(self.shortcut_initializer),
            }
        )
        return config
