"""`kerasgan train`: train a GAN on a folder of images, an .npz/.npy file, a tfds data set or the
embedded MNIST; checkpoints it resumes from, sample grids, logs, TensorBoard, evaluation."""

import argparse
import hashlib
import json
import math
import os
import shutil
import sys
import time

from kerasgan.backend.tensorboard import require_tensorboard
from kerasgan.cli.models import CONDITIONAL
from kerasgan.cli.models import DEFAULT_FILTERS
from kerasgan.cli.models import MODELS
from kerasgan.cli.models import build_model

CONFIG = "train_config.json"
CHECKPOINT = "checkpoint.npz"
# Settings a resumed run may change; the rest come from the saved run.
RESUMABLE = ("epochs", "steps", "verbose", "checkpoint_every", "sample_every", "eval_every", "eval_samples",
             "tensorboard")
# Defaults of a new run (the parser's are None, so that --resume can tell what was given).
DEFAULTS = {"seed": 0, "checkpoint_every": 1, "sample_every": 1, "eval_every": 0, "eval_samples": 2000,
            "tensorboard": False, "color_mode": "auto", "init_weights": False, "ada": False}

EPILOG = """\
--data takes: a folder of images (flat, or one sub-folder per class: the folder names become class
labels; PNG/JPEG/BMP/GIF/WebP, centre-cropped and resized to --image-size), a .npz file ('images'
[, 'labels']) or .npy file (images), 'tfds:NAME[:SPLIT]' (tensorflow-datasets), or 'mnist' (the
embedded 5k MNIST subset, labelled).

--out receives: checkpoint.npz (the whole training state, written atomically every
--checkpoint-every epochs: weights, optimizers, EMA, random streams), train_config.json (the run's
settings; `--resume` reads them), samples/epoch_NNNN.png (fixed latents every --sample-every
epochs), log.json (losses and metrics per epoch), model/ (a preset folder of the final model,
loadable with kerasgan.zoo.load and `kerasgan sample/export OUT/model`), samples.png, and
tensorboard/ with --tensorboard.

examples:
  kerasgan train --data my_faces/ --image-size 64 --model dcgan --epochs 100 --diffaugment --out runs/faces
  kerasgan train --out runs/faces --resume          # after a crash or kill: continue bit for bit
  kerasgan train --data my_digits.npz --preset dcgan_mnist --init-weights --epochs 5 --out runs/finetune
"""


def add_parser(sub):
    t = sub.add_parser(
        "train",
        help="train a GAN on your images (folder, .npz/.npy, tfds) with checkpoints and --resume",
        description=__doc__,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    t.add_argument("--data", default=None, help="image folder, file.npz/.npy, tfds:NAME[:SPLIT] or mnist (default)")
    t.add_argument(
        "--model",
        choices=MODELS,
        default=None,
        help=f"architecture to build at the data's resolution (default dcgan; widths {DEFAULT_FILTERS}); "
        f"{', '.join(CONDITIONAL)} is class-conditional and needs labels",
    )
    t.add_argument(
        "--preset",
        default=None,
        help="a zoo preset (kerasgan.zoo.list()) whose architecture and recipe are trained at its resolution",
    )
    t.add_argument(
        "--init-weights", action="store_true", default=None, help="with --preset: start from its trained weights"
    )
    t.add_argument("--image-size", type=int, default=None, help="side of the square images (needed for folders)")
    t.add_argument(
        "--color-mode",
        choices=("auto", "rgb", "grayscale"),
        default=None,
        help="channels of folder images (auto: those of the first image)",
    )
    t.add_argument("--filters", type=int, default=None, help="base width of --model's networks")
    t.add_argument(
        "--n-critic", type=int, default=None, help="D updates per G update for --model (default the paper's)"
    )
    t.add_argument(
        "--batch-size", type=int, default=None, help="real images per discriminator update (64, or the preset's)"
    )
    length = t.add_mutually_exclusive_group()
    length.add_argument("--epochs", type=int, default=None, help="epochs to train in all (20, or the preset's)")
    length.add_argument("--steps", type=int, default=None, help="GAN iterations to train, rounded up to whole epochs")
    t.add_argument(
        "--diffaugment",
        nargs="?",
        const="color,translation,cutout",
        default=None,
        metavar="POLICY",
        help="DiffAugment every image D sees (default policy color,translation,cutout)",
    )
    t.add_argument(
        "--ada", action="store_true", default=None, help="with --diffaugment: ADA's adaptive probability (target 0.6)"
    )
    t.add_argument(
        "--limit", type=int, default=None, help="use only N images (arrays: the first; folders: a fixed random subset)"
    )
    t.add_argument("--seed", type=int, default=None, help="fixes initial weights, data order and sampling (0)")
    t.add_argument("--out", default=None, help="output folder (default runs/MODEL or runs/PRESET)")
    t.add_argument("--resume", action="store_true", help="continue the run in --out from its last checkpoint")
    t.add_argument("--checkpoint-every", type=int, default=None, metavar="N", help="epochs between checkpoints (1)")
    t.add_argument("--sample-every", type=int, default=None, metavar="N", help="epochs between sample grids (1)")
    t.add_argument(
        "--tensorboard", action="store_true", default=None, help="write TensorBoard logs to OUT/tensorboard"
    )
    t.add_argument(
        "--eval-every", type=int, default=None, metavar="N", help="FID against the training images every N epochs"
    )
    t.add_argument(
        "--eval-samples", type=int, default=None, help="samples (and reference images) per evaluation (2000)"
    )
    t.add_argument(
        "--verbose", type=int, choices=(0, 1, 2), default=None, help="1: progress bar, 2: one line per epoch"
    )
    return t


def run(args):
    if args.out is None:
        if args.resume:
            raise ValueError("--resume continues the run in --out: give --out DIR.")
        args.out = os.path.join("runs", args.preset or args.model or "dcgan")
    out = args.out
    config_path, checkpoint = os.path.join(out, CONFIG), os.path.join(out, CHECKPOINT)
    settings = _settings(args, config_path, checkpoint)
    import keras

    from kerasgan.callbacks import load_training_state
    from kerasgan.utils.files import atomic_write

    keras.utils.set_random_seed(settings["seed"])
    gan = _saved_model(config_path) if args.resume else (_model(settings, None) if settings["preset"] else None)
    image_size = gan.image_shape[0] if gan is not None and len(gan.image_shape) == 3 else settings["image_size"]
    if settings["preset"] and settings["image_size"] not in (None, image_size):
        raise ValueError(
            f"--preset {settings['preset']} is trained at {image_size}x{image_size}; received --image-size "
            f"{settings['image_size']} (leave it out: the data are resized to the preset's resolution)."
        )
    probe = _open(settings, batch_size=1, image_size=image_size, labels=gan is None or bool(gan.num_classes))
    gan = gan or _model(settings, probe)
    _check_data(gan, probe, settings)
    gan.compile()
    recipe = _preset_training(settings) if not args.resume else {}
    settings["fit_batch_size"] = settings.get("fit_batch_size") or (
        gan.iteration_batch_size(settings["batch_size"])
        if settings["batch_size"]
        else recipe.get("fit_batch_size") or gan.iteration_batch_size(64)
    )
    if probe.num_images < settings["fit_batch_size"]:
        raise ValueError(
            f"--data {settings['data']} has {probe.num_images} images, fewer than one GAN iteration takes "
            f"({settings['fit_batch_size']}: {settings['fit_batch_size'] // gan.n_critic} per discriminator update "
            f"x n_critic {gan.n_critic}); lower --batch-size."
        )
    dataset = _open(
        settings,
        batch_size=settings["fit_batch_size"],
        image_size=gan.image_shape[0] if len(gan.image_shape) == 3 else None,
        labels=bool(gan.num_classes),
    )
    if settings["steps"]:
        settings["epochs"] = math.ceil(settings["steps"] / len(dataset))
    settings["epochs"] = epochs = settings["epochs"] or recipe.get("epochs") or 20
    initial_epoch = 0
    fingerprint = _fingerprint(dataset)
    if args.resume:
        with open(config_path) as f:
            saved = json.load(f).get("data")
        if saved != fingerprint:
            raise ValueError(
                f"--resume needs the data of the run: {settings['data']} now holds {fingerprint}, the run was "
                f"trained on {saved}; the per-epoch order (and so the result) would differ."
            )
        initial_epoch = int(load_training_state(gan, checkpoint)["epoch"])
        if epochs < initial_epoch:
            raise ValueError(f"{out} is trained for {initial_epoch} epochs already; received --epochs {epochs}.")
        dataset.set_epoch(initial_epoch)
        shutil.rmtree(os.path.join(out, "model"), ignore_errors=True)  # older than the checkpoint now
    else:
        if os.path.isfile(checkpoint):
            raise FileExistsError(
                f"{out} already holds a training run ({CHECKPOINT}): pass --resume to continue it, or choose "
                "another --out."
            )
        os.makedirs(out, exist_ok=True)
        record = {
            "settings": settings,
            "data": fingerprint,
            "model_config": keras.saving.serialize_keras_object(gan),
        }
        with atomic_write(config_path, suffix=".json") as tmp, open(tmp, "w") as f:
            json.dump(record, f, indent=2)
    verbose = settings["verbose"] if settings["verbose"] is not None else (1 if sys.stdout.isatty() else 2)
    callbacks = _callbacks(gan, dataset, settings, out, checkpoint, initial_epoch)
    start = time.time()
    if initial_epoch < epochs:
        print(_header(gan, dataset, settings, initial_epoch, epochs), flush=True)
        gan.fit(dataset, epochs=epochs, initial_epoch=initial_epoch, verbose=verbose, callbacks=callbacks)
    else:
        print(f"kerasgan train: {out} has completed its {epochs} epochs; raise --epochs to train longer.")
    seconds = time.time() - start
    return _finish(gan, settings, out, epochs, seconds, callbacks)


def _settings(args, config_path, checkpoint):
    given = {k: v for k, v in vars(args).items() if k not in ("command", "resume")}
    for name in ("batch_size", "epochs", "steps", "checkpoint_every", "sample_every", "limit", "image_size",
                 "filters", "n_critic", "eval_samples"):
        if given[name] is not None and given[name] < 1:
            raise ValueError(f"--{name.replace('_', '-')} must be a positive integer; received {given[name]}.")
    if given["eval_every"] is not None and given["eval_every"] < 0:
        raise ValueError(f"--eval-every must be 0 (off) or a positive integer; received {given['eval_every']}.")
    if given["tensorboard"]:
        require_tensorboard()
    if args.resume:
        fixed = sorted(k for k, v in given.items() if v is not None and k not in RESUMABLE and k != "out")
        if fixed:
            raise ValueError(
                f"--resume continues {args.out} with its saved settings ({CONFIG}); these cannot change: "
                f"{', '.join('--' + k.replace('_', '-') for k in fixed)} (only "
                f"{', '.join('--' + k.replace('_', '-') for k in RESUMABLE)} can)."
            )
        if not (os.path.isfile(config_path) and os.path.isfile(checkpoint)):
            raise FileNotFoundError(
                f"--resume continues a run in --out, but {args.out} holds no {CONFIG} and {CHECKPOINT} "
                "(run without --resume to start one)."
            )
        with open(config_path) as f:
            settings = json.load(f)["settings"]
        settings.update({k: given[k] for k in RESUMABLE if given[k] is not None})
        if given["epochs"] is not None:
            settings["steps"] = None
        return settings
    given.update({k: v for k, v in DEFAULTS.items() if given[k] is None})
    if args.model and args.preset:
        raise ValueError(f"Give --model or --preset, not both; received --model {args.model} --preset {args.preset}.")
    if given["init_weights"] and not args.preset:
        raise ValueError("--init-weights starts from a preset's trained weights: it needs --preset NAME.")
    if given["ada"] and not args.diffaugment:
        raise ValueError("--ada adapts DiffAugment's probability: it needs --diffaugment.")
    if args.preset and (args.filters or args.n_critic):
        raise ValueError("--filters and --n-critic shape a --model; a --preset keeps its own architecture and recipe.")
    if given["data"] and os.path.isdir(given["data"]) and not given["image_size"] and not args.preset:
        raise ValueError(f"--data {given['data']} is an image folder: give --image-size N (images are resized to NxN).")
    given["model"] = given["model"] or (None if args.preset else "dcgan")
    given["data"] = given["data"] or "mnist"
    return given


def _fingerprint(dataset):
    """What identifies the training data of a run: count, shape, classes and (folders) the files."""
    record = {"images": dataset.num_images, "shape": list(dataset.image_shape), "classes": dataset.num_classes}
    files = getattr(dataset, "files", None)
    if files is not None:
        names = "\n".join(os.path.relpath(f, dataset.path) for f in files)
        record["files_sha256"] = hashlib.sha256(names.encode()).hexdigest()
    return record


def _preset_training(settings):
    """The preset's own training record (fit batch size, epochs), when it has one."""
    if not settings["preset"]:
        return {}
    from kerasgan import zoo

    return zoo.info(settings["preset"]).get("training") or {}


def _open(settings, batch_size, image_size, labels=True):
    from kerasgan.data import open_data

    return open_data(
        settings["data"],
        batch_size=batch_size,
        image_size=image_size,
        color_mode=settings["color_mode"],
        seed=settings["seed"],
        limit=settings["limit"],
        labels=labels,
    )


def _model(settings, probe):
    from kerasgan import zoo
    from kerasgan.techniques import DiffAugment

    augment = None
    if settings["diffaugment"]:
        augment = DiffAugment(settings["diffaugment"], adaptive=settings["ada"], seed=settings["seed"])
    if settings["preset"]:
        gan = zoo.load(settings["preset"], weights=settings["init_weights"])
        if augment is not None:
            gan.add_techniques(augment)  # saved in the config (no rebuild: the model's state is kept)
        return gan
    if settings["model"] in CONDITIONAL and not probe.num_classes:
        raise ValueError(
            f"--model {settings['model']} is class-conditional: --data needs labels (one sub-folder per class, "
            f"or 'labels' in the .npz); {settings['data']} has none."
        )
    return build_model(
        settings["model"],
        probe.image_shape,
        settings["seed"],
        num_classes=probe.num_classes,
        filters=settings["filters"],
        augment=augment,
        n_critic=settings["n_critic"],
    )


def _saved_model(config_path):
    import keras

    with open(config_path) as f:
        return keras.saving.deserialize_keras_object(json.load(f)["model_config"])


def _check_data(gan, dataset, settings):
    if tuple(dataset.image_shape) != tuple(gan.image_shape):
        raise ValueError(
            f"The model takes images of shape {tuple(gan.image_shape)}; --data {settings['data']} gives "
            f"{tuple(dataset.image_shape)}. Match --image-size / --color-mode, or the data, to the model."
        )
    if gan.num_classes and not dataset.num_classes:
        raise ValueError(
            f"{type(gan).__name__} is class-conditional ({gan.num_classes} classes): --data needs labels "
            "(one sub-folder per class, or 'labels' in the .npz)."
        )
    if gan.num_classes and dataset.num_classes > gan.num_classes:
        raise ValueError(
            f"{type(gan).__name__} has {gan.num_classes} classes; --data {settings['data']} has {dataset.num_classes}."
        )


def _header(gan, dataset, settings, initial_epoch, epochs):
    import keras

    params = sum(int(math.prod(v.shape)) for v in gan.generator.weights + gan.discriminator.weights)
    what = settings["preset"] or settings["model"]
    resumed = f"resuming after epoch {initial_epoch}, " if initial_epoch else ""
    return (
        f"kerasgan train: {what} ({type(gan).__name__}, {params:,} parameters in G and D) on {dataset.num_images} "
        f"images {tuple(dataset.image_shape)} from {settings['data']}, {len(dataset)} batches of "
        f"{dataset.batch_size} per epoch; {resumed}epochs {initial_epoch + 1}-{epochs} on "
        f"{keras.backend.backend()}. The first step compiles the training step (seconds to minutes on a CPU) "
        "before the progress moves."
    )


def _callbacks(gan, dataset, settings, out, checkpoint, initial_epoch):
    import keras

    from kerasgan import callbacks as gan_callbacks
    from kerasgan.cli.epoch_log import EpochLog

    tensorboard = os.path.join(out, "tensorboard") if settings["tensorboard"] else None
    callbacks = []
    if settings["eval_every"]:
        callbacks.append(
            gan_callbacks.EvaluationCallback(_evaluator(gan, settings), every_n_epochs=settings["eval_every"])
        )
    # The log first: a kill right after a checkpoint leaves the log at least as far as it.
    callbacks += [
        EpochLog(os.path.join(out, "log.json"), initial_epoch),
        gan_callbacks.TrainingCheckpoint(
            checkpoint, every_n_epochs=settings["checkpoint_every"], info={"data": settings["data"]}
        ),
        gan_callbacks.SampleGrid(
            os.path.join(out, "samples"), every_n_epochs=settings["sample_every"], tensorboard_dir=tensorboard
        ),
    ]
    if tensorboard:
        callbacks.append(keras.callbacks.TensorBoard(tensorboard, write_graph=False))
    return callbacks


def _evaluator(gan, settings):
    import numpy as np

    from kerasgan import metrics

    shape = tuple(gan.image_shape)
    if len(shape) == 3 and shape[-1] == 1 and shape[0] in (28, 32):
        extractor = metrics.MNISTClassifier.pretrained()
    else:
        extractor = metrics.FIDInceptionV3.pretrained()
    from kerasgan.data import open_data

    reference = open_data(
        settings["data"], batch_size=256, image_size=shape[0], color_mode=settings["color_mode"], shuffle=True,
        seed=0, limit=settings["limit"], labels=False, drop_remainder=False,
    )
    images = []
    for i in range(len(reference)):
        images.append(reference[i][0])
        if sum(len(b) for b in images) >= settings["eval_samples"]:
            break
    images = np.concatenate(images)[: settings["eval_samples"]]
    return metrics.GANEvaluator(
        extractor, reference_images=images, metrics=("fid",), num_samples=settings["eval_samples"], seed=0
    )


def _finish(gan, settings, out, epochs, seconds, callbacks):
    import keras

    model_dir = os.path.join(out, "model")
    gan.save_to_preset(
        model_dir,
        metadata={
            "description": f"kerasgan train on {settings['data']}",
            "dataset": settings["data"],
            "training": {"epochs": epochs, "settings": settings},
        },
    )
    gan.save_samples_picture(os.path.join(out, "samples.png"))
    grids = next(c for c in callbacks if type(c).__name__ == "SampleGrid").written
    line = (
        f"kerasgan train: done, {epochs} epoch{'s' if epochs != 1 else ''} "
        f"({seconds:.0f} s this session on {keras.backend.backend()}). "
        f"In {out}: model/ (kerasgan sample {model_dir}), {CHECKPOINT} (--resume), samples.png, "
        f"samples/ ({len(grids)} new grids), log.json"
    )
    if settings["tensorboard"]:
        line += f", tensorboard/ (tensorboard --logdir {os.path.join(out, 'tensorboard')})"
    print(line + ".", flush=True)
    return {"out": out, "epochs": epochs, "model": model_dir, "seconds": seconds}
