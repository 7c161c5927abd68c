"""`kerasgan` command line: `python -m kerasgan train ...` and `python -m kerasgan eval ...`.

`train` fits a model on the embedded MNIST subset (or a `.npz` of images) and writes the weights,
a sample grid PNG and the training log to an output folder. `eval` loads a saved model and prints
its metrics against a reference data set.
"""

import argparse
import json
import os
import time

import numpy as np

MODELS = ("dcgan", "wgangp", "sngan", "sngan_projection")


def build_model(name, image_shape, seed):
    from kerasgan.models import DCGAN
    from kerasgan.models import SNGAN
    from kerasgan.models import WGANGP
    from kerasgan.models import WGANGPDCGANCritic
    from kerasgan.models import WGANGPDCGANGenerator

    if name == "dcgan":
        return DCGAN(image_shape=image_shape, base_filters=32, seed=seed)
    if name == "wgangp":
        return WGANGP(WGANGPDCGANGenerator(128, image_shape, dim=32), WGANGPDCGANCritic(image_shape, dim=32), seed=seed)
    num_classes = 10 if name == "sngan_projection" else 0
    return SNGAN(image_shape=image_shape, num_classes=num_classes, g_filters=64, d_filters=64, seed=seed)


def train(args):
    import keras

    from kerasgan.data import load_mnist_subset
    from kerasgan.utils.images import save_image_grid

    if args.data == "mnist":
        x, y = load_mnist_subset(pad_to=None if args.model == "dcgan" or args.model == "wgangp" else 32)
    else:
        with np.load(args.data) as f:
            x = f["images"]
            y = f["labels"] if "labels" in f else None
        if x.dtype == np.uint8:
            from kerasgan.data import scale_images

            x = scale_images(x)
    if args.limit:
        x, y = x[: args.limit], (None if y is None else y[: args.limit])
    gan = build_model(args.model, x.shape[1:], args.seed)
    gan.compile()
    data = (x, y) if gan.num_classes else (x,)
    os.makedirs(args.out, exist_ok=True)
    start = time.time()
    history = gan.fit(*data, batch_size=gan.iteration_batch_size(args.batch_size), epochs=args.epochs, verbose=2)
    seconds = time.time() - start
    labels = np.arange(64) % 10 if gan.num_classes else None
    samples = gan.generate(64, seed=0, labels=labels)
    weights = os.path.join(args.out, f"{args.model}.weights.h5")
    gan.save_weights(weights)
    save_image_grid(samples, os.path.join(args.out, f"{args.model}_samples.png"))
    log = {
        "model": args.model,
        "backend": keras.backend.backend(),
        "images": int(len(x)),
        "epochs": args.epochs,
        "seconds": round(seconds, 1),
        "history": {k: [float(v) for v in vals] for k, vals in history.history.items()},
    }
    with open(os.path.join(args.out, f"{args.model}_log.json"), "w") as f:
        json.dump(log, f, indent=2)
    print(
        f"wrote {weights}, {args.model}_samples.png and {args.model}_log.json to {args.out} "
        f"({seconds:.0f} s on {keras.backend.backend()})"
    )


EXTRACTORS = ("mnist_classifier", "fid_inception", "keras_inception")


def make_extractor(name):
    from kerasgan import metrics

    if name == "mnist_classifier":
        return metrics.MNISTClassifier.pretrained()
    if name == "fid_inception":
        return metrics.FIDInceptionV3.pretrained()
    return metrics.KerasInceptionV3Features()


def load_reference(data):
    from kerasgan.data import load_mnist_test
    from kerasgan.data import scale_images

    if data == "mnist":
        return load_mnist_test(drop_training_overlap=True)[0]
    if not os.path.exists(data):
        raise FileNotFoundError(
            "--data expects 'mnist' (the embedded MNIST test set less its 669 overlaps with the training subset) "
            f"or a .npz file with an 'images' array; received {data!r}, which does not exist."
        )
    with np.load(data) as f:
        if "images" not in f:
            raise ValueError(f"{data} has arrays {sorted(f.keys())}; expected one named 'images'.")
        x = f["images"]
    return scale_images(x) if x.dtype == np.uint8 else x.astype("float32")


def load_gan(model, command, expected):
    """A kerasgan GAN from a saved `.keras` file, a preset name, a preset folder or its URL."""
    import keras

    import kerasgan

    if os.path.isfile(model):
        gan = keras.saving.load_model(model)
    elif os.path.isdir(model) or model in kerasgan.zoo.list() or model.startswith(("http://", "https://")):
        gan = kerasgan.zoo.load(model)
    else:
        raise FileNotFoundError(f"`kerasgan {command}` takes {expected}; received {model!r}, which is neither.")
    if not isinstance(gan, kerasgan.GAN):
        raise TypeError(f"{model} holds a {type(gan).__name__}, not a kerasgan GAN.")
    return gan


def evaluate(args):
    import keras

    from kerasgan.metrics import FeatureStatistics
    from kerasgan.metrics import GANEvaluator

    gan = load_gan(args.model, "eval", "a saved model (.keras), a preset name (kerasgan.zoo.list()) or a preset folder")
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


def main(argv=None):
    """Entry point; returns what the subcommand returns (metrics for `eval`)."""
    parser = argparse.ArgumentParser(prog="kerasgan", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train", help="train a model on the embedded MNIST subset or an .npz of images")
    t.add_argument("--model", choices=MODELS, default="dcgan")
    t.add_argument("--data", default="mnist", help="'mnist' (embedded 5k subset) or a .npz with 'images' [, 'labels']")
    t.add_argument("--epochs", type=int, default=20)
    t.add_argument("--batch-size", type=int, default=64, help="images per discriminator step")
    t.add_argument("--limit", type=int, default=0, help="use only the first N images")
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--out", default="runs")
    e = sub.add_parser("eval", help="print the metrics of a saved GAN against a reference data set")
    e.add_argument(
        "model", help="a saved model (.keras), a preset name such as dcgan_mnist, or a preset folder or its URL"
    )
    e.add_argument("--data", default="mnist", help="'mnist' (embedded 10k test set) or a .npz with 'images'")
    e.add_argument("--extractor", choices=EXTRACTORS, default="mnist_classifier")
    e.add_argument(
        "--metrics", default="fid,kid", help="comma-separated: fid, kid, precision_recall, density_coverage, is"
    )
    e.add_argument("--num-samples", type=int, default=5000)
    e.add_argument(
        "--reference-stats", default=None, help=".npz of reference statistics: loaded if it exists, else written"
    )
    e.add_argument("--seed", type=int, default=0)
    v = sub.add_parser("levels", help="write levels generated by a level GAN in GVGAI's text format")
    v.add_argument("model", help="a saved CESAGAN (.keras) or a preset name such as cesagan_zelda")
    v.add_argument("--num-levels", type=int, default=10)
    v.add_argument("--playable-only", action="store_true", help="keep only playable levels (draws up to 20x more)")
    v.add_argument("--seed", type=int, default=0)
    v.add_argument("--prefix", default="zelda_lvl")
    v.add_argument("--out", default="generated_levels")
    args = parser.parse_args(argv)
    if args.command == "train":
        return train(args)
    if args.command == "levels":
        return write_levels(args)
    return evaluate(args)


if __name__ == "__main__":
    main()
