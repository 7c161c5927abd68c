"""The Kernel Inception Distance (unbiased polynomial-kernel MMD^2 over random subsets)."""

import numbers
import warnings

import numpy as np

from kerasgan.metrics.feature_statistics import _paired_feature_arrays


def _check_int(name, value, minimum):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"`{name}` must be an int >= {minimum}; received {name}={value!r}.")
    return int(value)


def _check_settings(num_subsets, subset_size, degree, gamma, coef0):
    """Validates the KID settings; returns the three integers as Python ints."""
    num_subsets = _check_int("num_subsets", num_subsets, 1)
    subset_size = _check_int("subset_size", subset_size, 2)
    degree = _check_int("degree", degree, 1)
    if isinstance(coef0, bool) or not isinstance(coef0, numbers.Real) or not np.isfinite(coef0):
        raise ValueError(f"`coef0` must be a finite number; received coef0={coef0!r}.")
    if gamma is not None and (
        isinstance(gamma, bool) or not isinstance(gamma, numbers.Real) or not 0 < gamma < np.inf
    ):
        raise ValueError(f"`gamma` must be None or a positive number; received gamma={gamma!r}.")
    return num_subsets, subset_size, degree


def _polynomial_kernel(x, y, degree, gamma, coef0):
    return (gamma * (x @ y.T) + coef0) ** degree


def _unbiased_mmd2(x, y, degree, gamma, coef0):
    """The unbiased MMD^2 estimate between two samples of equal size `m`."""
    m = x.shape[0]
    k_xx = _polynomial_kernel(x, x, degree, gamma, coef0)
    k_yy = _polynomial_kernel(y, y, degree, gamma, coef0)
    k_xy = _polynomial_kernel(x, y, degree, gamma, coef0)
    within = (k_xx.sum() - np.trace(k_xx)) + (k_yy.sum() - np.trace(k_yy))
    return within / (m * (m - 1)) - 2.0 * k_xy.sum() / (m * m)


def kernel_inception_distance(
    real,
    fake,
    num_subsets=100,
    subset_size=1000,
    degree=3,
    gamma=None,
    coef0=1.0,
    seed=0,
):
    """The Kernel Inception Distance (KID): mean and std of an unbiased MMD^2 over subsets.

    For each of `num_subsets` rounds, `m = subset_size` rows are drawn without replacement
    from `real` and from `fake`, and the unbiased estimate of the squared maximum mean
    discrepancy with the polynomial kernel `k(x, y) = (gamma x.y + coef0)^degree` is

        MMD^2 = sum_{i != j} [k(x_i, x_j) + k(y_i, y_j)] / (m (m - 1))
                - 2 sum_{i, j} k(x_i, y_j) / m^2

    (`mmd_est="unbiased"` of the reference code; it can be slightly negative when the two sets
    match). The result is the mean and the population standard deviation (`numpy.std`) of the
    `num_subsets` estimates. This follows `polynomial_mmd_averages` in mbinkowski/MMD-GAN and
    `kid_features_to_metric` in torch-fidelity, including the sampling order: with
    `seed=2020` (torch-fidelity's default `rng_seed`) and the same features, the subsets are
    those of torch-fidelity (`numpy.random.RandomState(seed)`, real then fake per round).
    Kernels are computed in float64 (torch-fidelity uses the features' float32).

    Where torch-fidelity raises if a set has fewer than `subset_size` rows, the subset size is
    capped at `min(len(real), len(fake))` with a warning (as clean-fid does, which caps silently).

    Reference: Bińkowski et al., "Demystifying MMD GANs", ICLR 2018.

    Args:
        real: `(N1, D)` features of real samples (numpy array or backend tensor).
        fake: `(N2, D)` features of generated samples.
        num_subsets: number of random subsets (100 in the reference code).
        subset_size: rows per subset (1000 in the reference code); capped as above, >= 2.
        degree: polynomial degree of the kernel.
        gamma: scale of the dot product; None means `1 / D`.
        coef0: constant term of the kernel.
        seed: seed of the `numpy.random.RandomState` that draws the subsets.

    Returns:
        `(mean, std)` as Python floats.

    Example:

    >>> import numpy as np
    >>> from kerasgan.metrics import kernel_inception_distance
    >>> rng = np.random.default_rng(0)
    >>> real, fake = rng.normal(size=(300, 16)), rng.normal(1.0, 1.0, size=(300, 16))
    >>> same, _ = kernel_inception_distance(real, rng.normal(size=(300, 16)), 10, 100)
    >>> shifted, _ = kernel_inception_distance(real, fake, 10, 100)
    >>> abs(same) < 0.05 < shifted
    True
    """
    real, fake = _paired_feature_arrays(real, fake)
    num_subsets, subset_size, degree = _check_settings(
        num_subsets, subset_size, degree, gamma, coef0
    )
    if gamma is None:
        gamma = 1.0 / real.shape[1]
    n_real, n_fake = real.shape[0], fake.shape[0]
    available = min(n_real, n_fake)
    if available < 2:
        raise ValueError(
            "KID needs at least 2 samples in each set; received "
            f"{n_real} real and {n_fake} fake feature vectors."
        )
    if subset_size > available:
        warnings.warn(
            f"KID subset_size={subset_size} is larger than the smaller set ({n_real} real, "
            f"{n_fake} fake feature vectors); using subset_size={available}.",
            UserWarning,
            stacklevel=2,
        )
        subset_size = available
    rng = np.random.RandomState(seed)
    estimates = np.empty(num_subsets)
    for i in range(num_subsets):
        x = real[rng.choice(n_real, subset_size, replace=False)].astype(np.float64)
        y = fake[rng.choice(n_fake, subset_size, replace=False)].astype(np.float64)
        estimates[i] = _unbiased_mmd2(x, y, degree, float(gamma), float(coef0))
    return float(estimates.mean()), float(estimates.std())
