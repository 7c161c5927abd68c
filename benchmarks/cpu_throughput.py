"""What a CPU does with kerasgan: training throughput and first-step (compile) cost of the MNIST
presets' architectures, with their recipes' batch sizes, on the backend KERAS_BACKEND picks.

    KERAS_BACKEND=tensorflow PYTHONPATH=. .venv/bin/python benchmarks/cpu_throughput.py
    KERAS_BACKEND=jax PYTHONPATH=. .venv/bin/python benchmarks/cpu_throughput.py --presets dcgan_mnist --steps 20

The last two are the papers' full-width DCGAN 64×64 and SN-GAN ResNet-32 (CIFAR-10); for each
preset: the architecture with fresh weights (`kerasgan.zoo.load(name, weights=False)`),
`compile()` with the paper's defaults, `fit` on random images in [-1, 1] of the preset's shape
(labels for conditional models) with the preset's `fit` batch size. **first step** is the wall
time from `fit`'s start to the end of the first batch (tracing and compiling the training step,
plus the step); **images/s** counts the real images the discriminator consumes per second over
the next `--steps` batches (fewer when `--budget` seconds run out first: the 64×64 DCGAN and
SN-GAN ResNet-32 at the papers' widths take seconds per step). Prints one JSON line per preset.
"""

import argparse
import json
import os
import platform
import time

import keras
import numpy as np

import kerasgan

PRESETS = (
    "dcgan_mnist", "wgangp_mnist", "sngan_mnist", "sngan_projection_mnist", "biggan_mnist", "progan_mnist",
    "dcgan_celeba64", "sngan_cifar10",
)


class _Clock(keras.callbacks.Callback):
    """Batch end times; stops `fit` once `budget` seconds of timed batches (at least 3) have passed."""

    def __init__(self, budget):
        super().__init__()
        self.budget = budget
        self.ends = []

    def on_train_batch_end(self, batch, logs=None):
        self.ends.append(time.perf_counter())
        if len(self.ends) > 3 and self.ends[-1] - self.ends[0] > self.budget:
            self.model.stop_training = True


def measure(name, steps, budget):
    info = kerasgan.zoo.info(name)
    gan = kerasgan.zoo.load(name, weights=False)
    gan.compile()
    batch = (info.get("training") or {}).get("fit_batch_size") or gan.iteration_batch_size(64)
    rng = np.random.default_rng(0)
    n = batch * (steps + 1)
    x = rng.uniform(-1, 1, (n, *gan.image_shape)).astype("float32")
    data = (x, rng.integers(0, gan.num_classes, n).astype("int32")) if gan.num_classes else (x,)
    clock = _Clock(budget)
    start = time.perf_counter()
    gan.fit(*data, batch_size=batch, epochs=1, verbose=0, shuffle=False, callbacks=[clock])
    first = clock.ends[0] - start
    seconds = clock.ends[-1] - clock.ends[0]
    steps = len(clock.ends) - 1
    return {
        "preset": name,
        "backend": keras.backend.backend(),
        "model": type(gan).__name__,
        "fit_batch_size": batch,
        "first_step_s": round(first, 2),
        "images_per_s": round(steps * batch / seconds, 1),
        "ms_per_step": round(1000 * seconds / steps, 1),
        "timed_steps": steps,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--presets", default=",".join(PRESETS), help="comma-separated preset names")
    parser.add_argument("--steps", type=int, default=20, help="timed batches after the first (at most)")
    parser.add_argument("--budget", type=float, default=60.0, help="stop timing after this many seconds (>= 3 steps)")
    args = parser.parse_args(argv)
    print(json.dumps({"machine": f"{platform.machine()}, {os.cpu_count()} CPU cores", "keras": keras.__version__}))
    for name in args.presets.split(","):
        print(json.dumps(measure(name.strip(), args.steps, args.budget)), flush=True)


if __name__ == "__main__":
    main()
