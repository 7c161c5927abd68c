"""The Fréchet distance between Gaussians, and FID from features or statistics."""

import keras
import numpy as np

from kerasgan.metrics.feature_statistics import FeatureStatistics
from kerasgan.metrics.feature_statistics import _check_same_extractor
from kerasgan.metrics.feature_statistics import _paired_feature_arrays

_EPS = np.finfo(np.float64).eps


def _as_float64(x):
    if not isinstance(x, np.ndarray):
        x = keras.ops.convert_to_numpy(x)
    return np.asarray(x, dtype=np.float64)


def _moments(mu, sigma, name):
    mu = _as_float64(mu)
    sigma = _as_float64(sigma)
    if mu.ndim != 1:
        raise ValueError(f"`mu{name}` must be a 1-D mean vector (D,); received shape {mu.shape}.")
    d = mu.shape[0]
    if sigma.shape != (d, d):
        raise ValueError(
            f"`sigma{name}` must be a (D, D) covariance of shape {(d, d)} to match `mu{name}` "
            f"of shape {mu.shape}; received shape {sigma.shape}."
        )
    if not (np.isfinite(mu).all() and np.isfinite(sigma).all()):
        raise ValueError(f"`mu{name}` and `sigma{name}` must be finite; received NaN or inf.")
    scale = np.abs(sigma).max(initial=0.0)
    if np.abs(sigma - sigma.T).max(initial=0.0) > 1e-6 * scale:
        raise ValueError(
            f"`sigma{name}` must be a symmetric covariance matrix; received a matrix whose "
            f"largest asymmetry |S - S^T| is {np.abs(sigma - sigma.T).max():.3g} "
            f"(largest entry {scale:.3g})."
        )
    return mu, 0.5 * (sigma + sigma.T)


def _psd_factor(sigma):
    """`F` with `F F^T = sigma`, from a symmetric eigendecomposition, zero columns dropped.

    Eigenvalues at or below the rounding level of the decomposition (`D * eps * max|lambda|`),
    including the slightly negative ones that rounding gives a positive semi-definite matrix,
    are set to 0: they are indistinguishable from 0 in float64.
    """
    eigenvalues, eigenvectors = np.linalg.eigh(sigma)
    tolerance = sigma.shape[0] * _EPS * np.abs(eigenvalues).max(initial=0.0)
    keep = eigenvalues > tolerance
    return eigenvectors[:, keep] * np.sqrt(eigenvalues[keep])


def frechet_distance(mu1, sigma1, mu2, sigma2):
    """The Fréchet (2-Wasserstein) distance between two Gaussians: the FID formula.

        d^2 = ||mu1 - mu2||^2 + tr(S1) + tr(S2) - 2 tr((S1^1/2 S2 S1^1/2)^1/2)

    The trace term is computed in float64 from symmetric eigendecompositions only:
    `S1 = F1 F1^T` and `S2 = F2 F2^T` with `F = V diag(sqrt(lambda))` from `numpy.linalg.eigh`
    (eigenvalues below float64 rounding, including slightly negative ones, set to 0), and

        tr((S1^1/2 S2 S1^1/2)^1/2) = sum of the singular values of F1^T F2,

    because `(F1^T F2)(F1^T F2)^T = F1^T S2 F1` has the same non-zero eigenvalues as `S1 S2`
    and as `S1^1/2 S2 S1^1/2`. This is the quantity that pytorch-fid and TTUR compute as
    `trace(scipy.linalg.sqrtm(S1 @ S2))` (torch-fidelity as the sum of square roots of
    `eigvals(S1 @ S2)`). `S1 S2` is not symmetric, so `sqrtm` runs a complex Schur
    decomposition that can return spurious imaginary parts (which those codes discard, after
    adding `1e-6 * I` when the result is not finite) and loses accuracy when the covariances
    are singular, as they are whenever there are fewer samples than feature dimensions. Here
    every decomposition is of a symmetric matrix (backward stable, real eigenvalues) and the
    trace term is never squared then square-rooted, so eigenvalues near 0 cost `eps`, not
    `sqrt(eps)`: the FID of a set with itself is 0 to float64 rounding even for rank-deficient
    covariances, where `sqrtm` leaves errors of order 1e-5. Rounding can make the result
    slightly negative; it is clipped at 0 (a distance).

    Reference: Heusel et al., "GANs Trained by a Two Time-Scale Update Rule Converge to a
    Local Nash Equilibrium", NeurIPS 2017; Dowson & Landau, "The Fréchet distance between
    multivariate normal distributions", 1982.

    Args:
        mu1: `(D,)` mean of the first Gaussian.
        sigma1: `(D, D)` covariance of the first Gaussian.
        mu2: `(D,)` mean of the second Gaussian.
        sigma2: `(D, D)` covariance of the second Gaussian.

    Returns:
        The squared distance `d^2` as a Python float (FID is this value).

    Example:

    >>> import numpy as np
    >>> from kerasgan.metrics import frechet_distance
    >>> a, b = np.array([1.0, 4.0]), np.array([4.0, 1.0])  # commuting diagonal covariances
    >>> d2 = frechet_distance(np.zeros(2), np.diag(a), np.ones(2), np.diag(b))
    >>> round(d2, 6)  # ||mu1 - mu2||^2 + sum((sqrt(a) - sqrt(b))^2) = 2 + 1 + 1
    4.0
    """
    mu1, sigma1 = _moments(mu1, sigma1, "1")
    mu2, sigma2 = _moments(mu2, sigma2, "2")
    if mu1.shape != mu2.shape:
        raise ValueError(
            "The two Gaussians must have the same dimension; received mu1 of shape "
            f"{mu1.shape} (sigma1 {sigma1.shape}) and mu2 of shape {mu2.shape} "
            f"(sigma2 {sigma2.shape})."
        )
    f1 = _psd_factor(sigma1)
    f2 = _psd_factor(sigma2)
    if f1.shape[1] and f2.shape[1]:
        tr_covmean = np.linalg.svd(f1.T @ f2, compute_uv=False).sum()
    else:
        tr_covmean = 0.0
    diff = mu1 - mu2
    value = diff @ diff + np.trace(sigma1) + np.trace(sigma2) - 2.0 * tr_covmean
    return max(float(value), 0.0)


def fid_from_statistics(stats_a, stats_b):
    """The Fréchet distance between the Gaussians of two `FeatureStatistics`.

    Raises if both record a feature extractor (name or SHA-256) and they differ.

    Args:
        stats_a: a `FeatureStatistics` (e.g. of real images, or loaded with `load`).
        stats_b: a `FeatureStatistics` (e.g. of generated images).

    Returns:
        The FID as a Python float.

    Example:

    >>> import numpy as np
    >>> from kerasgan.metrics import FeatureStatistics, fid_from_statistics
    >>> x = np.random.default_rng(0).normal(size=(500, 4))
    >>> a = FeatureStatistics().update(x)
    >>> b = FeatureStatistics().update(x + 1.0)
    >>> round(fid_from_statistics(a, b), 6)  # a shift of 1 in each of 4 dimensions
    4.0
    """
    for name, stats in (("stats_a", stats_a), ("stats_b", stats_b)):
        if not isinstance(stats, FeatureStatistics):
            raise TypeError(
                f"`{name}` must be a kerasgan.metrics.FeatureStatistics; "
                f"received {type(stats).__name__}."
            )
    _check_same_extractor(stats_a, stats_b, what="compare statistics of")
    if stats_a.dim != stats_b.dim:
        raise ValueError(
            f"The two statistics must have the same dimension; received {stats_a.dim} "
            f"(stats_a) and {stats_b.dim} (stats_b)."
        )
    return frechet_distance(stats_a.mean, stats_a.covariance, stats_b.mean, stats_b.covariance)


def fid_from_features(real, fake):
    """The Fréchet Inception Distance between two sets of feature vectors.

    Fits a Gaussian (mean and unbiased covariance, float64) to each set and returns
    `frechet_distance` between them. The features must come from the same extractor (for the
    standard FID, the 2048-d pool features of the TTUR Inception-v3).

    Args:
        real: `(N1, D)` features of real samples (numpy array or backend tensor), `N1 >= 2`.
        fake: `(N2, D)` features of generated samples, `N2 >= 2`.

    Returns:
        The FID as a Python float.

    Example:

    >>> import numpy as np
    >>> from kerasgan.metrics import fid_from_features
    >>> x = np.random.default_rng(0).normal(size=(200, 16))
    >>> fid_from_features(x, x) < 1e-9
    True
    """
    real, fake = _paired_feature_arrays(real, fake)
    return fid_from_statistics(FeatureStatistics().update(real), FeatureStatistics().update(fake))
