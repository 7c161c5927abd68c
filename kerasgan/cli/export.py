"""`kerasgan export`: a GAN's generator as a TF SavedModel or ONNX file for serving."""

import argparse

from kerasgan.cli.models import load_gan
from kerasgan.cli.sample import MODEL_HELP

FORMATS = ("tf_saved_model", "onnx")


def add_parser(sub):
    e = sub.add_parser(
        "export",
        help="export a GAN's generator (SavedModel or ONNX)",
        description=__doc__
        + "\n\nA SavedModel has a `generate(z)` (or `generate(z, labels)`) signature and needs the TensorFlow or "
        "JAX backend; ONNX uses the backend's exporter (tf2onnx, torch.onnx).",
        epilog="examples:\n  kerasgan export runs/faces faces_savedmodel\n"
        "  KERAS_BACKEND=torch kerasgan export dcgan_mnist dcgan.onnx --format onnx",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    e.add_argument("model", help=MODEL_HELP)
    e.add_argument("path", help="where to write: a folder (tf_saved_model) or a .onnx file")
    e.add_argument("--format", choices=FORMATS, default="tf_saved_model", help="default tf_saved_model")
    e.add_argument("--no-ema", action="store_true", help="export the generator, not its EMA copy")
    return e


def run(args):
    gan = load_gan(args.model, "export", MODEL_HELP)
    gan.export_generator(args.path, format=args.format, use_ema=not args.no_ema)
    print(f"kerasgan export: wrote the generator of {args.model} to {args.path} ({args.format}).")
    return args.path
