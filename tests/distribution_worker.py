"""Train the shared model cases on several devices and on one, in a fresh process (device counts
are fixed when a framework starts): `python distribution_worker.py MODE CASE...` prints one JSON
line per case, `{"case", "max_weight_diff", "max_log_diff", ...}`.

MODE `mirrored`: TensorFlow, `tf.distribute.MirroredStrategy` over 2 logical CPU devices, with
`sync_batch_norm` on (`mirrored-local-bn`: off) against one device. Each global batch is fed to
the one-device run reordered as the replicas see it: with `n_critic` > 1 replica r's D step i
takes chunk i of its own slice of the global batch, so D step i trains on chunk i of every
slice (the same images per iteration, in another order than one device's chunks).
"""

import json
import os
import sys

DEVICES = 2
MODE = sys.argv[1]
os.environ["KERAS_BACKEND"] = "tensorflow"
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

cpus = tf.config.list_physical_devices("CPU")
tf.config.set_logical_device_configuration(cpus[0], [tf.config.LogicalDeviceConfiguration()] * DEVICES)

import gan_cases  # noqa: E402

BATCH = gan_cases.BATCH


def replica_order(n, batch, replicas, n_critic):
    """Index order that puts, in each global batch, D step i's images (chunk i of each replica's
    slice) where one device's D step i takes them (its chunk i)."""
    order = []
    for start in range(0, n, batch):
        size = min(batch, n - start)
        slice_size, chunk = size // replicas, size // replicas // n_critic
        order += [start + r * slice_size + i * chunk + j
                  for i in range(n_critic) for r in range(replicas) for j in range(chunk)]
    return np.array(order)


def train(name, strategy, sync, reorder):
    keras.utils.set_random_seed(0)
    with strategy.scope():
        gan, data = gan_cases.CASES[name]()
        # SGD: Adam turns float noise in the gradient of a bias that a BatchNorm cancels (zero in
        # exact arithmetic) into steps of the learning rate's size.
        gan.compile(
            g_optimizer=keras.optimizers.SGD(0.05),
            d_optimizer=keras.optimizers.SGD(0.05),
            auxiliary_optimizers={net: keras.optimizers.SGD(0.05) for net in gan.auxiliary_networks},
        )
    gan.sync_batch_norm = sync
    batch = gan.iteration_batch_size(BATCH)
    if reorder:
        order = replica_order(len(data[0]), batch, DEVICES, gan.n_critic)
        data = tuple(d[order] for d in data)
    history = gan.fit(*data, batch_size=batch, epochs=1, verbose=0, shuffle=False).history
    weights = [v.numpy() for v in gan.weights]
    if os.environ.get("DEBUG_WORKER"):
        print([(i, v.path) for i, v in enumerate(gan.weights)])
    keras.backend.clear_session()
    return weights, {k: v[-1] for k, v in history.items()}


def main():
    sync = MODE == "mirrored"
    # One strategy for every case: collective ops of a second strategy in the same process
    # can pair up with the first's instance keys.
    strategy = tf.distribute.MirroredStrategy([f"/cpu:{i}" for i in range(DEVICES)])
    for name in sys.argv[2:]:
        one, one_logs = train(name, tf.distribute.get_strategy(), sync, reorder=True)
        many, many_logs = train(name, strategy, sync, reorder=False)
        diffs = [float(np.max(np.abs(a - b))) if a.size else 0.0 for a, b in zip(one, many, strict=True)]
        diff = max(diffs)
        if os.environ.get("DEBUG_WORKER"):
            print(sorted(zip(diffs, range(len(diffs))))[-4:])
        log_diff = max(abs(one_logs[k] - many_logs[k]) for k in one_logs)
        print(json.dumps({"case": name, "max_weight_diff": diff, "max_log_diff": log_diff,
                          "logs": one_logs, "distributed_logs": many_logs}), flush=True)


if __name__ == "__main__":
    main()
