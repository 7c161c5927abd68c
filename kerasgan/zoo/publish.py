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
    """Save `gan`'s networks (generator, discriminator, EMA generator, auxiliary networks), its
    own state (seed generator, schedules' counters, sample banks) to `path` without optimizer
    state, atomically (a temporary file renamed into place)."""
    clean = preset.build()
    if set(gan.networks) != set(clean.networks):
        raise ValueError(
            f"The trained model has the networks {sorted(gan.networks)} but preset {preset.name!r} builds "
            f"{sorted(clean.networks)}."
        )
    for name, source in gan.networks.items():
        clean.networks[name].set_weights(source.get_weights())
    for target, source in zip(clean._own_state(), gan._own_state(), strict=True):
        target.assign(source)
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
    """An 8×8 grid of samples (class-conditional models: 8 rows, one column per class), a
    scatter plot of 2,500 samples for 2-D models, or 20 rendered levels for level GANs."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    if hasattr(gan, "generate_levels"):  # tile levels: 20 generated levels drawn as coloured cells
        from kerasgan.levels import render_levels

        return render_levels(gan.generate_levels(20, seed=seed), path, columns=5)
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
