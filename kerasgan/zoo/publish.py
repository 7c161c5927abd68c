"""Write a trained preset's files: weights (no optimizer state), sha256, metrics, sample picture."""

import datetime
import json
import os
import platform

import numpy as np

from kerasgan.metrics._files import sha256_of_file
from kerasgan.zoo.images import save_image_grid
from kerasgan.zoo.images import save_scatter


def save_preset_weights(gan, preset, path):
    """Save `gan`'s networks (generator, discriminator, EMA generator) and seed state to `path`
    without optimizer state, atomically (a temporary file renamed into place)."""
    clean = preset.build()
    for name in ("generator", "discriminator", "ema_generator"):
        source, target = getattr(gan, name), getattr(clean, name)
        if (source is None) != (target is None):
            raise ValueError(f"The trained model and preset {preset.name!r} disagree on `{name}`.")
        if source is not None:
            target.set_weights(source.get_weights())
    clean.seed_generator.state.assign(gan.seed_generator.state)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    partial = path + ".partial.weights.h5"
    try:
        clean.save_weights(partial)
        os.replace(partial, path)
    finally:
        if os.path.exists(partial):
            os.remove(partial)
    return path


def save_samples_picture(gan, path, seed=0, centers=None):
    """An 8×8 grid of samples (class-conditional models: 8 rows, one column per class), or a
    scatter plot of 2,500 samples for 2-D models."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    if len(gan.image_shape) == 1:
        save_scatter(gan.generate(2500, seed=seed), path, centers=centers)
        return path
    if gan.num_classes:  # one column per class
        labels = np.tile(np.arange(gan.num_classes), 8)
        save_image_grid(gan.generate(len(labels), seed=seed, labels=labels), path, columns=gan.num_classes)
    else:
        save_image_grid(gan.generate(64, seed=seed), path)
    return path


def publish(gan, preset, measure, training, root, centers=None):
    """Write `<root>/pretrained/<name>.weights.h5` first (so a failing measurement loses no
    training), then `<root>/zoo/images/<name>.png` and `<root>/recipes/results/<name>.json`
    (`measure(gan)`'s metrics, training facts, sha256); returns the record."""
    import keras

    weights = save_preset_weights(gan, preset, os.path.join(root, "pretrained", f"{preset.name}.weights.h5"))
    save_samples_picture(gan, os.path.join(root, preset.sample_image), centers=centers)
    metrics = measure(gan)
    record = {
        "name": preset.name,
        "weights_file": os.path.basename(weights),
        "sha256": sha256_of_file(weights),
        "size_bytes": os.path.getsize(weights),
        "metrics": metrics,
        "training": {
            **training,
            "backend": keras.backend.backend(),
            "keras": keras.__version__,
            "machine": f"{platform.machine()}, {os.cpu_count()} CPU cores",
            "date": datetime.date.today().isoformat(),
        },
    }
    results = os.path.join(root, "recipes", "results", f"{preset.name}.json")
    os.makedirs(os.path.dirname(results), exist_ok=True)
    with open(results + ".partial", "w") as f:
        json.dump(record, f, indent=2)
    os.replace(results + ".partial", results)
    return record
