"""The shared driver of the scripts in this folder: train a preset from scratch, measure it, and
write its preset folder (`pretrained/<name>/`: weights, config, metadata with the
measured metrics and training record, card, samples) through `GAN.save_to_preset`.

Repository tooling, not part of the installed package. Batch sizes are given per discriminator
update (`critic_batch_size`); the model turns them into `fit` batches (`iteration_batch_size`).
"""

import argparse
import json
import os
import time

import numpy as np

from kerasgan.core import preset_folder
from kerasgan.zoo import common
from kerasgan.zoo import get_preset

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PRETRAINED = os.path.join(REPO_ROOT, "pretrained")


def fit_settings(preset, *names):
    """The preset's training settings `names`, from its `fit` entry: the one place they are
    written (the card shows the same entry), so a recipe never repeats them."""
    missing = [name for name in names if name not in preset.fit]
    if missing:
        raise ValueError(
            f"Preset {preset.name!r} gives no {', '.join(missing)} in its `fit` entry; its recipe needs them."
        )
    return [preset.fit[name] for name in names]


def parse_args(name, epochs, argv=None):
    parser = argparse.ArgumentParser(description=f"Train the {name} preset from scratch.")
    parser.add_argument("--epochs", type=int, default=epochs)
    parser.add_argument("--limit", type=int, default=0, help="train and evaluate on a few images only (smoke test)")
    parser.add_argument("--out", default=PRETRAINED, help="folder that receives the preset folder <name>/")
    return parser.parse_args(argv)


def build(preset):
    """The preset's model with fresh weights drawn from Keras's global seed 0."""
    import keras

    keras.utils.set_random_seed(0)
    return preset.build()


def train(preset, data, critic_batch_size, epochs, optimizers=None, callbacks=None, gan=None):
    """Build the preset (or take `gan`, the preset's model prepared by the recipe), compile it
    (`optimizers()` gives (G, D) optimizers; default: the model's) and fit it on `data` (a tuple
    of arrays, or a `keras.utils.PyDataset` of whole GAN iterations) with `critic_batch_size` real
    images per discriminator update; returns the model and the training record for its card."""
    import keras

    gan = gan if gan is not None else build(preset)
    if optimizers is None:
        gan.compile()
    else:
        g_optimizer, d_optimizer = optimizers()
        gan.compile(g_optimizer=g_optimizer, d_optimizer=d_optimizer)
    batch_size = gan.iteration_batch_size(critic_batch_size)
    start = time.time()
    if isinstance(data, keras.utils.PyDataset):
        history = gan.fit(data, epochs=epochs, verbose=2, callbacks=callbacks)
        examples, steps = int(len(data) * batch_size), epochs * len(data)
    else:
        history = gan.fit(*data, batch_size=batch_size, epochs=epochs, verbose=2, shuffle=True, callbacks=callbacks)
        examples = int(len(data[0]))
        steps = epochs * (examples // batch_size + bool(examples % batch_size))
    seconds = time.time() - start
    if gan.scheduler is not None:  # a critic schedule keeps fewer generator updates than batches
        steps = int(keras.ops.convert_to_numpy(gan.g_optimizer.iterations))
    training = {
        "epochs": epochs,
        "fit_batch_size": batch_size,
        "critic_batch_size": critic_batch_size,
        "training_examples": examples,
        "generator_steps": int(steps),
        "seconds": round(seconds, 1),
        "final_logs": {k: round(float(v[-1]), 4) for k, v in history.history.items()},
    }
    return gan, training


def publish(gan, preset, measure, training, out, samples=True):
    """Write `<out>/<name>/` with the trained weights first (a failing measurement loses no
    training), then measure and record the metrics; returns the folder's metadata."""
    import keras

    folder = os.path.join(out, preset.name)
    training = {**training, "backend": keras.backend.backend(), "keras": keras.__version__}
    metadata = {**preset.words(), "source": common.TRAINED_HERE, "training": training}
    gan.save_to_preset(folder, metadata, samples=samples)
    return preset_folder.update_metadata(folder, {"metrics": measure(gan)}, baselines=baseline_metrics(preset, out))


def baseline_metrics(preset, out):
    """`{name: metrics}` of the preset's baselines that have a folder in `out`."""
    found = {}
    for name in preset.baselines:
        path = os.path.join(out, name)
        if os.path.isdir(path):
            found[name] = preset_folder.read_metadata(path).get("metrics", {})
    return found


def report(record):
    print(json.dumps(record, indent=2))
    print(f"Wrote the preset folder of {record['name']} (weights sha256 {record['sha256']}).")


def mnist_evaluators(metrics, num_samples):
    """`(classifier, evaluator)`: the project's MNIST classifier and a `GANEvaluator` of `metrics`
    on its features against the held-out test digits (the MNIST protocol)."""
    from kerasgan.data import load_mnist_test
    from kerasgan.metrics import GANEvaluator
    from kerasgan.metrics import MNISTClassifier

    classifier = MNISTClassifier.pretrained()
    reference, _ = load_mnist_test(drop_training_overlap=True)
    return classifier, GANEvaluator(classifier, reference_images=reference, metrics=metrics, num_samples=num_samples)


def mnist_metrics(gan, num_samples=5000):
    """FID/KID/precision/recall with the MNIST classifier; class coverage of the same samples for
    unconditional models, class accuracy for conditional ones."""
    from kerasgan.metrics import ClassConditionalAccuracy
    from kerasgan.metrics import ClassCoverage

    classifier, evaluator = mnist_evaluators(("fid", "kid", "precision_recall"), num_samples)
    samples = gan.generate(num_samples, seed=evaluator.seed)
    metrics = {k: round(v, 5) for k, v in evaluator.evaluate_samples(samples).items()}
    if not gan.num_classes:
        coverage = ClassCoverage(classifier.predict_digits, 10, num_samples)
        metrics.update({k: round(v, 4) for k, v in coverage.evaluate_samples(samples).items()})
    else:
        per_class = max(num_samples // gan.num_classes, 1)
        accuracy = ClassConditionalAccuracy(classifier.predict_digits, per_class, seed=1).per_class(gan)
        metrics["class_accuracy"] = round(float(accuracy.mean()), 4)
        metrics["class_accuracy_min"] = round(float(accuracy.min()), 4)
        metrics["class_accuracy_per_class"] = [round(float(a), 4) for a in accuracy]
    return metrics


def class_accuracy_tracker(every_n_epochs):
    """An `EvaluationCallback` that measures a conditional model's class accuracy (MNIST
    classifier, 100 samples per class) every `every_n_epochs` epochs during training."""
    from kerasgan.callbacks import EvaluationCallback
    from kerasgan.metrics import ClassConditionalAccuracy
    from kerasgan.metrics import MNISTClassifier

    accuracy = ClassConditionalAccuracy(MNISTClassifier.pretrained().predict_digits, samples_per_class=100, seed=2)
    return EvaluationCallback(accuracy, every_n_epochs=every_n_epochs)


class MNISTQualityCurve:
    """An evaluator for an unconditional MNIST model during training: FID against the held-out
    test digits and class coverage (`ClassCoverage`) on `num_samples` samples, for the EMA
    generator and (prefix `raw_`) the raw one where the model keeps both."""

    def __init__(self, num_samples=2000, seed=3):
        from kerasgan.metrics import ClassCoverage

        classifier, self.fid = mnist_evaluators(("fid",), num_samples)
        self.coverage = ClassCoverage(classifier.predict_digits, 10, num_samples)
        self.num_samples, self.seed = num_samples, seed

    def evaluate(self, gan):
        results = {}
        for prefix, use_ema in (("", True), ("raw_", False)) if gan.ema_generator is not None else (("", False),):
            samples = gan.generate(self.num_samples, seed=self.seed, use_ema=use_ema)
            measured = {**self.fid.evaluate_samples(samples), **self.coverage.evaluate_samples(samples)}
            results.update({prefix + k: v for k, v in measured.items()})
        return results


def training_tracker(conditional, every_n_epochs):
    """The MNIST recipes' during-training evaluator: class accuracy for conditional models,
    FID and class coverage (EMA and raw generator) for unconditional ones."""
    if conditional:
        return class_accuracy_tracker(every_n_epochs)
    from kerasgan.callbacks import EvaluationCallback

    return EvaluationCallback(MNISTQualityCurve(), every_n_epochs=every_n_epochs)


def quality_curve(tracker, steps_per_epoch):
    """The tracker's measurements as `{generator steps: {metric: value}}`."""
    return {
        str((h["epoch"] + 1) * steps_per_epoch): {k: round(v, 4) for k, v in h.items() if k != "epoch"}
        for h in tracker.history
    }


def accuracy_curve(tracker, steps_per_epoch):
    """The tracker's measurements as `{generator steps: {"mean": accuracy, "lowest": lowest class}}`."""
    return {
        str((h["epoch"] + 1) * steps_per_epoch): {
            "mean": round(h["class_accuracy"], 3), "lowest": round(h["class_accuracy_min"], 3)
        }
        for h in tracker.history
    }


def stacked_mnist_model_metrics(gan, num_samples=26_000, seeds=(0, 1, 2)):
    """Modes covered and KL to uniform on Stacked-MNIST, read by the MNIST classifier, for
    `num_samples` samples of each seed (the first seed's numbers, and the mean over seeds)."""
    from kerasgan.metrics import MNISTClassifier
    from kerasgan.metrics import stacked_mnist_metrics

    classify = MNISTClassifier.pretrained().predict_digits
    runs = [stacked_mnist_metrics(gan.generate(num_samples, seed=s), classify) for s in seeds]
    return {
        "modes_covered_of_1000": runs[0]["modes_covered"],
        "kl_to_uniform": round(runs[0]["kl_to_uniform"], 4),
        "modes_covered_of_1000_mean": round(float(np.mean([r["modes_covered"] for r in runs])), 1),
        "kl_to_uniform_mean": round(float(np.mean([r["kl_to_uniform"] for r in runs])), 4),
        "num_samples": num_samples,
    }


def mixture_metrics(gan, spec):
    from kerasgan.metrics import mixture_mode_metrics

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


def run_mnist_recipe(name, pad_to=None, optimizers=None, track_every=None, argv=None):
    """Train an MNIST preset on the embedded 5,000-image training subset (its `fit`:
    `critic_batch_size`, `epochs`) and publish it. `track_every=N` records every N epochs in the
    card the class accuracy (conditional models) or FID and class coverage of the EMA and raw
    generators (unconditional ones)."""
    from kerasgan.data import load_mnist_subset

    preset = get_preset(name)
    critic_batch_size, epochs = fit_settings(preset, "critic_batch_size", "epochs")
    args = parse_args(name, epochs, argv)
    x, y = load_mnist_subset(pad_to=pad_to)
    if args.limit:
        x, y = x[: args.limit], y[: args.limit]
    gan = build(preset)
    conditional = bool(gan.num_classes)
    data = (x, y) if conditional else (x,)
    tracker = training_tracker(conditional, track_every) if track_every else None
    gan, training = train(
        preset, data, critic_batch_size, args.epochs, optimizers, callbacks=tracker and [tracker], gan=gan
    )
    if tracker:
        steps_per_epoch = training["generator_steps"] // args.epochs
        if conditional:
            training["class_accuracy_by_generator_steps"] = accuracy_curve(tracker, steps_per_epoch)
        else:
            training["quality_by_generator_steps"] = quality_curve(tracker, steps_per_epoch)
    num_samples = 200 if args.limit else 5000
    record = publish(gan, preset, lambda g: mnist_metrics(g, num_samples), training, args.out)
    report(record)
    return record


def run_mixture_recipe(name, spec, argv=None):
    """Train a 2-D mixture preset on its `fit`'s `num_examples` points drawn once (seed 0) and
    publish it; its picture shows 2,500 samples and the mixture's centres."""
    from kerasgan.data import sample_mixture
    from kerasgan.utils.images import save_scatter

    preset = get_preset(name)
    critic_batch_size, num_examples, epochs = fit_settings(preset, "critic_batch_size", "num_examples", "epochs")
    args = parse_args(name, epochs, argv)
    x = sample_mixture(spec, args.limit or num_examples, seed=0)
    gan, training = train(preset, (x,), critic_batch_size, args.epochs)

    def picture(path):
        save_scatter(gan.generate(2500, seed=0), path, centers=spec.centers)

    record = publish(gan, preset, lambda g: mixture_metrics(g, spec), training, args.out, samples=picture)
    report(record)
    return record


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

    schedule = keras.optimizers.schedules.PolynomialDecay(
        learning_rate, decay_steps=steps, end_learning_rate=0.0, power=1.0
    )
    return keras.optimizers.Adam(schedule, beta_1=beta_1, beta_2=beta_2)


def run_tfds_recipe(name, dataset, optimizers=None, argv=None):
    """Train a preset on a tensorflow-datasets data set (e.g. CIFAR-10) and publish it.

    Its `fit` gives `critic_batch_size` images per discriminator update and the length, as
    generator `iterations` or as `images` seen (ProGAN); `optimizers(iterations, n_critic)`
    returns the (generator, discriminator) optimizers. FID/KID/IS use pytorch-fid's Inception
    against the training images.
    """
    from kerasgan.data import load_tfds

    preset = get_preset(name)
    (critic_batch_size,) = fit_settings(preset, "critic_batch_size")

    parser = argparse.ArgumentParser(description=f"Train the {name} preset from scratch on tfds {dataset!r}.")
    parser.add_argument("--iterations", type=int, default=None, help="generator steps (default: the preset's fit)")
    parser.add_argument("--limit", type=int, default=0, help="use the first N training images only (smoke test)")
    parser.add_argument(
        "--skip-metrics", action="store_true", help="do not compute FID/IS (needs the Inception weights)"
    )
    parser.add_argument("--out", default=PRETRAINED, help="folder that receives the preset folder <name>/")
    args = parser.parse_args(argv)
    x, y = load_tfds(dataset, "train", limit=args.limit or None)
    gan = build(preset)
    data = (x, y) if gan.num_classes else (x,)
    steps_per_epoch = max(len(x) // gan.iteration_batch_size(critic_batch_size), 1)
    args.iterations = args.iterations or _tfds_iterations(preset, critic_batch_size, steps_per_epoch)
    epochs = max(-(-args.iterations // steps_per_epoch), 1)
    gan, training = train(
        preset, data, critic_batch_size, epochs, (lambda: optimizers(args.iterations, gan.n_critic)) if optimizers
        else None, gan=gan
    )
    training["dataset"] = f"tfds {dataset} train"
    record = publish(
        gan, preset, (lambda g: {}) if args.skip_metrics else (lambda g: cifar_metrics(g, x)), training, args.out
    )
    report(record)
    return record


def _tfds_iterations(preset, critic_batch_size, steps_per_epoch):
    """Generator steps of the preset's `fit`: `iterations`, or `images` seen, or `epochs`."""
    if "iterations" in preset.fit:
        return preset.fit["iterations"]
    if "images" in preset.fit:
        return preset.fit["images"] // critic_batch_size
    return fit_settings(preset, "epochs")[0] * steps_per_epoch


def run_stacked_mnist_recipe(name, optimizers=None, argv=None):
    """Train a Stacked-MNIST preset (32×32, triples of the embedded MNIST subset drawn on the
    fly by `kerasgan.data.StackedMNIST`) for its `fit`'s `epochs` × `steps_per_epoch` generator
    steps, and publish it with its mode coverage (26,000 samples per seed)."""
    from kerasgan.data import StackedMNIST
    from kerasgan.data import load_mnist_subset

    preset = get_preset(name)
    critic_batch_size, steps_per_epoch, epochs = fit_settings(preset, "critic_batch_size", "steps_per_epoch", "epochs")
    args = parse_args(name, epochs, argv)
    x, y = load_mnist_subset()
    gan = build(preset)
    batch_size = gan.iteration_batch_size(critic_batch_size)
    num_examples = args.limit or steps_per_epoch * batch_size
    data = StackedMNIST(x, y, batch_size=batch_size, num_examples=num_examples, pad_to=32, seed=0)
    gan, training = train(preset, data, critic_batch_size, args.epochs, optimizers, gan=gan)
    training["data"] = "Stacked-MNIST triples of the 5,000-digit subset, drawn afresh per batch (seed 0)"
    num_samples = 1000 if args.limit else 26_000
    record = publish(gan, preset, lambda g: stacked_mnist_model_metrics(g, num_samples), training, args.out)
    report(record)
    return record


def run_hgan_recipe(name, argv=None):
    """Pretrain HGAN's teacher by maximum likelihood on the embedded MNIST subset, train the
    HGAN, and publish it with the MNIST metrics of the student and the teacher's held-out
    bits/dim (the 9,331 test images not in the subset)."""

    from kerasgan.data import load_mnist_subset
    from kerasgan.data import load_mnist_test

    preset = get_preset(name)
    critic_batch_size, epochs, pretrain_epochs = fit_settings(preset, "critic_batch_size", "epochs", "pretrain_epochs")
    args = parse_args(name, epochs, argv)
    x, _ = load_mnist_subset()
    held_out, _ = load_mnist_test(drop_training_overlap=True)
    if args.limit:
        x, held_out = x[: args.limit], held_out[: args.limit]
    gan = build(preset)
    teacher_start = time.time()
    gan.pretrain_teacher(x, epochs=1 if args.limit else pretrain_epochs, batch_size=critic_batch_size, verbose=2)
    pretrain_bits = gan.teacher.bits_per_dim(held_out)
    pretrain_seconds = time.time() - teacher_start
    gan, training = train(preset, (x,), critic_batch_size, args.epochs, gan=gan)
    training["teacher_pretraining"] = {
        "epochs": 1 if args.limit else pretrain_epochs,
        "seconds": round(pretrain_seconds, 1),
        "held_out_bits_per_dim": round(pretrain_bits, 4),
    }
    training["teacher_bank_refreshes"] = int(np.asarray(gan.teacher_refreshes.numpy()))

    def measure(g):
        metrics = mnist_metrics(g, 200 if args.limit else 5000)
        metrics["bits_per_dim"] = round(g.teacher.bits_per_dim(held_out), 4)
        return metrics

    record = publish(gan, preset, measure, training, args.out)
    report(record)
    return record


def zelda_metrics(gan, training_levels, original_levels, num_levels=15_000):
    """CESAGAN's evaluation: `num_levels` generated levels (seed 0, conditioned on the property
    vectors of the final training set), % playable and % duplicates (`level_statistics` against
    the original levels), plus the size of the final training set."""
    from kerasgan.levels import level_statistics

    metrics = level_statistics(gan.generate_levels(num_levels, seed=0), original_levels)
    metrics["final_training_levels"] = int(len(training_levels))
    return metrics


def run_zelda_recipe(name, bootstrap, argv=None):
    """Train a Zelda level GAN from the five embedded GVGAI levels (with or without CESAGAN's
    bootstrapping) and publish it with the statistics of 15,000 generated levels."""

    from kerasgan.levels import load_zelda_levels
    from kerasgan.models.cesagan import train_with_bootstrapping

    preset = get_preset(name)
    rounds, steps_per_round, batch_size, samples_per_round = fit_settings(
        preset, "rounds", "steps_per_round", "batch_size", "samples_per_round")
    args = parse_args(name, rounds, argv)
    levels = load_zelda_levels()
    steps = 2 if args.limit else steps_per_round
    gan = build(preset)
    gan.compile()
    start = time.time()
    final_levels, history = train_with_bootstrapping(
        gan,
        levels,
        args.epochs,
        steps,
        batch_size,
        100 if args.limit else samples_per_round,
        bootstrap=bootstrap,
        seed=0,
        verbose=2,
    )
    training = {
        "rounds": args.epochs,
        "steps_per_round": steps,
        "fit_batch_size": batch_size,
        "generator_steps": args.epochs * steps,
        "samples_per_round": samples_per_round,
        "bootstrapping": bootstrap,
        "seconds": round(time.time() - start, 1),
        "training_levels_per_round": [h["training_levels"] for h in history],
        "added_per_round": [h["added"] for h in history],
        "playable_percent_per_round": [h["playable_percent"] for h in history],
        "final_logs": history[-1]["logs"],
    }
    num_levels = 500 if args.limit else 15_000
    record = publish(gan, preset, lambda g: zelda_metrics(g, final_levels, levels, num_levels), training, args.out)
    report(record)
    return record
