import math

import keras


class NonFiniteLossGuard(keras.callbacks.Callback):
    """Stop training with a `FloatingPointError` as soon as a logged loss is not finite.

    `GAN.fit` adds it unless the model was compiled with `check_finite=False`. Unlike
    `keras.callbacks.TerminateOnNaN`, which stops quietly, it raises an error naming the term,
    the batch and the value, so a diverged run cannot be mistaken for a finished one. The weights
    are then those of the diverged step: restore the last checkpoint.

    Args:
        keys: log names to watch; `None` watches every logged value.

    Example:

    ```python
    gan.fit(x, epochs=5, callbacks=[kerasgan.callbacks.NonFiniteLossGuard()])
    ```
    """

    def __init__(self, keys=None):
        super().__init__()
        self.keys = None if keys is None else tuple(keys)
        self._epoch = 0

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch = epoch

    def on_train_batch_end(self, batch, logs=None):
        for key, value in (logs or {}).items():
            if self.keys is not None and key not in self.keys:
                continue
            try:
                value = float(value)
            except (TypeError, ValueError):
                continue
            if not math.isfinite(value):
                raise FloatingPointError(
                    f"Training diverged: '{key}' is {value} at epoch {self._epoch}, batch {batch}; "
                    "expected a finite value. Lower the learning rates, check the input scaling "
                    "([-1, 1] floats), and restore the last checkpoint (the current weights are "
                    "those of the diverged step)."
                )
