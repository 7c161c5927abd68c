"""Training throughput on 1, 2, 4... devices with the backend's own distribution engine: JAX
`keras.distribution.DataParallel`, TensorFlow `tf.distribute.MirroredStrategy` (torch has none in
Keras). Weak scaling: each device gets `--per-device-batch` images per D step, so the global batch
of one GAN iteration is `n_critic × per-device batch × devices`.

    KERAS_BACKEND=jax PYTHONPATH=. .venv/bin/python benchmarks/distribution_scaling.py
    KERAS_BACKEND=tensorflow PYTHONPATH=. .venv/bin/python benchmarks/distribution_scaling.py --devices 1,2 --steps 5
    KERAS_BACKEND=jax PYTHONPATH=. .venv/bin/python benchmarks/distribution_scaling.py \
        --preset sngan_cifar10 --policy mixed_bfloat16

Each device count runs in a fresh process (device counts are fixed when a framework starts). With
GPUs visible it uses the first N GPUs; without, N *fake* CPU devices (XLA's
`--xla_force_host_platform_device_count`, TensorFlow's logical CPU devices) that share this
machine's cores: there the numbers show the engine's overhead, not a speed-up. Prints one JSON
line per device count: `images_per_s` (real images consumed by D per second over the timed
steps), `images_per_s_per_device`, `ms_per_step` and `first_step_s` (tracing and compiling).
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time


def child(args):
    backend = os.environ.get("KERAS_BACKEND", "tensorflow")
    devices = args.child
    if backend == "jax":
        os.environ["XLA_FLAGS"] = f"{os.environ.get('XLA_FLAGS', '')} --xla_force_host_platform_device_count={devices}"
    import keras
    import numpy as np

    import kerasgan

    if args.policy:
        keras.mixed_precision.set_global_policy(args.policy)
    if backend == "jax":
        import jax

        kind = "gpu" if jax.devices()[0].platform == "gpu" else "cpu"
        found = keras.distribution.list_devices(kind)
        if len(found) < devices:
            raise SystemExit(f"asked for {devices} devices; JAX sees {len(found)} {kind} devices")
        if devices > 1:
            keras.distribution.set_distribution(keras.distribution.DataParallel(devices=found[:devices]))
        scope = None
    elif backend == "tensorflow":
        import tensorflow as tf

        gpus = tf.config.list_physical_devices("GPU")
        if gpus:
            kind, names = "gpu", [f"/gpu:{i}" for i in range(len(gpus))]
        else:
            cpu = tf.config.list_physical_devices("CPU")[0]
            tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * devices)
            kind, names = "cpu", [f"/cpu:{i}" for i in range(devices)]
        if len(names) < devices:
            raise SystemExit(f"asked for {devices} devices; TensorFlow sees {len(names)} {kind} devices")
        scope = tf.distribute.MirroredStrategy(names[:devices]) if devices > 1 else None
    else:
        raise SystemExit(f"Keras has no distribution API for the {backend} backend: use jax or tensorflow")

    def build():
        gan = kerasgan.zoo.load(args.preset, weights=False)
        gan.compile()
        return gan

    if scope is not None:
        with scope.scope():
            gan = build()
    else:
        gan = build()
    batch = gan.iteration_batch_size(args.per_device_batch * devices)
    rng = np.random.default_rng(0)
    n = batch * (args.warmup + args.steps)
    x = rng.uniform(-1, 1, (n, *gan.image_shape)).astype("float32")
    data = (x, rng.integers(0, gan.num_classes, n).astype("int32")) if gan.num_classes else (x,)
    ends = []
    clock = keras.callbacks.LambdaCallback(on_train_batch_end=lambda batch, logs: ends.append(time.perf_counter()))
    start = time.perf_counter()
    gan.fit(*data, batch_size=batch, epochs=1, verbose=0, shuffle=False, callbacks=[clock])
    timed = ends[args.warmup - 1 :]
    seconds = timed[-1] - timed[0]
    steps = len(timed) - 1
    images = steps * batch / seconds
    print(json.dumps({
        "backend": backend,
        "preset": args.preset,
        "policy": args.policy or "float32",
        "device_kind": kind,
        "devices": devices,
        "global_batch": batch,
        "first_step_s": round(ends[0] - start, 2),
        "ms_per_step": round(1000 * seconds / steps, 1),
        "images_per_s": round(images, 1),
        "images_per_s_per_device": round(images / devices, 1),
        "timed_steps": steps,
    }), flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--preset", default="dcgan_mnist", help="zoo preset whose architecture trains (fresh weights)")
    parser.add_argument("--devices", default="1,2,4", help="comma-separated device counts")
    parser.add_argument("--per-device-batch", type=int, default=32, help="images per device per D step")
    parser.add_argument("--steps", type=int, default=10, help="timed steps")
    parser.add_argument("--warmup", type=int, default=2, help="untimed steps first (compilation); at least 1")
    parser.add_argument("--policy", default="", help="Keras dtype policy, e.g. mixed_float16 (default float32)")
    parser.add_argument("--child", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.warmup < 1 or args.steps < 1:
        parser.error(f"--warmup and --steps must be >= 1; received {args.warmup} and {args.steps}")
    if args.child:
        return child(args)
    print(json.dumps({"machine": f"{platform.machine()}, {os.cpu_count()} CPU cores"}), flush=True)
    for count in (int(c) for c in args.devices.split(",")):
        forwarded = [a for a in (argv if argv is not None else sys.argv[1:]) if not a.startswith("--child")]
        result = subprocess.run([sys.executable, os.path.abspath(__file__), *forwarded, "--child", str(count)],
                                capture_output=True, text=True)
        lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
        if result.returncode or not lines:
            print(json.dumps({"devices": count, "error": (result.stderr or result.stdout).strip()[-800:]}), flush=True)
        else:
            print(lines[-1], flush=True)


if __name__ == "__main__":
    main()
