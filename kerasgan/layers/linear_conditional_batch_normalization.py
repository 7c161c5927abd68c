import keras
from keras import ops

from kerasgan.layers._batch_statistics import add_moving_statistics
from kerasgan.layers._batch_statistics import check_momentum_epsilon
from kerasgan.layers._batch_statistics import normalize
from kerasgan.layers._spectral_norm_layer import inference_mode
from kerasgan.layers.sn_dense import SNDense


@keras.saving.register_keras_serializable(package="kerasgan")
class LinearConditionalBatchNormalization(keras.layers.Layer):
    """Batch normalization whose gain and bias are linear functions of a conditioning vector.

    BigGAN's `ccbn` (ajbrock/BigGAN-PyTorch `layers.ccbn`): `x_hat` is `x` normalized over every
    axis but the last (batch statistics in training, moving statistics in inference, no affine
    parameters of its own), and

        out = x_hat * (1 + c W_gain) + c W_bias

    with `W_gain`, `W_bias` of shape `(condition_dim, channels)` and no biases. With
    `spectral_norm` they are `SNDense` (BigGAN's shared-embedding setting, `c` = the shared class
    embedding concatenated with a latent chunk); without, plain linear maps of a one-hot `c` are
    the reference's per-class `nn.Embedding` gain and bias (its CIFAR setting).

    Reference: Brock, Donahue & Simonyan, "Large Scale GAN Training for High Fidelity Natural Image
    Synthesis", ICLR 2019.

    Args:
        spectral_norm: spectrally normalize the two linear maps.
        sn_inference: the spectral norm outside training, `"power_iteration"` or `"stored"`
            (see `SNConv2D`).
        momentum: moving-statistics momentum (0.9, PyTorch's 0.1).
        epsilon: variance epsilon (1e-5, the reference's `BN_eps`).
        kernel_initializer: of the two linear maps (BigGAN: orthogonal).
        sn_epsilon: the spectral norm's epsilon.

    Call arguments:
        inputs: `[x, c]`, `c` of shape `(N, condition_dim)`.

    Example:

    >>> import numpy as np
    >>> from kerasgan.layers import LinearConditionalBatchNormalization
    >>> bn = LinearConditionalBatchNormalization()
    >>> x, c = np.ones((2, 4, 4, 8), "float32"), np.ones((2, 20), "float32")
    >>> tuple(bn([x, c], training=True).shape)
    (2, 4, 4, 8)
    """

    def __init__(self, spectral_norm=True, momentum=0.9, epsilon=1e-5, kernel_initializer="orthogonal",
                 sn_epsilon=1e-12, sn_inference="power_iteration", **kwargs):
        super().__init__(**kwargs)
        if not isinstance(spectral_norm, bool):
            raise ValueError(f"`spectral_norm` must be a bool. Received: spectral_norm={spectral_norm!r}")
        self.spectral_norm = spectral_norm
        self.sn_inference = inference_mode(sn_inference, "sn_inference")
        self.momentum, self.epsilon = check_momentum_epsilon(momentum, epsilon)
        # As keras.layers.BatchNormalization's: `GAN(sync_batch_norm=True)` sets it while a
        # tf.distribute step is traced, for statistics over every replica's examples.
        self.synchronized = False
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        self.sn_epsilon = float(sn_epsilon)

    def build(self, input_shape):
        if not isinstance(input_shape, (list, tuple)) or len(input_shape) != 2:
            raise ValueError(
                f"LinearConditionalBatchNormalization expects inputs `[x, c]`. Received input_shape={input_shape}"
            )
        x_shape, c_shape = tuple(input_shape[0]), tuple(input_shape[1])
        if x_shape[-1] is None or len(c_shape) != 2 or c_shape[-1] is None:
            raise ValueError(
                "LinearConditionalBatchNormalization expects x with a known channel count and c of shape "
                f"(N, condition_dim); received x {x_shape}, c {c_shape}."
            )
        channels = x_shape[-1]
        self.gain = self._linear(channels, "gain")
        self.bias = self._linear(channels, "bias")
        for layer in (self.gain, self.bias):
            layer.build(c_shape)
        add_moving_statistics(self, channels)

    def _linear(self, units, name):
        if self.spectral_norm:
            return SNDense(units, use_bias=False, kernel_initializer=self.kernel_initializer, epsilon=self.sn_epsilon,
                           inference=self.sn_inference, dtype=self.dtype_policy, name=name)
        return keras.layers.Dense(units, use_bias=False, kernel_initializer=self.kernel_initializer,
                                  dtype=self.dtype_policy, name=name)

    def call(self, inputs, training=None):
        x, c = inputs
        rank = len(x.shape)
        x_hat, compute_dtype = normalize(self, x, training)
        linear_kwargs = {"training": training} if self.spectral_norm else {}
        shape = (-1,) + (1,) * (rank - 2) + (x.shape[-1],)
        gain = ops.reshape(ops.cast(self.gain(c, **linear_kwargs), compute_dtype), shape)
        bias = ops.reshape(ops.cast(self.bias(c, **linear_kwargs), compute_dtype), shape)
        return ops.cast(x_hat * (1.0 + gain) + bias, self.compute_dtype)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[0])

    def get_config(self):
        return {
            **super().get_config(),
            "spectral_norm": self.spectral_norm,
            "sn_inference": self.sn_inference,
            "momentum": self.momentum,
            "epsilon": self.epsilon,
            "kernel_initializer": keras.initializers.serialize(self.kernel_initializer),
            "sn_epsilon": self.sn_epsilon,
        }
