import json
import os

import keras
import numpy as np

from kerasgan.callbacks.periodic import every_n_epochs_arg
from kerasgan.callbacks.periodic import is_due
from kerasgan.utils.files import atomic_write

FORMAT_VERSION = 1


def training_state(gan, optimizer=True):
    """Every variable a GAN's training continues from: the networks' weights (EMA copy, seed
    generators, spectral-norm vectors, augmentation counters included) and, with `optimizer`,
    both optimizers' moments and step counters."""
    variables = list(gan.variables)
    if optimizer:
        if getattr(gan, "optimizer", None) is None:
            raise ValueError(f"{type(gan).__name__} is not compiled: compile it before saving or loading its training.")
        variables += list(gan.optimizer.variables)
    return variables


def save_training_state(gan, path, info=None):
    """Write `training_state(gan)` and the JSON-serializable `info` to one `.npz` at `path`,
    atomically: the previous file stays whole until the new one is complete on disk."""
    variables = training_state(gan)
    arrays = {f"v{i:05d}": keras.ops.convert_to_numpy(v.value) for i, v in enumerate(variables)}
    with atomic_write(path, suffix=".npz") as tmp:
        with open(tmp, "wb") as f:
            np.savez(
                f,
                format_version=np.int64(FORMAT_VERSION),
                paths=np.array([v.path for v in variables]),
                info=np.str_(json.dumps(info or {})),
                **arrays,
            )


def load_training_state(gan, path, optimizer=True):
    """Assign the state saved by `save_training_state` to `gan` (compiled, when `optimizer`) and
    return its `info`. Nothing is assigned unless every variable matches in number and shape."""
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise FileNotFoundError(f"No training checkpoint at {path}.")
    with np.load(path, allow_pickle=False) as f:
        if "format_version" not in f or int(f["format_version"]) != FORMAT_VERSION:
            raise ValueError(f"{path} is not a kerasgan training checkpoint (format {FORMAT_VERSION}).")
        saved_paths = [str(p) for p in f["paths"]]
        info = json.loads(str(f["info"]))
        variables = training_state(gan, optimizer)
        if len(saved_paths) < len(variables) or (optimizer and len(saved_paths) != len(variables)):
            raise ValueError(
                f"{path} holds {len(saved_paths)} variables; this {type(gan).__name__} has {len(variables)}: "
                "it was saved from a different model (or model options)."
            )
        values = [f[f"v{i:05d}"] for i in range(len(variables))]
    for variable, saved, value in zip(variables, saved_paths[: len(variables)], values, strict=True):
        # Names get numbered per process (`dense_3`, `adam_2/dense_3_kernel_momentum`): compare shapes.
        if tuple(variable.shape) != value.shape:
            raise ValueError(
                f"{path} does not fit this {type(gan).__name__}: variable {saved!r} of shape {value.shape} is "
                f"saved where the model has {variable.path!r} of shape {tuple(variable.shape)}."
            )
    for variable, value in zip(variables, values, strict=True):
        variable.assign(value)
    return info


class TrainingCheckpoint(keras.callbacks.Callback):
    """Save a GAN's whole training state every `every_n_epochs` epochs (and after the last), so
    `fit` can continue after a crash exactly where the checkpoint left it.

    One `.npz` holds the weights of every network, the seed generators' states (latents, labels,
    augmentations continue their streams) and the optimizers' moments and counters, with
    `info` plus `{"epoch": completed epochs}`. Each write goes to a temporary file that replaces
    the old checkpoint only when complete and on disk: a crash, `kill -9` or a full disk
    mid-write leaves the previous checkpoint intact. `load_training_state(gan, path)` restores
    it (into the same model, compiled) and returns the info.

    Args:
        path: the checkpoint file (`.npz`).
        every_n_epochs: the saving period.
        info: JSON-serializable facts stored with each checkpoint.

    Example:

    ```python
    gan.fit(x, epochs=10, callbacks=[kerasgan.callbacks.TrainingCheckpoint("run/checkpoint.npz")])
    # after a crash: same model, compile(), then
    epoch = kerasgan.callbacks.load_training_state(gan, "run/checkpoint.npz")["epoch"]
    gan.fit(x, epochs=10, initial_epoch=epoch, callbacks=[...])
    ```
    """

    def __init__(self, path, every_n_epochs=1, info=None):
        super().__init__()
        self.path = os.fspath(path)
        self.every_n_epochs = every_n_epochs_arg(every_n_epochs)
        self.info = dict(info or {})
        self.saved_epoch = None

    def on_epoch_end(self, epoch, logs=None):
        if not is_due(self, epoch, self.every_n_epochs):
            return
        save_training_state(self.model, self.path, {**self.info, "epoch": epoch + 1})
        self.saved_epoch = epoch + 1
