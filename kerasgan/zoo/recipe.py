"""The shared driver of the scripts in `recipes/`: train a preset from scratch, measure it, and
write its weights, sha256, metrics and sample picture (see `kerasgan.zoo.publish`)."""

import argparse
import time

import numpy as np

from kerasgan.zoo.preset import REPO_ROOT
from kerasgan.zoo.registry import get_preset


def parse_args(name, epochs, argv=None):
    parser = argparse.ArgumentParser(description=f"Train the {name} preset from scratch.")
    parser.add_argument("--epochs", type=int, default=epochs)
    parser.add_argument("--limit", type=int, default=0, help="train and evaluate on a few images only (smoke test)")
    parser.add_argument("--out", default=REPO_ROOT, help="root for pretrained/, zoo/images/ and recipes/results/")
    return parser.parse_args(argv)


def train(preset, data, batch_size, epochs, optimizers=None):
    import keras

    keras.utils.set_random_seed(0)
    gan = preset.build()
    if optimizers is None:
        gan.compile()
    else:
        g_optimizer, d_optimizer = optimizers()
        gan.compile(g_optimizer=g_optimizer, d_optimizer=d_optimizer)
    start = time.time()
    history = gan.fit(*data, batch_size=batch_size, epochs=epochs, verbose=2, shuffle=True)
    seconds = time.time() - start
    steps = epochs * (len(data[0]) // batch_size + bool(len(data[0]) % batch_size))
    training = {
        "epochs": epochs, "fit_batch_size": batch_size, "training_examples": int(len(data[0])),
        "generator_steps": int(steps), "seconds": round(seconds, 1),
        "final_logs": {k: round(float(v[-1]), 4) for k, v in history.history.items()},
    }
    return gan, training


def mnist_metrics(gan, num_samples=5000):
    """FID/KID/precision/recall with the MNIST classifier; class accuracy for conditional models."""
    from kerasgan.data import load_mnist_test
    from kerasgan.metrics import GANEvaluator
    from kerasgan.metrics import MNISTClassifier

    classifier = MNISTClassifier.pretrained()
    reference, _ = load_mnist_test(drop_training_overlap=True)
    evaluator = GANEvaluator(
        classifier, reference_images=reference, metrics=("fid", "kid", "precision_recall"), num_samples=num_samples
    )
    metrics = {k: round(v, 5) for k, v in evaluator.evaluate(gan).items()}
    if gan.num_classes:
        per_class = max(num_samples // gan.num_classes, 1)
        labels = np.repeat(np.arange(gan.num_classes), per_class)
        predicted = classifier.predict_digits(gan.generate(len(labels), seed=1, labels=labels))
        accuracy = [float(np.mean(predicted[labels == c] == c)) for c in range(gan.num_classes)]
        metrics["class_accuracy"] = round(float(np.mean(predicted == labels)), 4)
        metrics["class_accuracy_min"] = round(min(accuracy), 4)
        metrics["class_accuracy_per_class"] = [round(a, 4) for a in accuracy]
    return metrics


def mixture_metrics(gan, spec):
    from kerasgan.metrics.mixtures import mixture_mode_metrics

    runs = [mixture_mode_metrics(gan.generate(2500, seed=s), spec) for s in range(10)]
    first = runs[0]
    return {
        "modes_covered": first["modes_covered"],
        "num_modes": first["num_modes"],
        "high_quality_percent": round(first["high_quality_percent"], 2),
        "reverse_kl": None if np.isnan(first["reverse_kl"]) else round(first["reverse_kl"], 4),
        "modes_covered_mean": round(float(np.mean([r["modes_covered"] for r in runs])), 2),
        "high_quality_percent_mean": round(float(np.mean([r["high_quality_percent"] for r in runs])), 2),
    }


def run_mnist_recipe(name, batch_size, epochs, pad_to=None, optimizers=None, argv=None):
    """Train an MNIST preset on the embedded 5,000-image training subset and publish it."""
    from kerasgan.data import load_mnist_subset
    from kerasgan.zoo.publish import publish

    args = parse_args(name, epochs, argv)
    preset = get_preset(name)
    x, y = load_mnist_subset(pad_to=pad_to)
    if args.limit:
        x, y = x[: args.limit], y[: args.limit]
    data = (x, y) if preset.config.get("num_classes") else (x,)
    gan, training = train(preset, data, batch_size, args.epochs, optimizers)
    num_samples = 200 if args.limit else 5000
    record = publish(gan, preset, lambda g: mnist_metrics(g, num_samples), training, args.out)
    _report(record)
    return record


def run_mixture_recipe(name, spec, batch_size=100, num_examples=100_000, epochs=20, argv=None):
    """Train a 2-D mixture preset on `num_examples` points drawn once (seed 0) and publish it."""
    from kerasgan.metrics.mixtures import sample_mixture
    from kerasgan.zoo.publish import publish

    args = parse_args(name, epochs, argv)
    preset = get_preset(name)
    x = sample_mixture(spec, args.limit or num_examples, seed=0)
    gan, training = train(preset, (x,), batch_size, args.epochs)
    record = publish(gan, preset, lambda g: mixture_metrics(g, spec), training, args.out, centers=spec.centers)
    _report(record)
    return record


def _report(record):
    import json

    print(json.dumps(record, indent=2))
    print(f"Wrote {record['weights_file']} (sha256 {record['sha256']}); copy sha256, metrics and "
          "training into the preset's registration and regenerate its card (python -m kerasgan.zoo.cards).")


def cifar_metrics(gan, reference, num_samples=10_000):
    """FID and IS with pytorch-fid's Inception (downloaded once) against `reference` images."""
    from kerasgan.metrics import FIDInceptionV3
    from kerasgan.metrics import GANEvaluator

    evaluator = GANEvaluator(
        FIDInceptionV3.pretrained(), reference_images=reference, metrics=("fid", "kid", "is"), num_samples=num_samples
    )
    return {k: round(v, 4) for k, v in evaluator.evaluate(gan).items()}


def linear_decay_adam(learning_rate, beta_1, beta_2, steps):
    """Adam with the reference trainers' linear learning-rate decay to 0 over `steps` updates."""
    import keras

    schedule = keras.optimizers.schedules.PolynomialDecay(learning_rate, decay_steps=steps, end_learning_rate=0.0, power=1.0)
    return keras.optimizers.Adam(schedule, beta_1=beta_1, beta_2=beta_2)


def run_tfds_recipe(name, dataset, batch_size, iterations, optimizers=None, argv=None):
    """Train a preset on a tensorflow-datasets data set (e.g. CIFAR-10) and publish it.

    `iterations` generator steps of `batch_size` images per fit batch; `optimizers(iterations)`
    returns the (generator, discriminator) optimizers. FID/KID/IS use pytorch-fid's Inception
    against the training images.
    """
    import argparse

    from kerasgan.data import load_tfds
    from kerasgan.zoo.publish import publish

    parser = argparse.ArgumentParser(description=f"Train the {name} preset from scratch on tfds {dataset!r}.")
    parser.add_argument("--iterations", type=int, default=iterations, help="generator steps")
    parser.add_argument("--limit", type=int, default=0, help="use the first N training images only (smoke test)")
    parser.add_argument("--skip-metrics", action="store_true", help="do not compute FID/IS (needs the Inception weights)")
    parser.add_argument("--out", default=REPO_ROOT)
    args = parser.parse_args(argv)
    preset = get_preset(name)
    x, y = load_tfds(dataset, "train", limit=args.limit or None)
    data = (x, y) if preset.config.get("num_classes") else (x,)
    steps_per_epoch = max(len(x) // batch_size, 1)
    epochs = max(-(-args.iterations // steps_per_epoch), 1)
    gan, training = train(preset, data, batch_size, epochs, (lambda: optimizers(args.iterations)) if optimizers else None)
    training["dataset"] = f"tfds {dataset} train"
    record = publish(gan, preset, (lambda g: {}) if args.skip_metrics else (lambda g: cifar_metrics(g, x)),
                     training, args.out)
    _report(record)
    return record
