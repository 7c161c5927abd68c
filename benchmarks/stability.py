"""The stability table: every technique of `kerasgan.techniques` (and the paper's combinations)
against the same baseline, same networks, same budget, several seeds.

    KERAS_BACKEND=tensorflow PYTHONPATH=. .venv/bin/python benchmarks/stability.py --task ring8
    PYTHONPATH=. .venv/bin/python benchmarks/stability.py --task grid25 --rows baseline,r1 --seeds 0,1,2

Tasks (each the network and recipe of a shipped preset, the baseline row):
- `ring8`, `grid25`: the `gan_ring8` / `gan_grid25` MLPs (PacGAN's 2-D settings: batch 100,
  Adam(1e-4, β1 = 0.8)) on 100,000 points; modes covered and high-quality share of 2,500 samples
  (the VEEGAN/PacGAN protocol, `kerasgan.metrics.mixture_mode_metrics`).
- `mnist`: the `dcgan_mnist` networks and recipe (batch 64, Adam(2e-4, β1 = 0.5)) on the embedded
  5,000 training digits; FID of 2,000 samples in the project's MNIST-classifier features against
  the held-out test digits, and the class coverage of the same samples (`--points` is ignored).

A row a task's model refuses (gradient normalisation on DCGAN's batch-normalised discriminator)
is reported as refused, with the model's reason, and not recorded.

Each row changes one thing (a technique, a loss, the optimizers) and keeps the rest. Results go to
`benchmarks/results/stability_<task>.json` (one record per row and seed, merged with what the
file holds) and the table, mean and range over seeds, is printed in markdown.
"""

import argparse
import json
import os
import time

import numpy as np

RESULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")
TASKS = {"ring8": "gan_ring8", "grid25": "gan_grid25", "mnist": "dcgan_mnist"}
MNIST_SAMPLES = 2000


class Refused(Exception):
    """A row's change that the task's model refuses at construction."""


def rows():
    """`{name: (what it changes, build overrides(), optimizers() or None)}`."""
    import keras

    from kerasgan import techniques as t
    from kerasgan.models import MixtureEGAN

    def rmsprop():
        return tuple(keras.optimizers.RMSprop(5e-5, rho=0.99, epsilon=1e-8) for _ in range(2))

    def ttur():  # Heusel et al.: the discriminator 4x faster than the generator (the baseline's 1e-4)
        return keras.optimizers.Adam(1e-4, beta_1=0.8), keras.optimizers.Adam(4e-4, beta_1=0.8)

    return {
        "baseline": ("the preset as shipped", lambda: {}, None),
        "feature_matching": ("FeatureMatching()", lambda: {"techniques": [t.FeatureMatching()]}, None),
        "minibatch_discrimination": ("MinibatchDiscrimination(100, 5)",
                                     lambda: {"techniques": [t.MinibatchDiscrimination()]}, None),
        "historical_averaging": ("HistoricalAveraging(1.0)", lambda: {"techniques": [t.HistoricalAveraging()]}, None),
        "label_smoothing": ("OneSidedLabelSmoothing(0.9)", lambda: {"techniques": [t.OneSidedLabelSmoothing(0.9)]},
                            None),
        "salimans_combination": ("FeatureMatching + MinibatchDiscrimination + OneSidedLabelSmoothing(0.9)",
                                 lambda: {"techniques": [t.FeatureMatching(), t.MinibatchDiscrimination(),
                                                         t.OneSidedLabelSmoothing(0.9)]}, None),
        "relativistic_average": ("adversarial_loss='relativistic_average'",
                                 lambda: {"adversarial_loss": "relativistic_average"}, None),
        "relativistic_average_hinge": ("adversarial_loss='relativistic_average_hinge'",
                                       lambda: {"adversarial_loss": "relativistic_average_hinge"}, None),
        "wgan_clipping": ("Wasserstein loss, WeightClipping(0.01), CriticSchedule(), n_critic 5, RMSprop(5e-5)",
                          lambda: {"adversarial_loss": "wasserstein", "n_critic": 5,
                                   "techniques": [t.WeightClipping(0.01), t.CriticSchedule()]}, rmsprop),
        "r1": ("R1Penalty(10)", lambda: {"techniques": [t.R1Penalty(10.0)]}, None),
        "r2": ("R2Penalty(10)", lambda: {"techniques": [t.R2Penalty(10.0)]}, None),
        "local_gp": ("LocalGradientPenalty(10, c=0.1) (Dong & Yang)",
                     lambda: {"techniques": [t.LocalGradientPenalty()]}, None),
        "double_absolute": ("adversarial_loss='double_absolute' (Dong & Yang)",
                            lambda: {"adversarial_loss": "double_absolute"}, None),
        "ttur": ("Adam lr D 4e-4 / G 1e-4 (TTUR)", lambda: {}, ttur),
        "gran": ("GradientNormalization('gran', k=1)", lambda: {"techniques": [t.GradientNormalization("gran")]},
                 None),
        "gn": ("GradientNormalization('gn')", lambda: {"techniques": [t.GradientNormalization("gn")]}, None),
        "gn_hinge": ("GradientNormalization('gn') with the hinge loss (GN-GAN's default)",
                     lambda: {"adversarial_loss": "hinge", "techniques": [t.GradientNormalization("gn")]}, None),
        "egan": ("MixtureEGAN: a child per mutation (minimax, heuristic, least squares), fitness F_q + 0.01·F_d",
                 lambda: {"model_class": MixtureEGAN}, None),
        "dat": ("DirectAdversarialTraining(1.0)", lambda: {"techniques": [t.DirectAdversarialTraining()]}, None),
        "tempering_lens": ("TemperingLens(schedule_steps=1000)",
                           lambda: {"techniques": [t.TemperingLens(schedule_steps=1000)]}, None),
    }


def run(task, row, seed, iterations, num_points):
    """Train one row with one seed; returns its record."""
    import keras

    from kerasgan.data import grid_of_gaussians
    from kerasgan.data import load_mnist_subset
    from kerasgan.data import ring_of_gaussians
    from kerasgan.data import sample_mixture
    from kerasgan.metrics import mixture_mode_metrics
    from kerasgan.zoo import get_preset

    preset = get_preset(TASKS[task])
    what, overrides, optimizers = rows()[row]
    keras.utils.set_random_seed(seed)
    changes = overrides()
    model_class = changes.pop("model_class", None)  # a training procedure of its own (E-GAN)
    try:
        if model_class is not None and task == "mnist":
            raise ValueError(f"{model_class.__name__} is a model of the 2-D tasks")
        gan = (preset.build(seed=seed, **changes) if model_class is None
               else model_class.from_config({**preset.architecture, **changes, "seed": seed}))
    except ValueError as refused:
        raise Refused(str(refused)) from refused
    if optimizers is None:
        gan.compile()
    else:
        g_optimizer, d_optimizer = optimizers()
        gan.compile(g_optimizer=g_optimizer, d_optimizer=d_optimizer)
    critic_batch = preset.fit["critic_batch_size"]
    batch = gan.iteration_batch_size(critic_batch)
    if task == "mnist":
        x, _ = load_mnist_subset()
        x = x[: iterations * batch]  # fewer iterations than an epoch: the first digits
    else:
        spec = ring_of_gaussians() if task == "ring8" else grid_of_gaussians()
        x = sample_mixture(spec, num_points, seed=seed)
    num_points = len(x)
    per_epoch = -(-num_points // batch)  # a last, partial batch is an iteration too
    epochs = max(-(-iterations // per_epoch), 1)
    start = time.time()
    history = gan.fit(x, batch_size=batch, epochs=epochs, shuffle=True, verbose=0)
    seconds = time.time() - start
    steps = epochs * per_epoch
    record = {
        "task": task, "row": row, "changes": what, "seed": seed, "iterations": steps,
        "critic_updates": int(keras.ops.convert_to_numpy(gan.d_optimizer.iterations)),
        "generator_updates": int(keras.ops.convert_to_numpy(gan.g_optimizer.iterations)),
        "seconds_per_iteration": round(seconds / steps, 5),
        "final_logs": {k: round(float(v[-1]), 4) for k, v in history.history.items()},
        "backend": keras.backend.backend(),
    }
    if task == "mnist":
        return {**record, **mnist_quality(gan)}
    metrics = mixture_mode_metrics(keras.ops.convert_to_numpy(gan.generate(2500, seed=0)), spec)
    return {**record, "modes_covered": int(metrics["modes_covered"]), "num_modes": int(metrics["num_modes"]),
            "high_quality_percent": round(float(metrics["high_quality_percent"]), 2)}


def mnist_quality(gan):
    """FID in the MNIST classifier's features and class coverage of the same samples."""
    from kerasgan.data import load_mnist_test
    from kerasgan.metrics import ClassCoverage
    from kerasgan.metrics import GANEvaluator
    from kerasgan.metrics import MNISTClassifier

    classifier = MNISTClassifier.pretrained()
    reference, _ = load_mnist_test(drop_training_overlap=True)
    evaluator = GANEvaluator(classifier, reference_images=reference, metrics=("fid",), num_samples=MNIST_SAMPLES)
    samples = gan.generate(MNIST_SAMPLES, seed=evaluator.seed)
    coverage = ClassCoverage(classifier.predict_digits, 10, MNIST_SAMPLES).evaluate_samples(samples)
    return {"fid": round(float(evaluator.evaluate_samples(samples)["fid"]), 2),
            **{k: round(float(v), 4) for k, v in coverage.items()}}


def table(records):
    """Markdown: one line per row, mean [min, max] over its seeds."""
    mnist = any("fid" in r for r in records)
    quality = "| FID | class entropy |" if mnist else "| modes | high-quality % |"
    lines = [f"| row | changes | seeds {quality} s / iteration |", "|---|---|---|---|---|---|"]
    order = list(rows())
    by_row = {}
    for record in records:
        by_row.setdefault(record["row"], []).append(record)
    for name in sorted(by_row, key=order.index):
        runs = by_row[name]

        def spread(key, digits=1, runs=runs):
            values = np.array([r[key] for r in runs], float)
            return f"{values.mean():.{digits}f} [{values.min():.{digits}f}, {values.max():.{digits}f}]"

        if mnist:
            measured = f"{spread('fid')} | {spread('class_entropy', 3)}"
        else:
            measured = f"{spread('modes_covered')} / {runs[0]['num_modes']} | {spread('high_quality_percent')}"
        lines.append(f"| {name} | {runs[0]['changes']} | {len(runs)} | {measured} | "
                     f"{spread('seconds_per_iteration', 3)} |")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--task", choices=sorted(TASKS), default="ring8")
    parser.add_argument("--rows", default="all", help="comma-separated row names, or all")
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--iterations", type=int, default=5000, help="fit batches (generator iterations) per run")
    parser.add_argument("--points", type=int, default=100_000, help="training points drawn from the mixture")
    parser.add_argument("--out", default=None, help="JSON file (default: benchmarks/results/stability_<task>.json)")
    args = parser.parse_args(argv)
    known = rows()
    names = list(known) if args.rows == "all" else args.rows.split(",")
    unknown = [n for n in names if n not in known]
    if unknown:
        parser.error(f"unknown rows {unknown}; expected some of {list(known)}")
    seeds = [int(s) for s in args.seeds.split(",")]
    out = args.out or os.path.join(RESULTS, f"stability_{args.task}.json")
    records = json.load(open(out)) if os.path.isfile(out) else []
    for name in names:
        for seed in seeds:
            try:
                record = run(args.task, name, seed, args.iterations, args.points)
            except Refused as refused:  # the task's model cannot take this row's technique
                print(f"row {name} refused on {args.task}: {refused}", flush=True)
                break
            records = [r for r in records if (r["row"], r["seed"]) != (name, seed)] + [record]
            os.makedirs(os.path.dirname(out), exist_ok=True)
            with open(out + ".partial", "w") as f:
                json.dump(records, f, indent=1)
            os.replace(out + ".partial", out)
            print(json.dumps(record), flush=True)
    print(table(records))


if __name__ == "__main__":
    main()
