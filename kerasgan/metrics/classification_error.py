import numpy as np


class ClassificationError:
    """The test error of a model that classifies (`SemiSupervisedGAN.classify`) on labelled
    images, as an evaluator for `kerasgan.callbacks.EvaluationCallback`: `evaluate(gan)` gives
    `{"test_error": fraction wrong, "test_errors": count wrong}`.

    Args:
        images: float `(N, H, W, C)` in [-1, 1].
        labels: int class ids `(N,)`.
        use_average: classify with the model's averaged classifier (what `classify` uses by default).

    Example:

    ```python
    x_test, y_test = kerasgan.data.load_mnist_test(drop_training_overlap=True)
    tracker = kerasgan.callbacks.EvaluationCallback(kerasgan.metrics.ClassificationError(x_test, y_test), 10)
    ```
    """

    def __init__(self, images, labels, use_average=True):
        images, labels = np.asarray(images, "float32"), np.asarray(labels)
        if labels.ndim != 1 or len(labels) != len(images) or not np.issubdtype(labels.dtype, np.integer):
            raise ValueError(f"ClassificationError expects one integer class id per image ({len(images)} images); "
                             f"received {labels.dtype} labels of shape {labels.shape}.")
        self.images, self.labels, self.use_average = images, labels, bool(use_average)

    def evaluate(self, gan):
        if not hasattr(gan, "classify"):
            raise TypeError(f"ClassificationError needs a model with `classify(images)`; received a "
                            f"{type(gan).__name__}.")
        wrong = int((gan.classify(self.images, use_average=self.use_average).argmax(axis=1) != self.labels).sum())
        return {"test_error": wrong / len(self.labels), "test_errors": wrong}
