"""`kerasgan sample`: images from a trained GAN as a grid PNG or an .npz."""

import argparse
import os

import numpy as np

from kerasgan.cli.models import load_gan

MODEL_HELP = (
    "a kerasgan train output folder, a preset name (kerasgan.zoo.list()), a preset folder or its URL, or a saved "
    "model (.keras)"
)


def add_parser(sub):
    s = sub.add_parser(
        "sample",
        help="draw samples from a GAN into a grid PNG or an .npz",
        description=__doc__,
        epilog="examples:\n  kerasgan sample runs/faces --num 64 --out faces.png\n"
        "  kerasgan sample biggan_mnist --class 3 --truncation 1.0 --out threes.npz",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    s.add_argument("model", help=MODEL_HELP)
    s.add_argument("--num", type=int, default=64, help="number of samples (default 64)")
    s.add_argument("--out", default="samples.png", help="a .png (grid) or .npz (images in [-1, 1], labels)")
    s.add_argument("--seed", type=int, default=0, help="seed of the latents (and labels)")
    group = s.add_mutually_exclusive_group()
    group.add_argument("--class", dest="class_id", type=int, default=None, help="class-conditional: one class")
    group.add_argument("--labels", default=None, help="class-conditional: comma-separated class ids, repeated")
    s.add_argument("--truncation", type=float, default=None, help="truncation trick threshold (normal latents)")
    s.add_argument("--columns", type=int, default=None, help="grid columns (default 8, or one per class)")
    s.add_argument("--no-ema", action="store_true", help="use the generator, not its EMA copy")
    return s


def run(args):
    from kerasgan.utils.images import save_image_grid

    if args.num < 1:
        raise ValueError(f"--num must be a positive integer; received {args.num}.")
    extension = os.path.splitext(args.out)[1].lower()
    if extension not in (".png", ".npz"):
        raise ValueError(f"--out must end in .png (a grid) or .npz (arrays); received {args.out!r}.")
    gan = load_gan(args.model, "sample", MODEL_HELP)
    labels = _labels(gan, args)
    images = gan.generate(args.num, seed=args.seed, labels=labels, use_ema=not args.no_ema, truncation=args.truncation)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    if extension == ".npz":
        np.savez(args.out, images=images, **({} if labels is None else {"labels": np.asarray(labels)}))
    else:
        if len(gan.image_shape) != 3:
            raise ValueError(f"{type(gan).__name__} draws {gan.image_shape} vectors, not images: use --out FILE.npz.")
        columns = args.columns or (gan.num_classes if labels is not None and args.labels is None
                                   and args.class_id is None else 8)
        save_image_grid(images, args.out, columns=columns)
    print(f"kerasgan sample: wrote {args.num} samples of {args.model} to {args.out}.")
    return args.out


def _labels(gan, args):
    if not gan.num_classes:
        if args.class_id is not None or args.labels is not None:
            raise ValueError(f"{args.model} is not class-conditional: --class and --labels do not apply.")
        return None
    if args.class_id is not None:
        ids = [args.class_id]
    elif args.labels is not None:
        try:
            ids = [int(v) for v in args.labels.split(",") if v.strip()]
        except ValueError:
            raise ValueError(f"--labels takes comma-separated class ids; received {args.labels!r}.") from None
    else:
        ids = list(range(gan.num_classes))
    bad = [i for i in ids if not 0 <= i < gan.num_classes]
    if not ids or bad:
        raise ValueError(f"{args.model} has classes 0..{gan.num_classes - 1}; received {ids}.")
    return np.resize(np.asarray(ids, "int32"), args.num)
