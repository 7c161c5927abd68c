import keras
from keras import ops


@keras.saving.register_keras_serializable(package="kerasgan")
class ConditionalBatchNormalization(keras.layers.Layer):
    """Categorical conditional batch normalization (channels_last).

    Normalizes `x` over every axis but the last, with the batch statistics in training and the
    moving statistics in inference, then scales and shifts each example by the `gamma` and `beta`
    rows of its class: `gamma[label] * x_hat + beta[label]`. The tables have shape
    `(num_classes, channels)` and start at ones and zeros. The moving statistics are updated like
    `keras.layers.BatchNormalization`: `moving = moving * momentum + batch * (1 - momentum)`,
    with the biased batch variance.

    Reference:
        de Vries et al., "Modulating early visual processing by language", NeurIPS 2017
        (https://arxiv.org/abs/1707.00683); Miyato & Koyama, "cGANs with Projection
        Discriminator", ICLR 2018 (https://arxiv.org/abs/1802.05637); code:
        pfnet-research/sngan_projection, `CategoricalConditionalBatchNormalization`.

    Args:
        num_classes: positive int, number of classes.
        momentum: float in `[0, 1)`, momentum of the moving statistics.
        epsilon: positive float added to the variance.
        **kwargs: base `keras.layers.Layer` arguments (`name`, `dtype`, ...).

    Call arguments:
        inputs: list `[x, labels]`; `labels` are integer class ids of shape `(N,)` or `(N, 1)`.
        training: bool, whether to use (and update with) the batch statistics.

    Example:

    >>> import numpy as np
    >>> from kerasgan.layers import ConditionalBatchNormalization
    >>> layer = ConditionalBatchNormalization(num_classes=10)
    >>> x = np.random.normal(size=(4, 8, 8, 16)).astype("float32")
    >>> tuple(layer([x, np.array([0, 3, 3, 9])], training=True).shape)
    (4, 8, 8, 16)
    """

    def __init__(self, num_classes, momentum=0.9, epsilon=2e-5, **kwargs):
        super().__init__(**kwargs)
        if isinstance(num_classes, bool) or not isinstance(num_classes, int) or num_classes < 1:
            raise ValueError(
                f"`num_classes` must be a positive integer. Received: num_classes={num_classes}"
            )
        if not 0.0 <= momentum < 1.0:
            raise ValueError(f"`momentum` must be in [0, 1). Received: momentum={momentum}")
        if not epsilon > 0:
            raise ValueError(f"`epsilon` must be positive. Received: epsilon={epsilon}")
        self.num_classes = num_classes
        self.momentum = float(momentum)
        self.epsilon = float(epsilon)

    def build(self, input_shape):
        if not isinstance(input_shape, (list, tuple)) or len(input_shape) != 2:
            raise ValueError(
                "`ConditionalBatchNormalization` expects inputs `[x, labels]`. "
                f"Received input_shape={input_shape}"
            )
        x_shape = input_shape[0]
        channels = x_shape[-1]
        if channels is None:
            raise ValueError(f"The channel dimension of `x` must be known. Received: {x_shape}")
        self.gamma = self.add_weight(
            name="gamma", shape=(self.num_classes, channels), initializer="ones"
        )
        self.beta = self.add_weight(
            name="beta", shape=(self.num_classes, channels), initializer="zeros"
        )
        self.moving_mean = self.add_weight(
            name="moving_mean", shape=(channels,), initializer="zeros", trainable=False
        )
        self.moving_variance = self.add_weight(
            name="moving_variance", shape=(channels,), initializer="ones", trainable=False
        )

    def call(self, inputs, training=None):
        x, labels = inputs
        compute_dtype = keras.backend.result_type(x.dtype, "float32")
        x = ops.cast(x, compute_dtype)
        rank = len(x.shape)
        if training and self.trainable:
            mean, variance = ops.moments(x, axes=list(range(rank - 1)))
            self.moving_mean.assign(
                ops.cast(self.moving_mean, compute_dtype) * self.momentum
                + mean * (1.0 - self.momentum)
            )
            self.moving_variance.assign(
                ops.cast(self.moving_variance, compute_dtype) * self.momentum
                + variance * (1.0 - self.momentum)
            )
        else:
            mean = ops.cast(self.moving_mean, compute_dtype)
            variance = ops.cast(self.moving_variance, compute_dtype)
        x_hat = ops.batch_normalization(
            x, mean=mean, variance=variance, axis=-1, epsilon=self.epsilon
        )
        labels = ops.reshape(ops.cast(labels, "int32"), (-1,))
        broadcast_shape = (-1,) + (1,) * (rank - 2) + (x.shape[-1],)
        gamma = ops.take(ops.cast(self.gamma, compute_dtype), labels, axis=0)
        beta = ops.take(ops.cast(self.beta, compute_dtype), labels, axis=0)
        gamma = ops.reshape(gamma, broadcast_shape)
        beta = ops.reshape(beta, broadcast_shape)
        return ops.cast(gamma * x_hat + beta, self.compute_dtype)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[0])

    def get_config(self):
        config = super().get_config()
        config.update(
            {"num_classes": self.num_classes, "momentum": self.momentum, "epsilon": self.epsilon}
        )
        return config
