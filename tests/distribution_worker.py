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
- `model-parallel`: JAX, `keras.distribution.ModelParallel` on a (1, 2) ("batch", "model") mesh,
  the weights laid out by `kerasgan.core.KernelParallel` (every kernel with an even last axis split
  in two).
- `multi-worker`: TensorFlow, `tf.distribute.MultiWorkerMirroredStrategy` over two worker processes
  of one CPU device each (TF_CONFIG with two 127.0.0.1 addresses). Each worker feeds the whole data
  set, as with MirroredStrategy, and tf.distribute gives worker w slice w of every global batch; the
  one-device run (on worker 0) is reordered as for `mirrored`.
- `multi-process`: JAX, two processes of one CPU device each, joined by `keras.distribution.initialize`
  (`jax.distributed` with a 127.0.0.1 coordinator, gloo collectives), `DataParallel` over both. Each
  process feeds its half of every global batch, as each host of a cluster feeds its own; process 0
  then trains the one-device run on the whole batches and prints the comparison.

Extra cases: `progan_group1`, the ProGAN case with minibatch-stddev groups of one image;
`dcgan_ada`, DCGAN with DiffAugment's adaptive probability adjusted after every D step.
"""

import contextlib
import json
import os
import sys
import time

DEVICES = 2
# A child of `multi-process` / `multi-worker`: "process:ID:PORTS" / "worker:ID:PORTS".
MODE, _, PROCESS = sys.argv[1].partition(":")
TF_MODES = ("mirrored", "multi-worker", "worker")
os.environ["KERAS_BACKEND"] = "tensorflow" if MODE in TF_MODES else "jax"
LOCAL_DEVICES = 1 if MODE in ("process", "worker") else DEVICES
DEVICE_FLAG = f"--xla_force_host_platform_device_count={LOCAL_DEVICES}"
os.environ["XLA_FLAGS"] = f"{os.environ.get('XLA_FLAGS', '')} {DEVICE_FLAG}".strip()
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import keras  # noqa: E402
import numpy as np  # noqa: E402

if MODE in TF_MODES:
    import tensorflow as tf
if MODE == "mirrored":
    cpus = tf.config.list_physical_devices("CPU")
    tf.config.set_logical_device_configuration(cpus[0], [tf.config.LogicalDeviceConfiguration()] * DEVICES)

keras.config.disable_traceback_filtering()  # whole tracebacks in the test's failure message
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


def dcgan_ada():
    from kerasgan.augment import DiffAugment
    from kerasgan.models import DCGAN

    augment = DiffAugment(adaptive=True, adjust_every=1, adjust_images=1000, seed=7)
    gan = DCGAN(image_shape=(28, 28, 1), latent_dim=8, base_filters=4, augment=augment, seed=1)
    gan.compile()
    return gan, gan_cases.dcgan()[1]


CASES = {**gan_cases.CASES, "progan_group1": progan_group1, "dcgan_ada": dcgan_ada}


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


def process_half(n, batch, process, processes=DEVICES):
    """Index of the examples process `process` feeds: its slice of every global batch."""
    order = []
    for start in range(0, n, batch):
        size = min(batch, n - start) // processes
        order += range(start + process * size, start + (process + 1) * size)
    return np.array(order)


def train(name, scope, sync, reorder, process=None):
    keras.utils.set_random_seed(0)
    with scope(name):
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
    if process is not None:
        data = tuple(d[process_half(len(data[0]), batch, process)] for d in data)
        batch //= DEVICES
    history = gan.fit(*data, batch_size=batch, epochs=1, verbose=0, shuffle=False).history
    # A variable replicated over two processes is not addressable as a whole from one: read the
    # local copy.
    weights = [np.asarray(v.value.addressable_data(0)) if process is not None else keras.ops.convert_to_numpy(v.value)
               for v in gan.weights]
    if getattr(gan, "augment", None) is not None and gan.augment.adaptive:
        history["ada_probability"] = [float(keras.ops.convert_to_numpy(gan.augment.probability))]
    sharded = sum(getattr(v.value, "sharding", None) is not None and not v.value.sharding.is_fully_replicated
                  for v in gan.weights)
    keras.backend.clear_session()
    return weights, {k: v[-1] for k, v in history.items()}, sharded


def scopes():
    """`(one device's scope, two devices' scope, reorder the one-device batches?)`."""
    def single(name):
        keras.distribution.set_distribution(None)
        return contextlib.nullcontext()

    devices = keras.distribution.list_devices("cpu")[:DEVICES]
    if MODE == "data-parallel":
        def distributed(name):
            keras.distribution.set_distribution(keras.distribution.DataParallel(devices=devices))
            return contextlib.nullcontext()

        return single, distributed, False
    if MODE == "model-parallel":
        from kerasgan.core import KernelParallel

        def distributed(name):
            mesh = keras.distribution.DeviceMesh((1, DEVICES), ("batch", "model"), devices)
            keras.distribution.set_distribution(KernelParallel(mesh))
            return contextlib.nullcontext()

        return single, distributed, False
    # One strategy for every case: a second strategy's collective ops in the same process can
    # pair up with the first's instance keys.
    strategy = tf.distribute.MirroredStrategy([f"/cpu:{i}" for i in range(DEVICES)])
    return (lambda name: tf.distribute.get_strategy().scope()), (lambda name: strategy.scope()), True


def compare(case, one, many, seconds):
    (one, one_logs, _), (many, many_logs, sharded) = one, many
    diffs = [float(np.max(np.abs(a - b))) if a.size else 0.0 for a, b in zip(one, many, strict=True)]
    log_diff = max(abs(one_logs[k] - many_logs[k]) for k in one_logs)
    print(json.dumps({"case": case, "max_weight_diff": max(diffs), "max_log_diff": log_diff, "seconds": seconds,
                      "sharded_weights": sharded, "weights": len(one), "logs": one_logs,
                      "distributed_logs": many_logs}), flush=True)


def launch_processes(child):
    """`multi-process` / `multi-worker`: start the two processes; process 0's comparison lines are
    this run's."""
    import socket
    import subprocess

    sockets = [socket.socket() for _ in range(DEVICES)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = ",".join(str(s.getsockname()[1]) for s in sockets)
    for s in sockets:
        s.close()
    children = [subprocess.Popen([sys.executable, __file__, f"{child}:{i}:{ports}", *sys.argv[2:]],
                                 stdout=subprocess.PIPE if i == 0 else subprocess.DEVNULL, text=True)
                for i in range(DEVICES)]
    out, _ = children[0].communicate(timeout=600)
    codes = [children[0].returncode] + [c.wait(timeout=120) for c in children[1:]]
    sys.stdout.write(out)
    if any(codes):
        sys.exit(f"process exit codes {codes}")


def process_main():
    import jax

    process, ports = PROCESS.split(":")
    process = int(process)
    jax.config.update("jax_cpu_collectives_implementation", "gloo")
    keras.distribution.initialize(f"127.0.0.1:{ports.split(',')[0]}", num_processes=DEVICES, process_id=process)
    # Each process feeds its own half already (numpy data cannot be auto-sharded).
    distribution = keras.distribution.DataParallel(devices=keras.distribution.list_devices("cpu"),
                                                   auto_shard_dataset=False)
    for case in sys.argv[2:]:
        start = time.perf_counter()
        keras.distribution.set_distribution(distribution)
        many = train(case, lambda name: contextlib.nullcontext(), True, False, process=process)
        keras.distribution.set_distribution(None)
        if process == 0:
            one = train(case, lambda name: contextlib.nullcontext(), True, False)
            compare(case, one, many, round(time.perf_counter() - start, 1))


def worker_main():
    worker, ports = PROCESS.split(":")
    worker = int(worker)
    os.environ["TF_CONFIG"] = json.dumps({"cluster": {"worker": [f"127.0.0.1:{p}" for p in ports.split(",")]},
                                          "task": {"type": "worker", "index": worker}})
    strategy = tf.distribute.MultiWorkerMirroredStrategy()
    for case in sys.argv[2:]:
        start = time.perf_counter()
        many = train(case, lambda name: strategy.scope(), True, False)
        if worker == 0:
            one = train(case, lambda name: tf.distribute.get_strategy().scope(), True, True)
            compare(case, one, many, round(time.perf_counter() - start, 1))
    # A worker that leaves while the other still runs is reported as crashed: meet before leaving.
    strategy.run(tf.function(lambda: tf.distribute.get_replica_context().all_reduce("SUM", 1.0)))


def main():
    if MODE in ("multi-process", "multi-worker"):
        return launch_processes("process" if MODE == "multi-process" else "worker")
    if MODE == "process":
        return process_main()
    if MODE == "worker":
        return worker_main()
    single, distributed, reorder = scopes()
    for case in sys.argv[2:]:
        name, _, option = case.partition(":")
        sync = option != "local-bn"
        start = time.perf_counter()
        one = train(name, single, sync, reorder)
        many = train(name, distributed, sync, False)
        compare(case, one, many, round(time.perf_counter() - start, 1))
    if MODE not in TF_MODES:
        keras.distribution.set_distribution(None)


if __name__ == "__main__":
    main()
