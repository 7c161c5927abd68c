"""Train the shared model cases on two devices and on one, in a fresh process (device counts are
fixed when a framework starts): `python distribution_worker.py MODE CASE...` prints one JSON line
per case, `{"case", "max_weight_diff", "max_log_diff", "seconds", ...}`. Both runs train with SGD:
Adam turns float noise in a gradient that is zero in exact arithmetic (a bias that a BatchNorm
cancels) into steps of the learning rate's size.

Modes:
- `mirrored`: TensorFlow, `tf.distribute.MirroredStrategy` over 2 logical CPU devices, with
  `sync_batch_norm` on (a case named `NAME:local-bn`: off). Each global batch is fed to the one-device run
  reordered as the replicas see it: with `n_critic` > 1 replica r's D step i takes chunk i of its
  own slice of the global batch, so D step i trains on chunk i of every slice (the same images
  per iteration as one device, in another order).
- `data-parallel`: JAX, `keras.distribution.DataParallel` over 2 host CPU devices (one program
  over the sharded global batch: no reordering).

Extra case `progan_group1`: the ProGAN case with minibatch-stddev groups of one image.
"""

import json
import os
import sys
import time

DEVICES = 2
MODE = sys.argv[1]
os.environ["KERAS_BACKEND"] = "jax" if MODE == "data-parallel" else "tensorflow"
os.environ["XLA_FLAGS"] = f"{os.environ.get('XLA_FLAGS', '')} --xla_force_host_platform_device_count={DEVICES}".strip()
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import keras  # noqa: E402
import numpy as np  # noqa: E402

if MODE != "data-parallel":
    import tensorflow as tf

    cpus = tf.config.list_physical_devices("CPU")
    tf.config.set_logical_device_configuration(cpus[0], [tf.config.LogicalDeviceConfiguration()] * DEVICES)

import gan_cases  # noqa: E402

BATCH = gan_cases.BATCH


def progan_group1():
    from kerasgan.models import ProGAN
    from kerasgan.models import ProGANDiscriminator
    from kerasgan.models import ProGANSchedule

    d = ProGANDiscriminator((8, 8, 1), fmap_base=32, fmap_max=8, mbstd_group_size=1)
    gan = ProGAN(image_shape=(8, 8, 1), latent_dim=8, fmap_base=32, fmap_max=8, discriminator=d,
                 schedule=ProGANSchedule(8, initial_resolution=8), seed=5)
    gan.compile()
    return gan, gan_cases.progan()[1]


CASES = {**gan_cases.CASES, "progan_group1": progan_group1}


def replica_order(n, batch, replicas, n_critic):
    """Index order that puts, in each global batch, D step i's images (chunk i of each replica's
    slice) where one device's D step i takes them (its chunk i)."""
    order = []
    for start in range(0, n, batch):
        size = min(batch, n - start)
        slice_size, chunk = size // replicas, size // replicas // n_critic
        order += [
            start + r * slice_size + i * chunk + j
            for i in range(n_critic)
            for r in range(replicas)
            for j in range(chunk)
        ]
    return np.array(order)


def train(name, scope, sync, reorder):
    keras.utils.set_random_seed(0)
    with scope():
        gan, data = CASES[name]()
        gan.compile(
            g_optimizer=keras.optimizers.SGD(0.01),
            d_optimizer=keras.optimizers.SGD(0.01),
            auxiliary_optimizers={net: keras.optimizers.SGD(0.01) for net in gan.auxiliary_networks},
        )
    gan.sync_batch_norm = sync
    batch = gan.iteration_batch_size(BATCH)
    if reorder:
        data = tuple(d[replica_order(len(data[0]), batch, DEVICES, gan.n_critic)] for d in data)
    history = gan.fit(*data, batch_size=batch, epochs=1, verbose=0, shuffle=False).history
    weights = [keras.ops.convert_to_numpy(v.value) for v in gan.weights]
    keras.backend.clear_session()
    return weights, {k: v[-1] for k, v in history.items()}


def scopes():
    """`(one device's scope, two devices' scope, reorder the one-device batches?)`."""
    import contextlib

    if MODE == "data-parallel":
        distribution = keras.distribution.DataParallel(devices=keras.distribution.list_devices("cpu")[:DEVICES])

        def distributed():
            keras.distribution.set_distribution(distribution)
            return contextlib.nullcontext()

        def single():
            keras.distribution.set_distribution(None)
            return contextlib.nullcontext()

        return single, distributed, False
    # One strategy for every case: a second strategy's collective ops in the same process can
    # pair up with the first's instance keys.
    strategy = tf.distribute.MirroredStrategy([f"/cpu:{i}" for i in range(DEVICES)])
    return tf.distribute.get_strategy().scope, strategy.scope, True


def main():
    single, distributed, reorder = scopes()
    for case in sys.argv[2:]:
        name, _, option = case.partition(":")
        sync = option != "local-bn"
        start = time.perf_counter()
        one, one_logs = train(name, single, sync, reorder)
        many, many_logs = train(name, distributed, sync, False)
        diffs = [float(np.max(np.abs(a - b))) if a.size else 0.0 for a, b in zip(one, many, strict=True)]
        log_diff = max(abs(one_logs[k] - many_logs[k]) for k in one_logs)
        print(json.dumps({"case": case, "max_weight_diff": max(diffs), "max_log_diff": log_diff,
                          "seconds": round(time.perf_counter() - start, 1), "logs": one_logs,
                          "distributed_logs": many_logs}), flush=True)
    if MODE == "data-parallel":
        keras.distribution.set_distribution(None)


if __name__ == "__main__":
    main()
