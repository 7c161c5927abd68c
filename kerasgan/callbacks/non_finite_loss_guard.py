import math

import keras


class NonFiniteLossGuard(keras.callbacks.Callback):
    """Stop training with a `FloatingPointError` as soon as a logged loss is not finite.

    `GAN.fit` adds it unless the model was compiled with `check_finite=False`. Unlike
    `keras.callbacks.TerminateOnNaN`, which stops quietly, it raises an error naming the term,
    the batch and the value, so a diverged run cannot be mistaken for a finished one. A `GAN`
    compiled with `check_finite=True` (the default) has already undone that step: its weights and
    optimizer state are those from before the bad batch.

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
                    f"Training stopped: '{key}' is {value} at epoch {self._epoch}, batch {batch}; "
                    "expected a finite value. Likely causes, most likely first: NaN or infinite values "
                    "in that batch of data, data not scaled to [-1, 1], learning rates too high. A GAN "
                    "compiled with check_finite=True undid the step: its weights and optimizer state "
                    "are those from before that batch."
                )
