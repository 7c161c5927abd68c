import numpy as np


class ClassCoverage:
    """How evenly an unconditional GAN draws the classes of its data, read by a classifier.

    Generates `num_samples` images (`gan.generate(num_samples, seed=seed)`), classifies them and
    reports the entropy of the class histogram divided by `log(num_classes)` (1 for a uniform
    histogram, 0 for a single class) and the rarest class's share times `num_classes` (1 when
    every class is drawn as often as the others, 0 when one is never drawn). On a balanced data
    set such as MNIST both should be close to 1; a generator that has dropped a digit shows it
    in the second number long before the first. An `evaluate(gan) -> dict` evaluator, so it plugs
    into `kerasgan.callbacks.EvaluationCallback`.

    Args:
        classify: a callable from images in [-1, 1] to int class ids, e.g.
            `kerasgan.metrics.MNISTClassifier.pretrained().predict_digits`.
        num_classes: the number of classes the classifier can return.
        num_samples: images generated per evaluation.
        seed: the latents' seed (`generate`'s).

    Example:

    ```python
    coverage = ClassCoverage(kerasgan.metrics.MNISTClassifier.pretrained().predict_digits, num_classes=10)
    coverage.evaluate(kerasgan.zoo.load("dcgan_mnist"))  # {"class_entropy": ..., "rarest_class_share": ...}
    ```
    """

    def __init__(self, classify, num_classes, num_samples=5000, seed=0):
        if not callable(classify):
            raise TypeError(
                "ClassCoverage expects `classify`, a callable from images to class ids (e.g. "
                f"MNISTClassifier.pretrained().predict_digits); received {type(classify).__name__}."
            )
        for name, value, low in (("num_classes", num_classes, 2), ("num_samples", num_samples, 1)):
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
                raise ValueError(f"`{name}` must be an int >= {low}; received {value!r}.")
        self.classify = classify
        self.num_classes = int(num_classes)
        self.num_samples = int(num_samples)
        self.seed = seed

    def histogram(self, samples):
        """The share of `samples` the classifier puts in each class (float64, sums to 1)."""
        predicted = np.asarray(self.classify(samples)).astype("int64").reshape(-1)
        if predicted.size == 0 or predicted.min() < 0 or predicted.max() >= self.num_classes:
            raise ValueError(
                f"`classify` must return class ids in [0, {self.num_classes}) for each sample; received "
                f"{predicted.size} ids in [{predicted.min(initial=0)}, {predicted.max(initial=0)}]."
            )
        return np.bincount(predicted, minlength=self.num_classes) / predicted.size

    def evaluate_samples(self, samples):
        """`{"class_entropy": H / log(num_classes), "rarest_class_share": min share × num_classes}`."""
        shares = self.histogram(samples)
        drawn = shares[shares > 0]
        entropy = float(-(drawn * np.log(drawn)).sum() / np.log(self.num_classes))
        return {"class_entropy": entropy, "rarest_class_share": float(shares.min() * self.num_classes)}

    def evaluate(self, gan):
        return self.evaluate_samples(gan.generate(self.num_samples, seed=self.seed))
