import keras
from keras import ops

from kerasgan.layers._spectral_norm_layer import inference_mode
from kerasgan.layers.sn_conv2d import SNConv2D


@keras.saving.register_keras_serializable(package="kerasgan")
class ResidualBlockDown(keras.layers.Layer):
    """Pre-activation residual discriminator block with optional 2x average-pool downsampling.

    residual: ReLU -> Conv3x3 (in_channels -> hidden) -> ReLU -> Conv3x3 (-> filters)
    -> 2x2 average pool (if `downsample`), hidden = in_channels (SN-GAN) or `filters` when `wide`
    (BigGAN's `DBlock(wide=True)`);
    shortcut: Conv1x1 (-> filters) -> 2x2 average pool (if `downsample`) when the channel count
    changes or the block downsamples, otherwise the identity. The output is
    `residual + shortcut`. Convolutions have biases and are `SNConv2D` when `spectral_norm` is
    true, `keras.layers.Conv2D` otherwise. There are no normalization layers.

    Reference:
        Miyato et al., "Spectral Normalization for Generative Adversarial Networks", ICLR 2018
        (https://arxiv.org/abs/1802.05957), code pfnet-research/sngan_projection
        `dis_models/resblocks.py` `Block`; Gulrajani et al., "Improved Training of Wasserstein
        GANs", NeurIPS 2017 (https://arxiv.org/abs/1704.00028), `gan_cifar_resnet.py`
        `ResidualBlock(resample="down" or None)`.

    Args:
        filters: positive int, output channels.
        downsample: bool, whether to average-pool by 2.
        spectral_norm: bool, whether the convolutions are spectrally normalized.
        sn_inference: the spectral norm outside training, `"power_iteration"` or `"stored"`
            (see `SNConv2D`).
        kernel_initializer: initializer of the 3x3 kernels. Defaults to
            `VarianceScaling(2.0, "fan_avg", "uniform")` (Glorot uniform with gain sqrt(2)).
        shortcut_initializer: initializer of the 1x1 shortcut kernel.
        wide: hidden width = `filters` (BigGAN) instead of the input channels (SN-GAN).
        **kwargs: base `keras.layers.Layer` arguments (`name`, `dtype`, ...).

    Example:

    >>> import numpy as np
    >>> from kerasgan.layers import ResidualBlockDown
    >>> block = ResidualBlockDown(64)
    >>> tuple(block(np.ones((2, 16, 16, 32), "float32"), training=True).shape)
    (2, 8, 8, 64)
    """

    def __init__(
        self,
        filters,
        downsample=True,
        spectral_norm=True,
        kernel_initializer=None,
        shortcut_initializer="glorot_uniform",
        wide=False,
        sn_inference="power_iteration",
        **kwargs,
    ):
        super().__init__(**kwargs)
        if isinstance(filters, bool) or not isinstance(filters, int) or filters < 1:
            raise ValueError(f"`filters` must be a positive integer. Received: filters={filters}")
        if not isinstance(downsample, bool):
            raise ValueError(f"`downsample` must be a bool. Received: downsample={downsample}")
        if not isinstance(spectral_norm, bool):
            raise ValueError(
                f"`spectral_norm` must be a bool. Received: spectral_norm={spectral_norm}"
            )
        if kernel_initializer is None:
            kernel_initializer = keras.initializers.VarianceScaling(2.0, "fan_avg", "uniform")
        if not isinstance(wide, bool):
            raise ValueError(f"`wide` must be a bool. Received: wide={wide}")
        self.filters = filters
        self.downsample = downsample
        self.spectral_norm = spectral_norm
        self.sn_inference = inference_mode(sn_inference, "sn_inference")
        self.wide = wide
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        self.shortcut_initializer = keras.initializers.get(shortcut_initializer)

    def _conv(self, filters, kernel_size, initializer, name):
        conv_class = SNConv2D if self.spectral_norm else keras.layers.Conv2D
        extra = {"inference": self.sn_inference} if self.spectral_norm else {}
        return conv_class(
            filters,
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
                "`ResidualBlockDown` expects 4D channels_last inputs with a known channel count. "
                f"Received: input_shape={input_shape}"
            )
        in_channels = input_shape[-1]
        hidden = self.filters if self.wide else in_channels
        self.conv1 = self._conv(hidden, 3, self.kernel_initializer, "conv1")
        self.conv1.build(input_shape)
        self.conv2 = self._conv(self.filters, 3, self.kernel_initializer, "conv2")
        self.conv2.build(input_shape[:-1] + (hidden,))
        self.learnable_shortcut = in_channels != self.filters or self.downsample
        if self.learnable_shortcut:
            self.shortcut = self._conv(self.filters, 1, self.shortcut_initializer, "shortcut")
            self.shortcut.build(input_shape)
        else:
            self.shortcut = None

    def _conv_call(self, layer, x, training):
        if self.spectral_norm:
            return layer(x, training=training)
        return layer(x)

    def call(self, inputs, training=None):
        h = ops.relu(inputs)
        h = self._conv_call(self.conv1, h, training)
        h = ops.relu(h)
        h = self._conv_call(self.conv2, h, training)
        if self.downsample:
            h = ops.average_pool(h, 2, strides=2, padding="valid")
        if self.learnable_shortcut:
            s = self._conv_call(self.shortcut, inputs, training)
            if self.downsample:
                s = ops.average_pool(s, 2, strides=2, padding="valid")
        else:
            s = inputs
        return h + s

    def compute_output_shape(self, input_shape):
        n, h, w, _ = input_shape
        if self.downsample:
            h = None if h is None else h // 2
            w = None if w is None else w // 2
        return (n, h, w, self.filters)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "filters": self.filters,
                "downsample": self.downsample,
                "spectral_norm": self.spectral_norm,
                "sn_inference": self.sn_inference,
                "wide": self.wide,
                "kernel_initializer": keras.initializers.serialize(self.kernel_initializer),
                "shortcut_initializer": keras.initializers.serialize(self.shortcut_initializer),
            }
        )
        return config
