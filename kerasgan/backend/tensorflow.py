"""TensorFlow primitives of the GAN core (see `kerasgan.backend`)."""

import contextlib

import tensorflow as tf
from keras import ops


def train_step(model, data, step_fn):
    return step_fn(data)


def compute_gradients(loss_fn, variables):
    with tf.GradientTape(watch_accessed_variables=False) as tape:
        for v in variables:
            tape.watch(v.value)
        loss, aux = loss_fn()
    grads = tape.gradient(loss, [v.value for v in variables])
    grads = [ops.zeros_like(v) if g is None else g for g, v in zip(grads, variables, strict=True)]
    return loss, aux, grads


def apply_gradients(optimizer, grads, variables):
    optimizer.apply(grads, variables)


def input_gradient(fn, x):
    x = tf.convert_to_tensor(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = fn(x)
        total = tf.reduce_sum(y)
    return y, tape.gradient(total, x, unconnected_gradients=tf.UnconnectedGradients.ZERO)


def fit_guard(model):
    return contextlib.nullcontext()


def no_grad():
    # Variables outside the differentiated list are not recorded here: nothing to switch off.
    return contextlib.nullcontext()


def predict(model, inputs):
    # Eager: TensorFlow's compiled predict step relaxes the input shape after a second batch size,
    # and the relaxed graph may differ from the first in the last bits.
    return ops.convert_to_numpy(model(inputs, training=False))
