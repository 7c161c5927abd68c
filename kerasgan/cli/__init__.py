"""`kerasgan` command line (`kerasgan ...` or `python -m kerasgan ...`).

  train    train a GAN on your images (a folder, .npz/.npy, tfds:NAME or the embedded MNIST), with
           checkpoints, --resume, sample grids, logs, TensorBoard and evaluation
  sample   draw samples from a trained GAN into a grid PNG or an .npz
  export   export a generator as a TF SavedModel or ONNX
  eval     print a GAN's metrics (FID, KID, ...) against a reference data set
  levels   write levels of a level GAN (CESAGAN) as GVGAI text files

`kerasgan COMMAND --help` describes each. KERAS_BACKEND picks the backend (tensorflow, jax, torch).
A mistake in the options or the data is reported in one line (KERASGAN_TRACEBACK=1 shows where).
"""

import argparse
import json
import os
import sys

from kerasgan.cli import export
from kerasgan.cli import sample
from kerasgan.cli import train
from kerasgan.cli.models import MODELS
from kerasgan.cli.models import build_model
from kerasgan.cli.models import load_gan
from kerasgan.cli.sample import MODEL_HELP

__all__ = ["MODELS", "build_model", "console_main", "load_gan", "main"]

EXTRACTORS = ("mnist_classifier", "fid_inception", "keras_inception")


def make_extractor(name):
    from kerasgan import metrics

    if name == "mnist_classifier":
        return metrics.MNISTClassifier.pretrained()
    if name == "fid_inception":
        return metrics.FIDInceptionV3.pretrained()
    return metrics.KerasInceptionV3Features()


def load_reference(data):
    from kerasgan.data import load_images
    from kerasgan.data import load_mnist_test

    if data == "mnist":
        return load_mnist_test(drop_training_overlap=True)[0]
    if not os.path.exists(data):
        raise FileNotFoundError(
            "--data expects 'mnist' (the embedded MNIST test set less its 669 overlaps with the training subset) "
            f"or a .npz file with an 'images' array (or a .npy); received {data!r}, which does not exist."
        )
    return load_images(data)[0]


def evaluate(args):
    """Print a GAN's metrics against a reference data set, as JSON."""
    import keras

    from kerasgan.metrics import FeatureStatistics
    from kerasgan.metrics import GANEvaluator

    gan = load_gan(args.model, "eval", MODEL_HELP)
    extractor = make_extractor(args.extractor)
    metric_names = tuple(m.strip() for m in args.metrics.split(",") if m.strip())
    stats = None
    if args.reference_stats and os.path.exists(args.reference_stats):
        stats = FeatureStatistics.load(args.reference_stats, extractor=extractor.NAME)
    needs_images = stats is None or any(m in ("kid", "precision_recall", "density_coverage") for m in metric_names)
    reference = load_reference(args.data) if needs_images else None
    evaluator = GANEvaluator(
        extractor,
        reference_images=reference,
        reference_statistics=stats,
        metrics=metric_names,
        num_samples=args.num_samples,
        seed=args.seed,
    )
    if args.reference_stats and stats is None:
        evaluator.reference_statistics.save(args.reference_stats, extractor.NAME, extractor.SHA256)
    results = evaluator.evaluate(gan)
    print(
        json.dumps(
            {
                "model": args.model,
                "data": args.data,
                "extractor": extractor.NAME,
                "num_samples": args.num_samples,
                "backend": keras.backend.backend(),
                **results,
            },
            indent=2,
        )
    )
    return results


def write_levels(args):
    """Generate levels with a saved CESAGAN or a preset and write them as GVGAI text files."""
    from kerasgan.levels import is_playable
    from kerasgan.levels import write_gvgai_levels

    gan = load_gan(args.model, "levels", "a saved level GAN (.keras) or a preset name such as cesagan_zelda")
    if not hasattr(gan, "generate_levels"):
        raise TypeError(f"{args.model} is a {type(gan).__name__}, which does not generate levels (use a CESAGAN).")
    levels = gan.generate_levels(args.num_levels * (20 if args.playable_only else 1), seed=args.seed)
    if args.playable_only:
        levels = [level for level in levels if is_playable(level)][: args.num_levels]
    paths = write_gvgai_levels(levels, args.out, prefix=args.prefix) if len(levels) else []
    print(json.dumps({"model": args.model, "written": len(paths), "out": args.out}, indent=2))
    return paths


def build_parser():
    """The `kerasgan` argument parser with every command."""
    parser = argparse.ArgumentParser(
        prog="kerasgan", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    train.add_parser(sub)
    sample.add_parser(sub)
    export.add_parser(sub)
    e = sub.add_parser(
        "eval", help="print the metrics of a GAN against a reference data set", description=evaluate.__doc__
    )
    e.add_argument("model", help=MODEL_HELP)
    e.add_argument("--data", default="mnist", help="'mnist' (embedded 10k test set) or a .npz with 'images'")
    e.add_argument("--extractor", choices=EXTRACTORS, default="mnist_classifier", help="feature extractor")
    e.add_argument(
        "--metrics", default="fid,kid", help="comma-separated: fid, kid, precision_recall, density_coverage, is"
    )
    e.add_argument("--num-samples", type=int, default=5000, help="generated samples (default 5000)")
    e.add_argument(
        "--reference-stats", default=None, help=".npz of reference statistics: loaded if it exists, else written"
    )
    e.add_argument("--seed", type=int, default=0, help="seed of the samples")
    v = sub.add_parser(
        "levels", help="write levels generated by a level GAN in GVGAI's text format", description=write_levels.__doc__
    )
    v.add_argument("model", help="a saved CESAGAN (.keras) or a preset name such as cesagan_zelda")
    v.add_argument("--num-levels", type=int, default=10, help="levels to write (default 10)")
    v.add_argument("--playable-only", action="store_true", help="keep only playable levels (draws up to 20x more)")
    v.add_argument("--seed", type=int, default=0, help="seed of the levels")
    v.add_argument("--prefix", default="zelda_lvl", help="file name prefix")
    v.add_argument("--out", default="generated_levels", help="output folder")
    return parser


def main(argv=None):
    """Entry point; returns what the command returns (metrics for `eval`)."""
    args = build_parser().parse_args(argv)
    commands = {"train": train.run, "sample": sample.run, "export": export.run, "levels": write_levels}
    return commands.get(args.command, evaluate)(args)


def console_main(argv=None):
    """The `kerasgan` executable: `main`, returning the exit status 0, with a user's mistake (a bad
    option, missing data) shown as one line instead of a traceback (KERASGAN_TRACEBACK=1 shows it)."""
    try:
        main(argv)
        return 0
    except (ValueError, TypeError, FileNotFoundError, FileExistsError, ImportError) as error:
        if os.environ.get("KERASGAN_TRACEBACK") == "1":
            raise
        print(f"kerasgan: error: {error}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    console_main()
