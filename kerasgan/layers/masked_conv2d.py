import keras
import numpy as np
from keras import ops

from kerasgan.layers._conv_arguments import pair

MASK_TYPES = ("A", "B")


def pixelcnn_mask(kernel_size, in_channels, out_channels, mask_type, color_channels=1):
    """The PixelCNN kernel mask, shape `(kh, kw, in_channels, out_channels)`.

    Rows above the centre and the centre row left of the centre are visible. At the centre,
    channels are split into `color_channels` contiguous groups (R, G, B): an output of group g sees
    inputs of groups < g (type "A", the first layer: a pixel never sees itself) or <= g (type "B").
    """
    kh, kw = pair(kernel_size, "kernel_size")
    if mask_type not in MASK_TYPES:
        raise ValueError(f"`mask_type` must be one of {MASK_TYPES}; received {mask_type!r}.")
    if kh % 2 == 0 or kw % 2 == 0:
        raise ValueError(f"PixelCNN masks need odd kernel sizes; received kernel_size={(kh, kw)}.")
    for name, channels in (("in_channels", in_channels), ("out_channels", out_channels)):
        if channels % color_channels:
            raise ValueError(
                f"`{name}`={channels} must be a multiple of color_channels={color_channels} (one group per colour)."
            )
    mask = np.zeros((kh, kw, in_channels, out_channels), "float32")
    ch, cw = kh // 2, kw // 2
    mask[:ch] = 1.0
    mask[ch, :cw] = 1.0
    group_in = np.arange(in_channels) * color_channels // in_channels
    group_out = np.arange(out_channels) * color_channels // out_channels
    visible = group_in[:, None] < group_out[None, :] if mask_type == "A" else group_in[:, None] <= group_out[None, :]
    mask[ch, cw] = visible.astype("float32")
    return mask


@keras.saving.register_keras_serializable(package="kerasgan")
class MaskedConv2D(keras.layers.Layer):
    """The masked convolution of PixelCNN (channels last, stride 1, "same" padding).

    Convolves with `kernel * mask` computed on the fly (the trainable kernel is never written,
    so it is safe on every backend), where the mask of `pixelcnn_mask` hides the pixels after the
    current one in raster order: type "A" (the first layer) also hides the current pixel, type "B"
    (every later layer) shows it. With `color_channels = 3` the centre is also masked by colour
    group, so R sees nothing of the current pixel, G sees R and B sees R and G.

    Reference: van den Oord, Kalchbrenner & Kavukcuoglu, "Pixel Recurrent Neural Networks",
    ICML 2016, section 3.4 (masked convolution) and Figure 2.

    Args:
        filters: output channels (a multiple of `color_channels`).
        kernel_size: odd int or pair of odd ints.
        mask_type: "A" or "B".
        color_channels: the image's channels (1 grayscale, 3 RGB).
        use_bias: whether to add a bias.
        kernel_initializer, bias_initializer: initializers.

    Example:

    >>> import numpy as np
    >>> from kerasgan.layers import MaskedConv2D
    >>> layer = MaskedConv2D(8, 7, mask_type="A")
    >>> tuple(layer(np.zeros((2, 28, 28, 1), "float32")).shape)
    (2, 28, 28, 8)
    """

    def __init__(self, filters, kernel_size, mask_type="B", color_channels=1, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros", **kwargs):
        super().__init__(**kwargs)
        if isinstance(filters, bool) or not isinstance(filters, int) or filters < 1:
            raise ValueError(f"`filters` must be a positive integer; received filters={filters!r}.")
        if mask_type not in MASK_TYPES:
            raise ValueError(f"`mask_type` must be one of {MASK_TYPES}; received {mask_type!r}.")
        if isinstance(color_channels, bool) or not isinstance(color_channels, int) or color_channels < 1:
            raise ValueError(f"`color_channels` must be a positive integer; received {color_channels!r}.")
        self.filters = filters
        self.kernel_size = pair(kernel_size, "kernel_size")
        self.mask_type = mask_type
        self.color_channels = color_channels
        self.use_bias = bool(use_bias)
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        self.bias_initializer = keras.initializers.get(bias_initializer)

    def build(self, input_shape):
        channels = input_shape[-1]
        mask = pixelcnn_mask(self.kernel_size, channels, self.filters, self.mask_type, self.color_channels)
        self.mask = ops.convert_to_tensor(mask)
        self.kernel = self.add_weight(shape=mask.shape, initializer=self.kernel_initializer, name="kernel")
        self.bias = None
        if self.use_bias:
            self.bias = self.add_weight(shape=(self.filters,), initializer=self.bias_initializer, name="bias")

    def call(self, inputs):
        kernel = ops.cast(self.kernel * ops.cast(self.mask, self.kernel.dtype), inputs.dtype)
        out = ops.conv(inputs, kernel, strides=1, padding="same")
        if self.bias is not None:
            out = out + ops.cast(self.bias, out.dtype)
        return out

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.filters)

    def get_config(self):
        return {
            **super().get_config(),
            "filters": self.filters,
            "kernel_size": self.kernel_size,
            "mask_type": self.mask_type,
            "color_channels": self.color_channels,
            "use_bias": self.use_bias,
            "kernel_initializer": keras.initializers.serialize(self.kernel_initializer),
            "bias_initializer": keras.initializers.serialize(self.bias_initializer),
        }
