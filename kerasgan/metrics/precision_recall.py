"""k-NN manifold metrics: improved precision and recall, density and coverage."""

import numbers

import numpy as np

from kerasgan.metrics.feature_statistics import _paired_feature_arrays


def _check_inputs(real, fake, k, batch_size):
    real, fake = _paired_feature_arrays(real, fake, dtype=np.float64)
    for name, value in (("k", k), ("batch_size", batch_size)):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
            raise ValueError(f"`{name}` must be a positive int; received {name}={value!r}.")
    return real, fake


def _check_enough(name, features, k):
    if features.shape[0] <= k:
        raise ValueError(
            f"The k-th nearest neighbour radii of `{name}` need more than k = {k} samples "
            f"(each point's neighbours exclude itself); received {features.shape[0]}."
        )


def _squared_distances(a, b, b_squared_norms):
    """`||a_i - b_j||^2` for a block of rows `a` against all of `b`, in float64, >= 0."""
    d2 = a @ b.T  # in place from here on: one (rows, N) buffer per block
    d2 *= -2.0
    d2 += (a * a).sum(axis=1)[:, None]
    d2 += b_squared_norms[None, :]
    return np.maximum(d2, 0.0, out=d2)


def _knn_squared_radii(x, k, batch_size):
    """Squared distance of each row of `x` to its k-th nearest other row (itself excluded)."""
    n = x.shape[0]
    norms = (x * x).sum(axis=1)
    radii = np.empty(n)
    for start in range(0, n, batch_size):
        stop = min(start + batch_size, n)
        d2 = _squared_distances(x[start:stop], x, norms)
        d2[np.arange(stop - start), np.arange(start, stop)] = np.inf
        radii[start:stop] = np.partition(d2, k - 1, axis=1)[:, k - 1]
    return radii


def _fraction_inside(queries, centres, centre_radii, batch_size):
    """Fraction of `queries` within distance `radius_j` (inclusive) of some centre `j`."""
    norms = (centres * centres).sum(axis=1)
    inside = 0
    for start in range(0, queries.shape[0], batch_size):
        d2 = _squared_distances(queries[start : start + batch_size], centres, norms)
        inside += int((d2 <= centre_radii[None, :]).any(axis=1).sum())
    return inside / queries.shape[0]


def precision_recall(real, fake, k=3, batch_size=256):
    """Improved precision and recall of generated samples (k-NN manifolds of features).

    Each set's manifold is the union of balls around its points whose radius is the distance
    to the point's k-th nearest neighbour in the same set (the point itself excluded).
    Precision is the fraction of `fake` points inside the manifold of `real`; recall the
    fraction of `real` points inside the manifold of `fake`. "Inside" is `distance <= radius`,
    as in the reference code (kynkaat/improved-precision-and-recall-metric, NVlabs
    stylegan2-ada `metrics/precision_recall.py`, torch-fidelity `metric_prc.py`; note that
    clovaai's `prdc` uses `<`, which differs only on exact ties).

    Distances are Euclidean, computed in float64 in blocks of `batch_size` rows, so memory is
    `O(batch_size * max(N1, N2))`; radii are exact (no approximate nearest neighbours).

    Reference: Kynkäänniemi et al., "Improved Precision and Recall Metric for Assessing
    Generative Models", NeurIPS 2019.

    Args:
        real: `(N1, D)` features of real samples (numpy array or backend tensor), `N1 > k`.
        fake: `(N2, D)` features of generated samples, `N2 > k`.
        k: the neighbourhood size (3 in the paper).
        batch_size: rows per block of the pairwise distance computation.

    Returns:
        `(precision, recall)` as Python floats in [0, 1].

    Example:

    >>> import numpy as np
    >>> from kerasgan.metrics import precision_recall
    >>> rng = np.random.default_rng(0)
    >>> real = rng.normal(size=(500, 2))
    >>> collapsed = rng.normal(scale=0.1, size=(500, 2))  # realistic but not diverse
    >>> precision, recall = precision_recall(real, collapsed, k=3)
    >>> precision > 0.9 and recall < 0.2
    True
    """
    real, fake = _check_inputs(real, fake, k, batch_size)
    _check_enough("real", real, k)
    _check_enough("fake", fake, k)
    real_radii = _knn_squared_radii(real, k, batch_size)
    fake_radii = _knn_squared_radii(fake, k, batch_size)
    precision = _fraction_inside(fake, real, real_radii, batch_size)
    recall = _fraction_inside(real, fake, fake_radii, batch_size)
    return float(precision), float(recall)


def density_coverage(real, fake, k=5, batch_size=256):
    """Density and coverage of generated samples (Naeem et al. 2020).

    With `r_i` the distance from real point `i` to its k-th nearest real neighbour (itself
    excluded) and `B_i` the ball of radius `r_i` around it:

        density  = 1 / (k N2) * sum_j #{i : fake_j in B_i}
        coverage = 1 / N1 * #{i : some fake_j in B_i}

    with "in" meaning `distance < r_i`, as in the reference code (clovaai/
    generative-evaluation-prdc, `compute_prdc`). Density is not bounded by 1 (fake points
    crowding dense real regions push it above 1); coverage lies in [0, 1]. Distances are
    Euclidean, computed in float64 in blocks of `batch_size` real rows: memory is
    `O(batch_size * max(N1, N2))`.

    Reference: Naeem et al., "Reliable Fidelity and Diversity Metrics for Generative Models",
    ICML 2020.

    Args:
        real: `(N1, D)` features of real samples (numpy array or backend tensor), `N1 > k`.
        fake: `(N2, D)` features of generated samples, `N2 >= 1`.
        k: the neighbourhood size (5 in the paper).
        batch_size: rows per block of the pairwise distance computation.

    Returns:
        `(density, coverage)` as Python floats.

    Example:

    >>> import numpy as np
    >>> from kerasgan.metrics import density_coverage
    >>> rng = np.random.default_rng(0)
    >>> real = rng.normal(size=(500, 2))
    >>> density, coverage = density_coverage(real, rng.normal(size=(500, 2)), k=5)
    >>> 0.8 < density < 1.2 and coverage > 0.9
    True
    """
    real, fake = _check_inputs(real, fake, k, batch_size)
    _check_enough("real", real, k)
    if fake.shape[0] < 1:
        raise ValueError("`fake` must hold at least 1 feature vector; received 0.")
    real_radii = _knn_squared_radii(real, k, batch_size)
    fake_norms = (fake * fake).sum(axis=1)
    balls_per_fake = np.zeros(fake.shape[0], dtype=np.int64)
    covered = 0
    for start in range(0, real.shape[0], batch_size):
        radii = real_radii[start : start + batch_size, None]
        d2 = _squared_distances(real[start : start + batch_size], fake, fake_norms)
        balls_per_fake += (d2 < radii).sum(axis=0)
        covered += int((d2.min(axis=1) < radii[:, 0]).sum())
    density = balls_per_fake.sum() / (k * fake.shape[0])
    coverage = covered / real.shape[0]
    return float(density), float(coverage)
