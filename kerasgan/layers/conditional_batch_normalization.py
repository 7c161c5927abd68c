import keras
from keras import ops

from kerasgan.layers._batch_statistics import add_moving_statistics
from kerasgan.layers._batch_statistics import check_momentum_epsilon
from kerasgan.layers._batch_statistics import normalize


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
        self.num_classes = num_classes
        self.momentum, self.epsilon = check_momentum_epsilon(momentum, epsilon)
        # As keras.layers.BatchNormalization's: `GAN(sync_batch_norm=True)` sets it while a
        # tf.distribute step is traced, for statistics over every replica's examples.
        self.synchronized = False

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
        add_moving_statistics(self, channels)

    def call(self, inputs, training=None):
        x, labels = inputs
        rank = len(x.shape)
        x_hat, compute_dtype = normalize(self, x, training)
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
