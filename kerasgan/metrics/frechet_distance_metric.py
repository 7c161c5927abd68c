"""A streaming Keras metric for the Fréchet distance (FID) to reference statistics."""

import os

import keras
import numpy as np
from keras import ops

from kerasgan.metrics.feature_statistics import FeatureStatistics
from kerasgan.metrics.frechet import fid_from_statistics


@keras.saving.register_keras_serializable(package="kerasgan")
class FrechetDistance(keras.metrics.Metric):
    """Streaming Fréchet distance between generated features and reference statistics.

    `update_state(features)` takes *features* of generated samples (`(N, D)`, e.g. the
    Inception pool features of a batch of images; extracting them is the caller's job) and
    adds them to three Keras state variables: the sample count, the sum of the features and
    the sum of their outer products, all taken relative to the reference mean (`x - mu_ref`),
    so memory is `O(D^2)` however many samples stream through and the update is plain
    `keras.ops` (it can run inside a jitted step on every backend, stateless on JAX).
    `result()` then computes, eagerly and in float64 numpy, the mean and unbiased covariance of
    the generated features and their Fréchet distance to the reference (see
    `kerasgan.metrics.frechet_distance`), returned as a Python float.

    Precision: the state variables have the metric's `dtype`, float32 by default (float64
    works on TensorFlow and torch, and on JAX with `jax_enable_x64`). Centring on the
    reference mean keeps the float32 sums from cancelling when the covariance is formed
    (`sum(x x^T) - n mu mu^T`): in our checks (5,000 256-d features in batches of 100, on each
    backend) the result matched the float64 `fid_from_features` to 1e-7 relative. For exact
    float64 statistics, accumulate a `FeatureStatistics` instead.
    The count is exact up to 2^24 samples in float32. Non-finite features are reported by
    `result()` (the sums become NaN or inf), not by `update_state`, which must stay traceable.

    The reference statistics are data, not configuration: `get_config` holds only the name and
    dtype, so re-create the metric with its reference rather than through `from_config`.

    Reference: Heusel et al., "GANs Trained by a Two Time-Scale Update Rule Converge to a
    Local Nash Equilibrium", NeurIPS 2017.

    Args:
        reference_statistics: a `FeatureStatistics` of the real data (at least 2 samples), or
            the path of a file written by `FeatureStatistics.save`.
        name: the metric's name.
        dtype: dtype of the state variables (default: Keras's floatx, float32).
        **kwargs: other `keras.metrics.Metric` arguments.

    Example:

    >>> import numpy as np
    >>> from kerasgan.metrics import FeatureStatistics, FrechetDistance
    >>> rng = np.random.default_rng(0)
    >>> reference = FeatureStatistics().update(rng.normal(size=(2000, 8)))
    >>> fid = FrechetDistance(reference)
    >>> for _ in range(4):
    ...     fid.update_state(rng.normal(size=(500, 8)).astype("float32") + 1.0)
    >>> 7.5 < fid.result() < 8.5  # ||delta mu||^2 = 8
    True
    >>> fid.reset_state()
    """

    def __init__(self, reference_statistics, name="fid", dtype=None, **kwargs):
        super().__init__(name=name, dtype=dtype, **kwargs)
        if isinstance(reference_statistics, (str, os.PathLike)):
            reference_statistics = FeatureStatistics.load(reference_statistics)
        if not isinstance(reference_statistics, FeatureStatistics):
            raise TypeError(
                "`reference_statistics` must be a kerasgan.metrics.FeatureStatistics or the path "
                f"of a saved one; received {type(reference_statistics).__name__}."
            )
        if reference_statistics.count < 2:
            raise ValueError(
                "`reference_statistics` needs at least 2 samples (a covariance); received "
                f"statistics of {reference_statistics.count} sample(s)."
            )
        self.reference_statistics = reference_statistics
        self.dim = reference_statistics.dim
        self._shift = reference_statistics.mean.astype(self.dtype)
        self.count = self.add_variable(
            shape=(), initializer="zeros", dtype=self.dtype, name="count"
        )
        self.feature_sum = self.add_variable(
            shape=(self.dim,), initializer="zeros", dtype=self.dtype, name="feature_sum"
        )
        self.outer_sum = self.add_variable(
            shape=(self.dim, self.dim), initializer="zeros", dtype=self.dtype, name="outer_sum"
        )

    def update_state(self, features):
        """Adds a batch of generated-sample features, `(N, D)` (numpy array or tensor)."""
        features = ops.convert_to_tensor(features)
        if len(features.shape) != 2 or features.shape[-1] != self.dim:
            raise ValueError(
                f"{self.__class__.__name__} expects features of shape (N, {self.dim}) to match "
                f"the reference statistics; received shape {tuple(features.shape)}."
            )
        shift = ops.convert_to_tensor(self._shift, dtype=self.dtype)
        centred = ops.cast(features, self.dtype) - shift
        self.count.assign_add(ops.cast(ops.shape(centred)[0], self.dtype))
        self.feature_sum.assign_add(ops.sum(centred, axis=0))
        self.outer_sum.assign_add(ops.matmul(ops.transpose(centred), centred))

    def fake_statistics(self):
        """The accumulated generated features' statistics, as a float64 `FeatureStatistics`."""
        count = float(ops.convert_to_numpy(self.count))
        if count < 2:
            raise ValueError(
                f"{self.__class__.__name__} needs at least 2 generated feature vectors to "
                f"estimate a covariance; received {count:g} since the last reset_state."
            )
        total = ops.convert_to_numpy(self.feature_sum).astype(np.float64)
        outer = ops.convert_to_numpy(self.outer_sum).astype(np.float64)
        if not (np.isfinite(total).all() and np.isfinite(outer).all()):
            raise ValueError(
                f"{self.__class__.__name__} accumulated non-finite values (NaN or inf "
                "features, or a float overflow) since the last reset_state."
            )
        centred_mean = total / count
        covariance = (outer - count * np.outer(centred_mean, centred_mean)) / (count - 1.0)
        covariance = 0.5 * (covariance + covariance.T)
        return FeatureStatistics.from_moments(
            centred_mean + self._shift.astype(np.float64),
            covariance,
            int(round(count)),
        )

    def result(self):
        """The Fréchet distance to the reference statistics, a Python float."""
        return fid_from_statistics(self.reference_statistics, self.fake_statistics())
