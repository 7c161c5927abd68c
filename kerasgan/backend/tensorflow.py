"""TensorFlow primitives of the GAN core (see `kerasgan.backend`)."""

import contextlib

import tensorflow as tf
from keras import ops


def train_step(model, data, step_fn):
    if getattr(model, "sync_batch_norm", False) and replica()[0] > 1:
        with _synchronized_batch_norm(model):
            return step_fn(data)
    return step_fn(data)


@contextlib.contextmanager
def _synchronized_batch_norm(model):
    # Set while the step is traced, then put back: the traced graph keeps cross-replica statistics
    # and the layers' configs (saved with the model, loaded on JAX or torch) stay as built.
    layers = [layer for layer in model._flatten_layers() if getattr(layer, "synchronized", None) is False]
    for layer in layers:
        layer.synchronized = True
    try:
        yield
    finally:
        for layer in layers:
            layer.synchronized = False


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


def replica():
    """`(replicas in sync, this replica's index)` inside a `tf.distribute` step, else `(1, 0)`."""
    context = tf.distribute.get_replica_context()
    if context is None or context.num_replicas_in_sync == 1:
        return 1, 0
    return context.num_replicas_in_sync, context.replica_id_in_sync_group
