"""KID: agreement with a loop-based unbiased MMD^2 (torch-fidelity's sampling), bad inputs."""

import warnings

import numpy as np
import pytest
from keras import ops

from kerasgan.metrics import kernel_inception_distance


def _reference_kid(real, fake, num_subsets, subset_size, degree=3, gamma=None, coef0=1.0, seed=0):
    """Element-by-element unbiased MMD^2 with torch-fidelity's subset sampling order."""
    gamma = 1.0 / real.shape[1] if gamma is None else gamma
    kernel = lambda a, b: (gamma * float(np.dot(a, b)) + coef0) ** degree  # noqa: E731
    rng = np.random.RandomState(seed)
    m = subset_size
    values = []
    for _ in range(num_subsets):
        x = real[rng.choice(len(real), m, replace=False)]
        y = fake[rng.choice(len(fake), m, replace=False)]
        xx = sum(kernel(x[i], x[j]) for i in range(m) for j in range(m) if i != j)
        yy = sum(kernel(y[i], y[j]) for i in range(m) for j in range(m) if i != j)
        xy = sum(kernel(x[i], y[j]) for i in range(m) for j in range(m))
        values.append((xx + yy) / (m * (m - 1)) - 2.0 * xy / (m * m))
    return np.mean(values), np.std(values)


def _sets(seed=0, n_real=120, n_fake=90, d=8, shift=0.7):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n_real, d)), rng.normal(shift, 1.2, size=(n_fake, d))


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"degree": 2, "gamma": 0.3, "coef0": 0.5, "seed": 2020}, {"degree": 1, "coef0": 0.0}],
)
def test_agrees_with_loop_reference(kwargs):
    real, fake = _sets()
    mean, std = kernel_inception_distance(real, fake, num_subsets=4, subset_size=30, **kwargs)
    ref_mean, ref_std = _reference_kid(real, fake, 4, 30, **kwargs)
    assert isinstance(mean, float) and isinstance(std, float)
    np.testing.assert_allclose(mean, ref_mean, rtol=1e-4)
    np.testing.assert_allclose(std, ref_std, rtol=1e-4)


def test_backend_tensors_and_seeds():
    real, fake = _sets(1)
    expected = kernel_inception_distance(real, fake, 5, 40, seed=3)
    got = kernel_inception_distance(
        ops.convert_to_tensor(real.astype("float32")),
        ops.convert_to_tensor(fake.astype("float32")),
        5,
        40,
        seed=3,
    )
    np.testing.assert_allclose(got, expected, rtol=1e-4)
    assert kernel_inception_distance(real, fake, 5, 40, seed=3) == expected  # deterministic
    assert kernel_inception_distance(real, fake, 5, 40, seed=4) != expected


def test_same_distribution_near_zero_shifted_positive():
    rng = np.random.default_rng(2)
    real, same, shifted = (rng.normal(size=(400, 16)) for _ in range(3))
    shifted = shifted + 0.5
    kid_same, _ = kernel_inception_distance(real, same, num_subsets=20, subset_size=200)
    kid_shifted, std = kernel_inception_distance(real, shifted, num_subsets=20, subset_size=200)
    assert abs(kid_same) < 0.1 * kid_shifted
    assert kid_shifted > 5 * std


def test_linear_kernel_full_set_is_unbiased_mean_distance():
    # degree 1, coef0 0, gamma 1: MMD^2 = ||mean x - mean y||^2 minus the diagonal terms.
    real, fake = _sets(3, n_real=50, n_fake=50)
    mean, std = kernel_inception_distance(
        real, fake, num_subsets=3, subset_size=50, degree=1, gamma=1.0, coef0=0.0
    )
    m = 50
    sx, sy = real.sum(0), fake.sum(0)
    expected = (
        (sx @ sx - (real * real).sum()) / (m * (m - 1))
        + (sy @ sy - (fake * fake).sum()) / (m * (m - 1))
        - 2 * (sx @ sy) / m**2
    )
    np.testing.assert_allclose(mean, expected, rtol=1e-10)
    assert std < 1e-10  # every subset is the whole set


def test_subset_size_is_capped_with_a_warning():
    real, fake = _sets(4, n_real=60, n_fake=25)
    with pytest.warns(UserWarning, match="subset_size=1000.*using subset_size=25"):
        capped = kernel_inception_distance(real, fake, num_subsets=3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert kernel_inception_distance(real, fake, num_subsets=3, subset_size=25) == capped


def test_bad_inputs():
    real, fake = _sets(5)
    with pytest.raises(ValueError, match=r"\(120, 8\).*\(90, 5\)"):
        kernel_inception_distance(real, fake[:, :5])
    with pytest.raises(ValueError, match="at least 2 samples.*1 fake"):
        kernel_inception_distance(real, fake[:1])
    with pytest.raises(ValueError, match="2-D"):
        kernel_inception_distance(real[None], fake)
    bad = fake.copy()
    bad[0, 0] = np.nan
    with pytest.raises(ValueError, match="`fake` must be finite"):
        kernel_inception_distance(real, bad)
    with pytest.raises(ValueError, match="num_subsets"):
        kernel_inception_distance(real, fake, num_subsets=0)
    with pytest.raises(ValueError, match="subset_size"):
        kernel_inception_distance(real, fake, subset_size=1)
    with pytest.raises(ValueError, match="gamma"):
        kernel_inception_distance(real, fake, gamma=-1.0)
    with pytest.raises(ValueError, match="coef0"):
        kernel_inception_distance(real, fake, coef0="1")
