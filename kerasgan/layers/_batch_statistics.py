"""The normalization shared by the conditional batch-norm layers (no affine parameters)."""

import keras
from keras import ops


def check_momentum_epsilon(momentum, epsilon):
    if not 0.0 <= momentum < 1.0:
        raise ValueError(f"`momentum` must be in [0, 1). Received: momentum={momentum}")
    if not epsilon > 0:
        raise ValueError(f"`epsilon` must be positive. Received: epsilon={epsilon}")
    return float(momentum), float(epsilon)


def add_moving_statistics(layer, channels):
    layer.moving_mean = layer.add_weight(name="moving_mean", shape=(channels,), initializer="zeros", trainable=False)
    layer.moving_variance = layer.add_weight(name="moving_variance", shape=(channels,), initializer="ones",
                                             trainable=False)


def normalize(layer, x, training):
    """`x` normalized over every axis but the last, in float32 or wider: batch statistics in
    training (updating the layer's moving statistics like `keras.layers.BatchNormalization`),
    moving statistics otherwise. Returns `(x_hat, compute_dtype)`."""
    compute_dtype = keras.backend.result_type(x.dtype, "float32")
    x = ops.cast(x, compute_dtype)
    if training and layer.trainable:
        mean, variance = ops.moments(x, axes=list(range(len(x.shape) - 1)), synchronized=layer.synchronized)
        m = layer.momentum
        layer.moving_mean.assign(ops.cast(layer.moving_mean, compute_dtype) * m + mean * (1.0 - m))
        layer.moving_variance.assign(ops.cast(layer.moving_variance, compute_dtype) * m + variance * (1.0 - m))
    else:
        mean = ops.cast(layer.moving_mean, compute_dtype)
        variance = ops.cast(layer.moving_variance, compute_dtype)
    return ops.batch_normalization(x, mean=mean, variance=variance, axis=-1, epsilon=layer.epsilon), compute_dtype
