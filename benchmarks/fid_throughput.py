"""FID feature-extraction throughput and Fréchet-distance time, on the KERAS_BACKEND backend.

- FIDInceptionV3 with random weights (the same network as `FIDInceptionV3.pretrained()`, so the
  same cost): `model.features(images, batch_size=B)` on B-image batches of 32x32x3 images in
  [-1, 1] (resized to 299x299 inside the model). One untimed batch first (tracing / compilation),
  then `--batches` timed batches; images/s = timed images / timed seconds.
- MNISTClassifier (if `kerasgan.metrics.MNISTClassifier` or `kerasgan.metrics.mnist_classifier`
  is importable): `features()` of 28x28x1 images, shipped weights if they load, else random.
- `kerasgan.metrics.frechet_distance` (if importable) on 2048-d statistics (means and
  covariances of random 4096x2048 features), best and median of `--repeats` calls.

JAX: do not run this with the tests' XLA_FLAGS=--xla_backend_optimization_level=0 (it makes XLA's
CPU code several times slower).

`features()` returns NumPy, so every timed batch includes the device-to-host copy (a sync).

    KERAS_BACKEND=torch PYTHONPATH=. python benchmarks/fid_throughput.py --batches 4
"""

import argparse
import os
import platform
import statistics
import time


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--batch", type=int, default=16, help="FIDInceptionV3 batch size")
    p.add_argument("--batches", type=int, default=3, help="timed FIDInceptionV3 batches")
    p.add_argument("--image-size", type=int, default=32, help="input height = width (resized to 299)")
    p.add_argument("--mnist-batch", type=int, default=500, help="MNISTClassifier batch size")
    p.add_argument("--mnist-batches", type=int, default=10, help="timed MNISTClassifier batches")
    p.add_argument("--repeats", type=int, default=3, help="timed frechet_distance calls")
    p.add_argument("--threads", type=int, default=0,
                   help="CPU threads per op via OMP/TF env vars (0: the frameworks' defaults)")
    args = p.parse_args()
    if min(args.batch, args.batches, args.image_size, args.mnist_batch, args.mnist_batches, args.repeats) < 1:
        p.error("all counts and sizes must be >= 1")
    return args


ARGS = parse_args()
if ARGS.threads:  # before the frameworks start their thread pools
    n = str(ARGS.threads)
    os.environ.update(OMP_NUM_THREADS=n, MKL_NUM_THREADS=n, TF_NUM_INTRAOP_THREADS=n, TF_NUM_INTEROP_THREADS=n)
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402

from kerasgan.metrics.fid_inception_v3 import FIDInceptionV3  # noqa: E402


def time_features(extract, images, batch, batches):
    """Seconds per timed batch of `extract(images[i*batch:(i+1)*batch])`, after one warm-up batch."""
    extract(images[:batch])
    times = []
    for i in range(batches):
        chunk = images[(i % (len(images) // batch)) * batch:][:batch]
        start = time.perf_counter()
        out = extract(chunk)
        times.append(time.perf_counter() - start)
        assert out.shape[0] == batch
    return times


def report(name, times, batch):
    total = sum(times)
    print(f"{name}: {batch * len(times) / total:8.1f} images/s  (batch {batch}, {len(times)} timed "
          f"batches, {1000 * total / len(times):.0f} ms/batch, best {1000 * min(times):.0f} ms)")


def bench_fid_inception(rng):
    start = time.perf_counter()
    model = FIDInceptionV3()
    print(f"FIDInceptionV3 built in {time.perf_counter() - start:.1f} s ({model.count_params():,} weights, random)")
    images = rng.uniform(-1, 1, (2 * ARGS.batch, ARGS.image_size, ARGS.image_size, 3)).astype("float32")
    times = time_features(lambda x: model.features(x, batch_size=ARGS.batch), images, ARGS.batch, ARGS.batches)
    report(f"FIDInceptionV3 features ({ARGS.image_size}x{ARGS.image_size}x3 -> 299x299)", times, ARGS.batch)


def bench_mnist(rng):
    try:
        from kerasgan.metrics import MNISTClassifier
    except ImportError:
        try:
            from kerasgan.metrics.mnist_classifier import MNISTClassifier
        except ImportError as e:
            print(f"MNISTClassifier: not importable ({e}); skipped")
            return
    try:
        clf, weights = MNISTClassifier.pretrained(), "shipped weights"
    except Exception as e:  # noqa: BLE001 - report and time the random network instead
        clf, weights = MNISTClassifier(), f"random weights: pretrained() raised {type(e).__name__}"
    images = rng.uniform(-1, 1, (2 * ARGS.mnist_batch, 28, 28, 1)).astype("float32")
    times = time_features(lambda x: clf.features(x, batch_size=ARGS.mnist_batch), images,
                          ARGS.mnist_batch, ARGS.mnist_batches)
    report(f"MNISTClassifier features (28x28x1, {weights})", times, ARGS.mnist_batch)


def bench_frechet(rng):
    try:
        from kerasgan.metrics import frechet_distance
    except ImportError as e:
        print(f"frechet_distance: not importable ({e}); skipped")
        return
    stats = []
    for shift in (0.0, 0.1):
        f = rng.standard_normal((4096, 2048)) + shift
        stats += [f.mean(0), np.cov(f, rowvar=False)]
    times, value = [], None
    for _ in range(ARGS.repeats):
        start = time.perf_counter()
        value = frechet_distance(*stats)
        times.append(time.perf_counter() - start)
    print(f"frechet_distance (2048-d statistics): best {min(times):.2f} s, median "
          f"{statistics.median(times):.2f} s over {ARGS.repeats} calls (value {value:.3f})")


def main():
    load = f", 1-min load average {os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else ""
    print(f"backend {keras.backend.backend()}, keras {keras.__version__}, "
          f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs{load}")
    rng = np.random.default_rng(0)
    bench_fid_inception(rng)
    bench_mnist(rng)
    bench_frechet(rng)


if __name__ == "__main__":
    main()
