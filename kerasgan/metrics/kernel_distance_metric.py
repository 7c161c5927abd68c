"""A streaming Keras metric for the Kernel Inception Distance (KID) to reference features."""

import keras
import numpy as np

from kerasgan.metrics.feature_statistics import _to_feature_array
from kerasgan.metrics.kid import _check_settings
from kerasgan.metrics.kid import kernel_inception_distance


@keras.saving.register_keras_serializable(package="kerasgan")
class KernelDistance(keras.metrics.Metric):
    """Streaming Kernel Inception Distance between generated and reference features.

    KID is an average over random subsets of samples, so it needs the samples themselves, not
    moments: this metric *stores* every feature vector given to `update_state(features)`
    (as host numpy arrays in their floating dtype; memory `O(N D)`, e.g. 40 MB for 5,000
    2048-d float32 features) alongside a copy of the reference features. `update_state` is
    therefore eager only (it converts its input with `keras.ops.convert_to_numpy`); it has no
    Keras state variables. `result()` runs `kernel_inception_distance` on everything
    accumulated since the last `reset_state` and returns its mean as a Python float;
    `result_with_std()` returns `(mean, std)`.

    The reference features are data, not configuration: `get_config` holds the KID settings
    only, so re-create the metric with its reference rather than through `from_config`.

    Reference: Bińkowski et al., "Demystifying MMD GANs", ICLR 2018.

    Args:
        reference_features: `(N, D)` features of real samples (numpy array or tensor).
        num_subsets: number of random subsets (100 in the reference code).
        subset_size: rows per subset (1000 in the reference code); capped, with a warning, at
            the smaller number of samples.
        degree: polynomial kernel degree.
        gamma: kernel scale; None means `1 / D`.
        coef0: kernel constant.
        seed: seed of the subset sampling (the same subsets on every `result()` call).
        name: the metric's name.
        **kwargs: other `keras.metrics.Metric` arguments.

    Example:

    >>> import numpy as np
    >>> from kerasgan.metrics import KernelDistance
    >>> rng = np.random.default_rng(0)
    >>> kid = KernelDistance(rng.normal(size=(400, 16)), num_subsets=10, subset_size=200)
    >>> for _ in range(4):
    ...     kid.update_state(rng.normal(1.0, 1.0, size=(100, 16)).astype("float32"))
    >>> mean, std = kid.result_with_std()
    >>> mean > 10 * std > 0
    True
    >>> kid.reset_state()
    """

    def __init__(
        self,
        reference_features,
        num_subsets=100,
        subset_size=1000,
        degree=3,
        gamma=None,
        coef0=1.0,
        seed=0,
        name="kid",
        **kwargs,
    ):
        super().__init__(name=name, **kwargs)
        _check_settings(num_subsets, subset_size, degree, gamma, coef0)
        reference = _to_feature_array(reference_features, "reference_features")
        if reference.shape[0] < 2:
            raise ValueError(
                "`reference_features` needs at least 2 feature vectors; received shape "
                f"{reference.shape}."
            )
        # Own copy: later changes to the caller's array must not change the metric.
        self._reference = np.array(reference, copy=True)
        self.dim = reference.shape[1]
        self.num_subsets = num_subsets
        self.subset_size = subset_size
        self.degree = degree
        self.gamma = gamma
        self.coef0 = coef0
        self.seed = seed
        self._batches = []

    def update_state(self, features):
        """Stores a batch of generated-sample features, `(N, D)` (numpy array or tensor)."""
        features = _to_feature_array(features, "features")
        if features.shape[1] != self.dim:
            raise ValueError(
                f"{self.__class__.__name__} expects features of shape (N, {self.dim}) to match "
                f"the reference features; received shape {features.shape}."
            )
        self._batches.append(np.array(features, copy=True))

    def reset_state(self):
        """Forgets the stored generated features (the reference is kept)."""
        self._batches = []

    @property
    def count(self):
        """The number of generated feature vectors stored since the last `reset_state`."""
        return sum(batch.shape[0] for batch in self._batches)

    def result_with_std(self):
        """`(mean, std)` of the KID over the subsets, as Python floats."""
        if not self._batches:
            raise ValueError(
                f"{self.__class__.__name__} has no generated features: call update_state first."
            )
        fake = np.concatenate(self._batches, axis=0)
        return kernel_inception_distance(
            self._reference,
            fake,
            num_subsets=self.num_subsets,
            subset_size=self.subset_size,
            degree=self.degree,
            gamma=self.gamma,
            coef0=self.coef0,
            seed=self.seed,
        )

    def result(self):
        """The mean KID over the subsets, a Python float."""
        return self.result_with_std()[0]

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "num_subsets": self.num_subsets,
                "subset_size": self.subset_size,
                "degree": self.degree,
                "gamma": self.gamma,
                "coef0": self.coef0,
                "seed": self.seed,
            }
        )
        return config
