"""Train the `ssgan_mnist100` preset from scratch: MNIST from 100 labels (10 per digit) and the
5,000 embedded images unlabelled, with the supervised baseline beside it.

    python recipes/ssgan_mnist100.py                 # ~40 min per seed on 2 CPU cores (TensorFlow)
    python recipes/ssgan_mnist100.py --seeds 0 1 2   # the preset (seed 0) and two more seeds of both models

For each seed, trains the semi-supervised GAN and the same classifier on the labelled images alone
(`unlabeled_weight=0`: the same batches, initialization, noise, optimizer and number of updates),
and measures both classifiers' test error on the 9,331 MNIST test images not in the training subset
(every 20 epochs, and at the end). Publishes the seed-0 semi-supervised model as the preset
folder pretrained/ssgan_mnist100/ with every seed's errors and the generator's MNIST metrics.
"""

import argparse
import time

import numpy as np
from driver import PRETRAINED
from driver import fit_settings
from driver import mnist_metrics
from driver import publish
from driver import report
from driver import train

from kerasgan.callbacks import EvaluationCallback
from kerasgan.data import SemiSupervisedBatches
from kerasgan.data import keep_labels
from kerasgan.data import load_mnist_subset
from kerasgan.data import load_mnist_test
from kerasgan.metrics import ClassificationError
from kerasgan.zoo import get_preset

NAME = "ssgan_mnist100"
KINDS = (("semi_supervised", 1.0), ("supervised", 0.0))


def train_one(preset, x, labels, seed, weight, epochs, batch_size, test):
    import keras

    keras.utils.set_random_seed(seed)
    gan = preset.build(seed=seed, unlabeled_weight=weight)
    every = min(20, epochs)
    tracker = EvaluationCallback(test, every_n_epochs=every)
    raw = EvaluationCallback(ClassificationError(test.images, test.labels, use_average=False), every, prefix="raw_")
    data = SemiSupervisedBatches(x, labels, batch_size, seed=seed)
    gan, training = train(preset, data, batch_size, epochs, callbacks=[tracker, raw], gan=gan)
    training["test_errors_by_epoch"] = {
        str(h["epoch"] + 1): {"averaged": h["test_errors"], "raw": r["raw_test_errors"]}
        for h, r in zip(tracker.history, raw.history, strict=True)
    }
    return gan, training, test.evaluate(gan)


def main(argv=None):
    preset = get_preset(NAME)
    batch_size, epochs, per_class = fit_settings(preset, "critic_batch_size", "epochs", "labels_per_class")
    parser = argparse.ArgumentParser(
        description=f"Train the {NAME} preset and its supervised baseline from scratch.")
    parser.add_argument("--epochs", type=int, default=epochs)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0],
                        help="seeds of both models (the first is published)")
    parser.add_argument("--limit", type=int, default=0, help="train and evaluate on a few images only (smoke test)")
    parser.add_argument("--out", default=PRETRAINED, help="folder that receives the preset folder <name>/")
    args = parser.parse_args(argv)
    x, y = load_mnist_subset()
    test_x, test_y = load_mnist_test(drop_training_overlap=True)
    if args.limit:
        x, y, test_x, test_y = x[: args.limit], y[: args.limit], test_x[: args.limit], test_y[: args.limit]
    labels = keep_labels(y, per_class, seed=1)
    test = ClassificationError(test_x, test_y)
    errors, published = {kind: {} for kind, _ in KINDS}, None
    for seed in args.seeds:
        for kind, weight in KINDS:
            start = time.time()
            gan, training, result = train_one(preset, x, labels, seed, weight, args.epochs, batch_size, test)
            errors[kind][seed] = {**result, "curve": training["test_errors_by_epoch"],
                                  "seconds": round(time.time() - start, 1)}
            print(f"seed {seed} {kind}: {result['test_errors']} of {len(test_y)} test images wrong", flush=True)
            if published is None and kind == "semi_supervised":
                published = gan, training

    def measure(gan):
        first = args.seeds[0]
        metrics = {
            "test_error": round(errors["semi_supervised"][first]["test_error"], 5),
            "test_errors": errors["semi_supervised"][first]["test_errors"],
            "supervised_test_error": round(errors["supervised"][first]["test_error"], 5),
            "supervised_test_errors": errors["supervised"][first]["test_errors"],
            "test_images": len(test_y),
            "test_errors_seeds": {str(s): errors["semi_supervised"][s]["test_errors"] for s in args.seeds},
            "supervised_test_errors_seeds": {str(s): errors["supervised"][s]["test_errors"] for s in args.seeds},
            "test_error_mean": round(float(np.mean([e["test_error"] for e in errors["semi_supervised"].values()])), 5),
            "supervised_test_error_mean": round(
                float(np.mean([e["test_error"] for e in errors["supervised"].values()])), 5),
        }
        metrics.update(mnist_metrics(gan, 200 if args.limit else 5000))
        return metrics

    gan, training = published
    training["runs"] = {kind: {str(s): {"curve": e["curve"], "seconds": e["seconds"]} for s, e in runs.items()}
                        for kind, runs in errors.items()}
    report(publish(gan, preset, measure, training, args.out))


if __name__ == "__main__":
    main()
