import keras
from keras import ops

from kerasgan.layers._spectral_norm_layer import inference_mode
from kerasgan.layers.conditional_batch_normalization import ConditionalBatchNormalization
from kerasgan.layers.linear_conditional_batch_normalization import LinearConditionalBatchNormalization
from kerasgan.layers.sn_conv2d import SNConv2D

UPSAMPLING = ("nearest", "bilinear")


def _upsample(x, method="nearest"):
    if method == "bilinear":  # half-pixel centres: torch's `interpolate(..., align_corners=False)`
        n, h, w, c = ops.shape(x)
        return ops.image.resize(x, (2 * h, 2 * w), interpolation="bilinear", antialias=False,
                                data_format="channels_last")
    return ops.repeat(ops.repeat(x, 2, axis=1), 2, axis=2)


@keras.saving.register_keras_serializable(package="kerasgan")
class ResidualBlockUp(keras.layers.Layer):
    """Pre-activation residual generator block with 2x nearest-neighbour upsampling.

    residual: BN -> ReLU -> upsample -> Conv3x3 -> BN -> ReLU -> Conv3x3;
    shortcut: upsample -> Conv1x1 when the channel count changes or the block upsamples,
    otherwise the identity. The output is `residual + shortcut`. The batch normalizations are
    `keras.layers.BatchNormalization` when `num_classes == 0`, and
    `ConditionalBatchNormalization` (per-class gamma and beta) otherwise; then the block is called
    on `[x, labels]`. With `linear_conditioning=True` they are BigGAN's
    `LinearConditionalBatchNormalization` and the block is called on `[x, c]` with a conditioning
    vector `c` (BigGAN's `GBlock`). Convolutions have biases and are plain (SN-GAN, WGAN-GP) or
    `SNConv2D` with `spectral_norm=True` (BigGAN).

    Reference:
        Miyato et al., "Spectral Normalization for Generative Adversarial Networks", ICLR 2018
        (https://arxiv.org/abs/1802.05957), code pfnet-research/sngan_projection
        `gen_models/resblocks.py` `Block`; Gulrajani et al., "Improved Training of Wasserstein
        GANs", NeurIPS 2017 (https://arxiv.org/abs/1704.00028), `gan_cifar_resnet.py`
        `ResidualBlock(resample="up")`.

    Args:
        filters: positive int, output channels (and channels of both 3x3 convolutions).
        num_classes: int >= 0; 0 for unconditional batch normalization.
        upsample: bool, whether to upsample by 2 (nearest neighbour).
        momentum: float in `[0, 1)`, momentum of the batch-normalization moving statistics.
        epsilon: positive float, batch-normalization epsilon.
        kernel_initializer: initializer of the 3x3 kernels. Defaults to
            `VarianceScaling(2.0, "fan_avg", "uniform")` (Glorot uniform with gain sqrt(2)).
        shortcut_initializer: initializer of the 1x1 shortcut kernel.
        spectral_norm: spectrally normalize the convolutions.
        linear_conditioning: condition the batch norms on a vector (BigGAN) instead of labels.
        conditioning_spectral_norm: spectrally normalize the linear-CBN maps (`None`: as
            `spectral_norm`). BigGAN-PyTorch uses SN linears there with a shared embedding and
            plain per-class embeddings without one.
        upsampling: `"nearest"` (the SN-GAN, WGAN-GP and BigGAN authors') or `"bilinear"`
            sn_inference: the spectral norm outside training, `"power_iteration"` or `"stored"`
                (see `SNConv2D`).
            (half-pixel centres, torch's `align_corners=False`: Mimicry's generator blocks).
        **kwargs: base `keras.layers.Layer` arguments (`name`, `dtype`, ...).

    Example:

    >>> import numpy as np
    >>> from kerasgan.layers import ResidualBlockUp
    >>> block = ResidualBlockUp(32, num_classes=10)
    >>> x = np.random.normal(size=(2, 4, 4, 64)).astype("float32")
    >>> tuple(block([x, np.array([1, 2])], training=True).shape)
    (2, 8, 8, 32)
    """

    def __init__(
        self,
        filters,
        num_classes=0,
        upsample=True,
        momentum=0.9,
        epsilon=2e-5,
        kernel_initializer=None,
        shortcut_initializer="glorot_uniform",
        spectral_norm=False,
        linear_conditioning=False,
        conditioning_spectral_norm=None,
        upsampling="nearest",
        sn_inference="power_iteration",
        **kwargs,
    ):
        super().__init__(**kwargs)
        if isinstance(filters, bool) or not isinstance(filters, int) or filters < 1:
            raise ValueError(f"`filters` must be a positive integer. Received: filters={filters}")
        if isinstance(num_classes, bool) or not isinstance(num_classes, int) or num_classes < 0:
            raise ValueError(
                f"`num_classes` must be a non-negative integer. Received: num_classes={num_classes}"
            )
        if not isinstance(upsample, bool):
            raise ValueError(f"`upsample` must be a bool. Received: upsample={upsample}")
        if not 0.0 <= momentum < 1.0:
            raise ValueError(f"`momentum` must be in [0, 1). Received: momentum={momentum}")
        if not epsilon > 0:
            raise ValueError(f"`epsilon` must be positive. Received: epsilon={epsilon}")
        if kernel_initializer is None:
            kernel_initializer = keras.initializers.VarianceScaling(2.0, "fan_avg", "uniform")
        if upsampling not in UPSAMPLING:
            raise ValueError(f"`upsampling` must be one of {UPSAMPLING}. Received: upsampling={upsampling!r}")
        if linear_conditioning and num_classes:
            raise ValueError("Pass either `num_classes` (categorical CBN) or `linear_conditioning=True`, not both.")
        self.filters = filters
        self.num_classes = num_classes
        self.upsample = upsample
        self.spectral_norm = bool(spectral_norm)
        self.linear_conditioning = bool(linear_conditioning)
        self.conditioning_spectral_norm = (
            self.spectral_norm if conditioning_spectral_norm is None else bool(conditioning_spectral_norm)
        )
        self.upsampling = upsampling
        self.sn_inference = inference_mode(sn_inference, "sn_inference")
        self.momentum = float(momentum)
        self.epsilon = float(epsilon)
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        self.shortcut_initializer = keras.initializers.get(shortcut_initializer)

    @property
    def conditional(self):
        return bool(self.num_classes) or self.linear_conditioning

    def _conv(self, filters, kernel_size, initializer, name):
        conv_class = SNConv2D if self.spectral_norm else keras.layers.Conv2D
        extra = {"inference": self.sn_inference} if self.spectral_norm else {}
        return conv_class(filters, kernel_size, padding="same", kernel_initializer=initializer,
                          dtype=self.dtype_policy, name=name, **extra)

    def _batch_norm(self, name):
        if self.linear_conditioning:
            return LinearConditionalBatchNormalization(
                spectral_norm=self.conditioning_spectral_norm, sn_inference=self.sn_inference,
                momentum=self.momentum, epsilon=self.epsilon,
                kernel_initializer=self.kernel_initializer, dtype=self.dtype_policy, name=name,
            )
        if self.num_classes:
            return ConditionalBatchNormalization(
                self.num_classes,
                momentum=self.momentum,
                epsilon=self.epsilon,
                dtype=self.dtype_policy,
                name=name,
            )
        return keras.layers.BatchNormalization(
            momentum=self.momentum, epsilon=self.epsilon, dtype=self.dtype_policy, name=name
        )

    def build(self, input_shape):
        if self.conditional:
            if not isinstance(input_shape, (list, tuple)) or len(input_shape) != 2:
                raise ValueError(
                    "A conditional `ResidualBlockUp` expects inputs `[x, labels]` (or `[x, c]`). "
                    f"Received input_shape={input_shape}"
                )
            x_shape, labels_shape = tuple(input_shape[0]), tuple(input_shape[1])
        else:
            x_shape, labels_shape = tuple(input_shape), None
        if len(x_shape) != 4 or x_shape[-1] is None:
            raise ValueError(
                "`ResidualBlockUp` expects 4D channels_last inputs with a known channel count. "
                f"Received: x.shape={x_shape}"
            )
        in_channels = x_shape[-1]
        up_shape = self._upsampled_shape(x_shape)

        def bn_shape(shape):
            return [shape, labels_shape] if self.conditional else shape

        self.bn1 = self._batch_norm("bn1")
        self.bn1.build(bn_shape(x_shape))
        self.conv1 = self._conv(self.filters, 3, self.kernel_initializer, "conv1")
        self.conv1.build(up_shape)
        hidden_shape = up_shape[:-1] + (self.filters,)
        self.bn2 = self._batch_norm("bn2")
        self.bn2.build(bn_shape(hidden_shape))
        self.conv2 = self._conv(self.filters, 3, self.kernel_initializer, "conv2")
        self.conv2.build(hidden_shape)
        self.learnable_shortcut = in_channels != self.filters or self.upsample
        if self.learnable_shortcut:
            self.shortcut = self._conv(self.filters, 1, self.shortcut_initializer, "shortcut")
            self.shortcut.build(up_shape)
        else:
            self.shortcut = None

    def _upsampled_shape(self, x_shape):
        if not self.upsample:
            return tuple(x_shape)
        n, h, w, c = x_shape
        return (n, None if h is None else 2 * h, None if w is None else 2 * w, c)

    def call(self, inputs, training=None):
        if self.conditional:
            x, labels = inputs
        else:
            x, labels = inputs, None

        def bn(layer, h):
            if self.conditional:
                return layer([h, labels], training=training)
            return layer(h, training=training)

        def conv(layer, h):
            return layer(h, training=training) if self.spectral_norm else layer(h)

        h = ops.relu(bn(self.bn1, x))
        if self.upsample:
            h = _upsample(h, self.upsampling)
        h = conv(self.conv1, h)
        h = ops.relu(bn(self.bn2, h))
        h = conv(self.conv2, h)
        if self.learnable_shortcut:
            s = _upsample(x, self.upsampling) if self.upsample else x
            s = conv(self.shortcut, s)
        else:
            s = x
        return h + s

    def compute_output_shape(self, input_shape):
        x_shape = tuple(input_shape[0]) if self.conditional else tuple(input_shape)
        return self._upsampled_shape(x_shape)[:-1] + (self.filters,)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "filters": self.filters,
                "num_classes": self.num_classes,
                "upsample": self.upsample,
                "momentum": self.momentum,
                "epsilon": self.epsilon,
                "kernel_initializer": keras.initializers.serialize(self.kernel_initializer),
                "shortcut_initializer": keras.initializers.serialize(self.shortcut_initializer),
                "spectral_norm": self.spectral_norm,
                "linear_conditioning": self.linear_conditioning,
                "conditioning_spectral_norm": self.conditioning_spectral_norm,
                "upsampling": self.upsampling,
                "sn_inference": self.sn_inference,
            }
        )
        return config
