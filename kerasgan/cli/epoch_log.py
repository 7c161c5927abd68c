import json
import os

import keras

from kerasgan.utils.files import atomic_write


class EpochLog(keras.callbacks.Callback):
    """Keep `log.json` of a `kerasgan train` run: one entry per completed epoch (its logs), written
    atomically after each epoch; a resumed run drops the entries after its checkpoint's epoch."""

    def __init__(self, path, initial_epoch=0):
        super().__init__()
        self.path = path
        self.entries = []
        if os.path.isfile(path):
            with open(path) as f:
                self.entries = [e for e in json.load(f)["epochs"] if e["epoch"] <= initial_epoch]

    def on_epoch_end(self, epoch, logs=None):
        entry = {"epoch": epoch + 1, **{k: float(v) for k, v in (logs or {}).items()}}
        self.entries.append(entry)
        with atomic_write(self.path, suffix=".json") as tmp, open(tmp, "w") as f:
            json.dump({"epochs": self.entries}, f, indent=1)
