import inspect

import numpy as np

from kerasgan.metrics.feature_statistics import FeatureStatistics
from kerasgan.metrics.frechet import fid_from_statistics
from kerasgan.metrics.inception_score import inception_score
from kerasgan.metrics.kid import kernel_inception_distance
from kerasgan.metrics.precision_recall import density_coverage
from kerasgan.metrics.precision_recall import precision_recall

FEATURE_METRICS = ("fid", "kid", "precision_recall", "density_coverage", "is")
_NEEDS_FEATURES = ("kid", "precision_recall", "density_coverage")


class GANEvaluator:
    """Compute sample-quality metrics of a GAN's generator against reference data.

    Generates `num_samples` images with `gan.generate(num_samples, seed=seed)` (EMA generator when
    the model keeps one), runs the feature extractor over them in batches, and returns a dict of
    floats: `fid`; `kid` and `kid_std`; `precision` and `recall` (k=3); `density` and `coverage`
    (k=5); `is` and `is_std` (from the extractor's logits); plus anything the callables in
    `metrics` return (each `fn(samples) -> dict`, e.g. mode coverage). The reference's feature
    statistics are computed once (or loaded from a saved `.npz`), so repeated evaluation only
    pays for the generated side. Used by `EvaluationCallback` and `kerasgan eval`.

    References: Heusel et al. 2017 (FID), Bińkowski et al. 2018 (KID), Salimans et al. 2016 (IS),
    Kynkäänniemi et al. 2019 (precision/recall), Naeem et al. 2020 (density/coverage).

    Args:
        extractor: an object with `features(images, batch_size)` (and `logits(...)` for "is"),
            e.g. `kerasgan.metrics.MNISTClassifier.pretrained()` or `FIDInceptionV3.pretrained()`.
        reference_images: real images in [-1, 1]; features are extracted once.
        reference_statistics: a `FeatureStatistics` (e.g. loaded from a saved `.npz`) instead of
            images, enough for "fid" only.
        metrics: names from `FEATURE_METRICS` and/or callables `fn(samples) -> dict`.
        num_samples: generated samples per evaluation.
        batch_size: extractor batch size.
        seed: sampling seed (same seed, same samples on every backend).
        kid_subset_size, kid_subsets: KID settings (1000 and 100 as in the reference).

    Example:

    ```python
    clf = kerasgan.metrics.MNISTClassifier.pretrained()
    x, _ = kerasgan.data.load_mnist_subset()
    evaluator = kerasgan.metrics.GANEvaluator(clf, reference_images=x, metrics=("fid", "kid"), num_samples=1000)
    evaluator.evaluate(gan)  # {"fid": ..., "kid": ..., "kid_std": ...}
    ```
    """

    def __init__(self, extractor=None, reference_images=None, reference_statistics=None,
                 metrics=("fid", "kid"), num_samples=5000, batch_size=250, seed=0,
                 kid_subset_size=1000, kid_subsets=100):
        metrics = tuple(metrics)
        for m in metrics:
            if not callable(m) and m not in FEATURE_METRICS:
                raise ValueError(
                    f"GANEvaluator metrics are names from {FEATURE_METRICS} or callables "
                    f"`fn(samples) -> dict`; received {m!r}."
                )
        names = [m for m in metrics if not callable(m)]
        if names and extractor is None:
            raise ValueError(f"Metrics {names} need a feature `extractor`; received None.")
        needs_features = [m for m in names if m in _NEEDS_FEATURES]
        if needs_features and reference_images is None:
            raise ValueError(f"Metrics {needs_features} need `reference_images`; received none.")
        if "fid" in names and reference_images is None and reference_statistics is None:
            raise ValueError("FID needs `reference_images` or `reference_statistics`; received neither.")
        if not isinstance(num_samples, int) or num_samples < 2:
            raise ValueError(f"`num_samples` must be an int >= 2; received {num_samples!r}.")
        self.extractor = extractor
        self.metrics = metrics
        self.num_samples = num_samples
        self.batch_size = batch_size
        self.seed = seed
        self.kid_subset_size = kid_subset_size
        self.kid_subsets = kid_subsets
        self.reference_features = None
        self.reference_statistics = reference_statistics
        if reference_images is not None and names and names != ["is"]:
            self.reference_features = np.asarray(extractor.features(reference_images, batch_size=batch_size))
            if self.reference_statistics is None:
                self.reference_statistics = FeatureStatistics().update(self.reference_features)

    def evaluate(self, gan):
        """Generate samples from `gan` and return `{metric: float}`."""
        samples = gan.generate(self.num_samples, seed=self.seed)
        return self.evaluate_samples(samples)

    def evaluate_samples(self, samples):
        """The metrics of given generated samples (images in [-1, 1], or points for mixtures)."""
        results = {}
        names = [m for m in self.metrics if not callable(m)]
        features = None
        if any(m != "is" for m in names):
            features = np.asarray(self.extractor.features(samples, batch_size=self.batch_size))
        for m in self.metrics:
            if callable(m):
                results.update({k: float(v) for k, v in m(samples).items()})
            elif m == "fid":
                results["fid"] = fid_from_statistics(self.reference_statistics, FeatureStatistics().update(features))
            elif m == "kid":
                mean, std = kernel_inception_distance(
                    self.reference_features, features, num_subsets=self.kid_subsets,
                    subset_size=min(self.kid_subset_size, len(features), len(self.reference_features)),
                    seed=self.seed,
                )
                results["kid"], results["kid_std"] = float(mean), float(std)
            elif m == "precision_recall":
                results["precision"], results["recall"] = precision_recall(self.reference_features, features, k=3)
            elif m == "density_coverage":
                results["density"], results["coverage"] = density_coverage(self.reference_features, features, k=5)
            elif m == "is":
                mean, std = inception_score(logits=self._is_logits(samples))
                results["is"], results["is_std"] = float(mean), float(std)
        return {k: float(v) for k, v in results.items()}

    def _is_logits(self, samples):
        # The original IS code and torch-fidelity take the softmax of the Inception logits
        # without the fc bias; extractors that can drop it say so with `include_bias`.
        if "include_bias" in inspect.signature(self.extractor.logits).parameters:
            return self.extractor.logits(samples, batch_size=self.batch_size, include_bias=False)
        return self.extractor.logits(samples, batch_size=self.batch_size)
