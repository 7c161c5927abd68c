"""Streaming mean and covariance of feature vectors, saved and loaded as `.npz`."""

import os
import re
import uuid

import keras
import numpy as np

FORMAT_VERSION = 1
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_KEYS = ("format_version", "count", "mean", "covariance", "extractor", "extractor_sha256")


def _to_feature_array(features, name="features", dtype=None):
    """`features` (numpy array, list or backend tensor) as a validated 2-D numpy array.

    Floating arrays keep their precision unless `dtype` is given (a float32 reference set of
    50k x 2048 features is 400 MB; metrics cast the pieces they compute on to float64).
    """
    if not isinstance(features, np.ndarray):
        try:
            features = keras.ops.convert_to_numpy(features)
        except Exception as error:  # pragma: no cover - the message names what was received
            raise TypeError(
                f"`{name}` must be a numpy array or a backend tensor of shape (N, D); "
                f"received an object of type {type(features).__name__} ({error})."
            ) from error
    features = np.asarray(features)
    if features.dtype == object or not (
        np.issubdtype(features.dtype, np.floating)
        or np.issubdtype(features.dtype, np.integer)
        or features.dtype == np.bool_
    ):
        raise TypeError(
            f"`{name}` must hold real numbers; received an array of dtype {features.dtype}."
        )
    if features.ndim != 2:
        raise ValueError(
            f"`{name}` must be a 2-D array of shape (N, D) (one feature vector per row); "
            f"received shape {features.shape}. Flatten or pool the features first."
        )
    if dtype is not None:
        features = features.astype(dtype, copy=False)
    elif not np.issubdtype(features.dtype, np.floating):
        features = features.astype(np.float64)
    bad = ~np.isfinite(features)
    if bad.any():
        rows = np.unique(np.nonzero(bad)[0])
        raise ValueError(
            f"`{name}` must be finite; received {int(bad.sum())} NaN or infinite value(s) in "
            f"{rows.size} of {features.shape[0]} rows (first bad row: {int(rows[0])})."
        )
    return features


def _paired_feature_arrays(real, fake, dtype=None):
    """`real` and `fake` as 2-D arrays of the same feature dimension; a clear error otherwise."""
    real = _to_feature_array(real, "real", dtype=dtype)
    fake = _to_feature_array(fake, "fake", dtype=dtype)
    if real.shape[1] != fake.shape[1]:
        raise ValueError(
            "`real` and `fake` must have the same feature dimension; received real of shape "
            f"{real.shape} and fake of shape {fake.shape}."
        )
    return real, fake


def _check_sha256(value, name="extractor_sha256"):
    if not isinstance(value, str) or not _SHA256.match(value.lower()):
        raise ValueError(
            f"`{name}` must be a SHA-256 hex digest (64 hexadecimal characters); "
            f"received {value!r}."
        )
    return value.lower()


class FeatureStatistics:
    """Streaming mean and covariance of feature vectors (the Gaussian fitted by FID).

    Memory is `O(D^2)` whatever the number of samples. The state is held in float64 as the
    sample count `n`, the mean `mu` and the centred sum of outer products
    `M = sum_i (x_i - mu)(x_i - mu)^T`. This is the sum / sum-of-outer-products accumulator
    (`sum = n mu`, `sum x x^T = M + n mu mu^T`) rewritten so that the covariance
    `M / (n - 1)` is not the difference of two large numbers: each batch (and each `merge`)
    is folded in with the pairwise update of Chan, Golub & LeVeque (1979),

        n = n_a + n_b,  delta = mu_b - mu_a,  mu = mu_a + delta n_b / n,
        M = M_a + M_b + (n_a n_b / n) delta delta^T,

    so streaming over batches equals `numpy.cov` on all the data to float64 rounding.

    `save` writes the mean, the covariance and the count (with the name and SHA-256 of the
    feature extractor, so that statistics are never compared across extractors) to an `.npz`
    file, atomically. Because `M = (n - 1) * covariance`, a loaded object is not frozen: it
    can be updated with more samples or merged, exactly as the object that was saved.

    Reference: Heusel et al., "GANs Trained by a Two Time-Scale Update Rule Converge to a
    Local Nash Equilibrium", NeurIPS 2017 (FID statistics, `calculate_activation_statistics`
    in bioinf-jku/TTUR); Chan, Golub & LeVeque, "Updating Formulae and a Pairwise Algorithm
    for Computing Sample Variances", 1979.

    Args:
        dim: the feature dimension `D`, or None to take it from the first `update`.

    Example:

    >>> import numpy as np
    >>> from kerasgan.metrics import FeatureStatistics
    >>> x = np.random.default_rng(0).normal(size=(1000, 8))
    >>> stats = FeatureStatistics()
    >>> for batch in np.split(x, 10):
    ...     _ = stats.update(batch)  # update returns the object itself
    >>> stats.count, stats.dim
    (1000, 8)
    >>> bool(np.allclose(stats.covariance, np.cov(x, rowvar=False)))
    True
    """

    def __init__(self, dim=None):
        if dim is not None and (isinstance(dim, bool) or not isinstance(dim, int) or dim < 1):
            raise ValueError(f"`dim` must be None or a positive int; received dim={dim!r}.")
        self._dim = dim
        self._count = 0
        self._mean = None if dim is None else np.zeros(dim)
        self._m2 = None if dim is None else np.zeros((dim, dim))
        self.extractor = None
        self.extractor_sha256 = None

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_moments(cls, mean, covariance, count, extractor=None, extractor_sha256=None):
        """Statistics of `count` samples with the given mean and (unbiased) covariance.

        Args:
            mean: `(D,)` sample mean.
            covariance: `(D, D)` unbiased sample covariance (normalised by `count - 1`).
            count: the number of samples (at least 2).
            extractor: optional name of the feature extractor the moments come from.
            extractor_sha256: optional SHA-256 of that extractor's weights.
        """
        mean = np.asarray(mean, dtype=np.float64)
        covariance = np.asarray(covariance, dtype=np.float64)
        if mean.ndim != 1:
            raise ValueError(f"`mean` must be 1-D (D,); received shape {mean.shape}.")
        d = mean.shape[0]
        if covariance.shape != (d, d):
            raise ValueError(
                f"`covariance` must have shape (D, D) = {(d, d)} to match `mean` {mean.shape}; "
                f"received shape {covariance.shape}."
            )
        if not (np.isfinite(mean).all() and np.isfinite(covariance).all()):
            raise ValueError("`mean` and `covariance` must be finite; received NaN or inf.")
        if isinstance(count, bool) or int(count) != count or count < 2:
            raise ValueError(
                f"`count` must be an integer of at least 2 (a covariance needs 2 samples); "
                f"received count={count!r}."
            )
        stats = cls(dim=d)
        stats._count = int(count)
        stats._mean = mean.copy()
        stats._m2 = covariance * (int(count) - 1)
        stats.extractor = None if extractor is None else str(extractor)
        stats.extractor_sha256 = (
            None if extractor_sha256 is None else _check_sha256(extractor_sha256)
        )
        return stats

    # ------------------------------------------------------------------ accumulation
    def update(self, features):
        """Adds a batch of feature vectors, a 2-D `(N, D)` numpy array or backend tensor."""
        x = _to_feature_array(features, dtype=np.float64)
        if self._dim is None:
            self._dim = x.shape[1]
            self._mean = np.zeros(self._dim)
            self._m2 = np.zeros((self._dim, self._dim))
        elif x.shape[1] != self._dim:
            raise ValueError(
                f"`features` must have {self._dim} columns like the features already added; "
                f"received shape {x.shape}."
            )
        n = x.shape[0]
        if n == 0:
            return self
        batch_mean = x.mean(axis=0)
        centred = x - batch_mean
        self._combine(n, batch_mean, centred.T @ centred)
        return self

    def merge(self, other):
        """Adds the samples summarised by another `FeatureStatistics` (in place; returns self)."""
        if not isinstance(other, FeatureStatistics):
            raise TypeError(
                f"`merge` expects a FeatureStatistics; received {type(other).__name__}."
            )
        if other._count == 0:
            return self
        _check_same_extractor(self, other)
        if self._dim is None:
            self._dim = other._dim
            self._mean = np.zeros(self._dim)
            self._m2 = np.zeros((self._dim, self._dim))
        elif other._dim != self._dim:
            raise ValueError(
                f"Cannot merge statistics of dimension {other._dim} into statistics of "
                f"dimension {self._dim}."
            )
        self._combine(other._count, other._mean, other._m2)
        if self.extractor is None:
            self.extractor = other.extractor
        if self.extractor_sha256 is None:
            self.extractor_sha256 = other.extractor_sha256
        return self

    def _combine(self, n_b, mean_b, m2_b):
        n_a = self._count
        n = n_a + n_b
        delta = mean_b - self._mean
        self._mean = self._mean + delta * (n_b / n)
        self._m2 = self._m2 + m2_b + np.outer(delta, delta) * (n_a * n_b / n)
        # Keep M exactly symmetric (matrix products round the two triangles differently).
        self._m2 = 0.5 * (self._m2 + self._m2.T)
        self._count = n

    # ------------------------------------------------------------------ results
    @property
    def count(self):
        """The number of feature vectors added."""
        return self._count

    @property
    def dim(self):
        """The feature dimension `D` (None before the first update)."""
        return self._dim

    @property
    def mean(self):
        """The `(D,)` float64 sample mean."""
        if self._count < 1:
            raise ValueError("FeatureStatistics.mean needs at least 1 sample; received 0.")
        return self._mean.copy()

    @property
    def covariance(self):
        """The `(D, D)` float64 unbiased sample covariance (normalised by `count - 1`)."""
        if self._count < 2:
            raise ValueError(
                "FeatureStatistics.covariance needs at least 2 samples (it is normalised by "
                f"count - 1); received {self._count}."
            )
        return self._m2 / (self._count - 1)

    def __repr__(self):
        return (
            f"FeatureStatistics(count={self._count}, dim={self._dim}, extractor={self.extractor!r})"
        )

    # ------------------------------------------------------------------ files
    def save(self, path, extractor, extractor_sha256):
        """Writes mean, covariance, count and the extractor's identity to an `.npz` file.

        The file is written exactly at `path` (no suffix is added): first to a temporary file
        in the same directory, then moved over `path` with `os.replace`, so an interrupted or
        failed save never leaves a half-written file and never damages an existing one.

        Args:
            path: destination file (conventionally ending in `.npz`).
            extractor: name of the feature extractor, e.g. `"inception_v3_fid"`.
            extractor_sha256: SHA-256 hex digest of the extractor's weights file.
        """
        if not isinstance(extractor, str) or not extractor:
            raise ValueError(f"`extractor` must be a non-empty string; received {extractor!r}.")
        extractor_sha256 = _check_sha256(extractor_sha256)
        for attribute, value in (("extractor", extractor), ("extractor_sha256", extractor_sha256)):
            recorded = getattr(self, attribute)
            if recorded is not None and recorded != value:
                raise ValueError(
                    f"These statistics were computed with {attribute} {recorded!r}; "
                    f"received {attribute}={value!r} to save them under."
                )
        covariance = self.covariance  # raises if count < 2
        path = os.fspath(path)
        directory = os.path.dirname(os.path.abspath(path))
        # A temporary file in the destination directory (os.replace is atomic only within one
        # file system); opened with "x" so it is new and gets the usual umask permissions.
        tmp_path = os.path.join(directory, f".{os.path.basename(path)}.{uuid.uuid4().hex}.tmp")
        try:
            with open(tmp_path, "xb") as f:
                np.savez(
                    f,
                    format_version=np.int64(FORMAT_VERSION),
                    count=np.int64(self._count),
                    mean=self._mean,
                    covariance=covariance,
                    extractor=np.str_(extractor),
                    extractor_sha256=np.str_(extractor_sha256),
                )
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp_path, path)
        except BaseException:
            if os.path.exists(tmp_path):
                os.remove(tmp_path)
            raise

    @classmethod
    def load(cls, path, extractor=None, extractor_sha256=None):
        """Reads statistics written by `save`, checking the extractor when one is given.

        Args:
            path: an `.npz` file written by `FeatureStatistics.save`.
            extractor: if given, the extractor name the file must record.
            extractor_sha256: if given, the extractor SHA-256 the file must record.

        Returns:
            A `FeatureStatistics` with the saved `mean`, `covariance` and `count` (and
            `extractor`, `extractor_sha256` attributes); it can be updated or merged further.
        """
        path = os.fspath(path)
        with np.load(path, allow_pickle=False) as data:
            missing = [key for key in _KEYS if key not in data.files]
            if missing:
                raise ValueError(
                    f"{path!r} is not a kerasgan FeatureStatistics file: expected the keys "
                    f"{list(_KEYS)}; missing {missing} (found {sorted(data.files)})."
                )
            version = int(data["format_version"])
            if version != FORMAT_VERSION:
                raise ValueError(
                    f"{path!r} has FeatureStatistics format_version {version}; this version of "
                    f"kerasgan reads format_version {FORMAT_VERSION}."
                )
            saved_extractor = str(data["extractor"])
            saved_sha256 = str(data["extractor_sha256"])
            mean, covariance, count = data["mean"], data["covariance"], int(data["count"])
        if extractor is not None and extractor != saved_extractor:
            raise ValueError(
                f"{path!r} holds statistics of the feature extractor {saved_extractor!r}; "
                f"expected extractor {extractor!r}."
            )
        if extractor_sha256 is not None and extractor_sha256.lower() != saved_sha256:
            raise ValueError(
                f"{path!r} holds statistics of an extractor with sha256 {saved_sha256}; "
                f"expected sha256 {extractor_sha256.lower()} (extractor {saved_extractor!r}). "
                "Statistics from different weights are not comparable: recompute them."
            )
        try:
            return cls.from_moments(mean, covariance, count, saved_extractor, saved_sha256)
        except ValueError as error:
            raise ValueError(f"{path!r} holds invalid statistics: {error}") from error


def _check_same_extractor(a, b, what="combine statistics of"):
    """Raises if both `a` and `b` record an extractor (name or sha256) and they differ."""
    for attribute in ("extractor", "extractor_sha256"):
        first, second = getattr(a, attribute, None), getattr(b, attribute, None)
        if first is not None and second is not None and first != second:
            raise ValueError(
                f"Cannot {what} different feature extractors: {attribute} {first!r} vs {second!r}."
            )
