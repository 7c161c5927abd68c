"""TensorFlow primitives of the GAN core (see `kerasgan.backend`)."""

import contextlib

import tensorflow as tf
from keras import ops


def train_step(model, data, step_fn):
    if getattr(model, "sync_batch_norm", False) and replica()[0] > 1:
        with _synchronized_batch_norm(model):
            logs = step_fn(data)
    else:
        logs = step_fn(data)
    if _multi_worker(tf.distribute.get_strategy()):
        # Keras's fit reduces a multi-worker step's logs with `strategy.reduce(MEAN, axis=0)`,
        # which fails on scalars (tensorflow/tensorflow#72388): give each a batch axis of one.
        logs = {name: tf.reshape(value, (1,)) for name, value in logs.items()}
    return logs


def _multi_worker(strategy):
    resolver = getattr(strategy, "cluster_resolver", None)
    if not isinstance(strategy, tf.distribute.MultiWorkerMirroredStrategy) or resolver is None:
        return False
    spec = resolver.cluster_spec()
    return sum(spec.num_tasks(job) for job in spec.jobs) > 1


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
        total = tf.reduce_sum(y[0] if isinstance(y, tuple) else y)
    return y, tape.gradient(total, x, unconnected_gradients=tf.UnconnectedGradients.ZERO)


def fit_guard(model):
    if not _multi_worker(model.distribute_strategy):
        return contextlib.nullcontext()
    return _no_symbolic_build(model)


@contextlib.contextmanager
def _no_symbolic_build(model):
    # Keras's fit reduces the first batch over the workers to build the model symbolically; under
    # MultiWorkerMirroredStrategy that reduce fails on an (images, labels) batch. A GAN is built
    # when constructed and compiled: there is nothing to build.
    unbuilt = [layer.name for layer in model._flatten_layers() if not layer.built]
    if unbuilt:
        raise ValueError(f"Under MultiWorkerMirroredStrategy the GAN must be fully built before fit; unbuilt "
                         f"layers: {unbuilt}")
    model._maybe_symbolic_build = lambda iterator=None, data_batch=None: None
    try:
        yield
    finally:
        del model._maybe_symbolic_build


def no_grad():
    # Variables outside the differentiated list are not recorded here: nothing to switch off.
    return contextlib.nullcontext()


def predict(model, inputs):
    # Eager: TensorFlow's compiled predict step relaxes the input shape after a second batch size,
    # and the relaxed graph may differ from the first in the last bits.
    return ops.convert_to_numpy(model(inputs, training=False))


def _replica_context():
    """The replica context of a `tf.distribute` step with more than one replica, else None."""
    context = tf.distribute.get_replica_context()
    return None if context is None or context.num_replicas_in_sync == 1 else context


def replica():
    """`(replicas in sync, this replica's index)` inside a `tf.distribute` step, else `(1, 0)`."""
    context = _replica_context()
    return (1, 0) if context is None else (context.num_replicas_in_sync, context.replica_id_in_sync_group)


def replica_sum(x):
    """`x` summed over the replicas inside a `tf.distribute` step, else `x`."""
    context = _replica_context()
    return x if context is None else context.all_reduce("SUM", x)
