import keras
from keras import ops

from kerasgan.layers._sn_convolution import SNConvolution


@keras.saving.register_keras_serializable(package="kerasgan")
class SNConv2DTranspose(SNConvolution):
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

    transposed = True

    def kernel_shape(self, in_channels):
        return self.kernel_size + (self.filters, in_channels)

    def matrix(self):
        return ops.reshape(ops.transpose(self.kernel, (2, 0, 1, 3)), (self.filters, -1))

    def output_size(self, size, kernel, strides):
        if self.padding == "same":
            return size * strides
        return size * strides + max(kernel - strides, 0)
