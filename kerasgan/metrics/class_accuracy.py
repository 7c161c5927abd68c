import numpy as np


class ClassConditionalAccuracy:
    """How often a class-conditional GAN draws the class it is asked for, read by a classifier.

    Generates `samples_per_class` images of every class (`gan.generate(..., seed=seed,
    labels=...)`) and compares the classifier's decisions with the requested labels. The overall
    accuracy and the lowest per-class accuracy are the numbers to watch: a generator that draws
    only the easy classes well has a high mean and a low minimum. An `evaluate(gan) -> dict`
    evaluator, so it plugs into `kerasgan.callbacks.EvaluationCallback`.

    Args:
        classify: a callable from images in [-1, 1] to int class ids, e.g.
            `kerasgan.metrics.MNISTClassifier.pretrained().predict_digits`.
        samples_per_class: images generated per class.
        seed: the latents' seed (`generate`'s).

    Example:

    ```python
    accuracy = ClassConditionalAccuracy(kerasgan.metrics.MNISTClassifier.pretrained().predict_digits)
    accuracy.evaluate(kerasgan.zoo.load("biggan_mnist"))  # {"class_accuracy": ..., "class_accuracy_min": ...}
    ```
    """

    def __init__(self, classify, samples_per_class=100, seed=1):
        if not callable(classify):
            raise TypeError(
                "ClassConditionalAccuracy expects `classify`, a callable from images to class ids (e.g. "
                f"MNISTClassifier.pretrained().predict_digits); received {type(classify).__name__}."
            )
        if not isinstance(samples_per_class, (int, np.integer)) or samples_per_class < 1:
            raise ValueError(f"`samples_per_class` must be a positive int; received {samples_per_class!r}.")
        self.classify = classify
        self.samples_per_class = int(samples_per_class)
        self.seed = seed

    def per_class(self, gan):
        """The accuracy of each class, a float64 array of length `gan.num_classes`."""
        num_classes = getattr(gan, "num_classes", 0)
        if not num_classes:
            raise ValueError(
                f"ClassConditionalAccuracy needs a class-conditional GAN (num_classes > 0); "
                f"{type(gan).__name__} has num_classes={num_classes!r}."
            )
        labels = np.repeat(np.arange(num_classes), self.samples_per_class)
        predicted = np.asarray(self.classify(gan.generate(len(labels), seed=self.seed, labels=labels)))
        return np.array([np.mean(predicted[labels == c] == c) for c in range(num_classes)], dtype="float64")

    def evaluate(self, gan):
        """`{"class_accuracy": mean over classes, "class_accuracy_min": lowest class}`."""
        accuracy = self.per_class(gan)
        return {"class_accuracy": float(accuracy.mean()), "class_accuracy_min": float(accuracy.min())}
