import keras

from kerasgan.callbacks.periodic import every_n_epochs_arg
from kerasgan.callbacks.periodic import is_due


class EvaluationCallback(keras.callbacks.Callback):
    """Evaluate a GAN every `every_n_epochs` epochs during `fit` and log the metrics.

    The values are added to the epoch's logs (so they appear in `History`, the progress bar,
    `CSVLogger`, TensorBoard, and can drive `ModelCheckpoint(monitor="fid", mode="min")`).

    Args:
        evaluator: a `kerasgan.metrics.GANEvaluator` (or any object with `evaluate(gan) -> dict`).
        every_n_epochs: evaluation period; the last epoch of `fit` is always evaluated.
        prefix: prepended to each metric name in the logs.

    Example:

    ```python
    evaluator = kerasgan.metrics.GANEvaluator(clf, reference_images=x, metrics=("fid",), num_samples=1000)
    gan.fit(x, epochs=10, callbacks=[kerasgan.callbacks.EvaluationCallback(evaluator, every_n_epochs=2)])
    ```
    """

    def __init__(self, evaluator, every_n_epochs=1, prefix=""):
        super().__init__()
        if not hasattr(evaluator, "evaluate"):
            raise TypeError(
                "EvaluationCallback expects an evaluator with `evaluate(gan) -> dict` (e.g. "
                f"kerasgan.metrics.GANEvaluator); received {type(evaluator).__name__}."
            )
        self.evaluator = evaluator
        self.every_n_epochs = every_n_epochs_arg(every_n_epochs)
        self.prefix = prefix
        self.history = []

    def on_epoch_end(self, epoch, logs=None):
        if not is_due(self, epoch, self.every_n_epochs):
            return
        results = {self.prefix + k: v for k, v in self.evaluator.evaluate(self.model).items()}
        self.history.append({"epoch": epoch, **results})
        if logs is not None:
            logs.update(results)
