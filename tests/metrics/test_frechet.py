"""FID: agreement with the pytorch-fid / TTUR sqrtm formula, closed forms, bad inputs."""

import numpy as np
import pytest
import scipy.linalg
from keras import ops

from kerasgan.metrics import FeatureStatistics
from kerasgan.metrics import fid_from_features
from kerasgan.metrics import fid_from_statistics
from kerasgan.metrics import frechet_distance

SHA_A = "a" * 64
SHA_B = "b" * 64


def _reference_fid(mu1, sigma1, mu2, sigma2, eps=1e-6):
    """`calculate_frechet_distance` of pytorch-fid / TTUR, written independently."""
    diff = mu1 - mu2
    covmean = scipy.linalg.sqrtm(sigma1.dot(sigma2))
    if not np.isfinite(covmean).all():
        offset = np.eye(sigma1.shape[0]) * eps
        covmean = scipy.linalg.sqrtm((sigma1 + offset).dot(sigma2 + offset))
    covmean = np.real(covmean)
    return diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2.0 * np.trace(covmean)


def _correlated(seed, n, d, offset=0.5, scale=0.3):
    rng = np.random.default_rng(seed)
    mixing = rng.normal(size=(d, d)) * scale
    return rng.normal(size=(n, d)) @ mixing + offset + rng.normal(size=d)


@pytest.mark.parametrize(
    "n1, n2, d",
    [(400, 300, 16), (600, 600, 48), (50, 80, 96)],  # the last: singular covariances (N < D)
)
def test_agrees_with_sqrtm_reference(n1, n2, d):
    real = _correlated(1, n1, d)
    fake = _correlated(2, n2, d, offset=0.8, scale=0.5)
    expected = _reference_fid(
        real.mean(0), np.cov(real, rowvar=False), fake.mean(0), np.cov(fake, rowvar=False)
    )
    np.testing.assert_allclose(fid_from_features(real, fake), expected, rtol=1e-4)
    np.testing.assert_allclose(fid_from_features(fake, real), expected, rtol=1e-4)


def test_float32_features_and_backend_tensors():
    real = _correlated(3, 300, 12).astype("float32")
    fake = _correlated(4, 200, 12, offset=1.0).astype("float32")
    r64, f64 = real.astype(np.float64), fake.astype(np.float64)
    expected = _reference_fid(
        r64.mean(0), np.cov(r64, rowvar=False), f64.mean(0), np.cov(f64, rowvar=False)
    )
    value = fid_from_features(ops.convert_to_tensor(real), ops.convert_to_tensor(fake))
    assert isinstance(value, float)
    np.testing.assert_allclose(value, expected, rtol=1e-4)


@pytest.mark.parametrize("n, d", [(500, 32), (40, 128)])
def test_fid_of_a_set_with_itself_is_zero(n, d):
    x = _correlated(5, n, d)
    assert 0.0 <= fid_from_features(x, x) < 1e-6


def test_closed_form_commuting_covariances():
    rng = np.random.default_rng(6)
    d = 10
    a, b = rng.uniform(0.1, 4.0, d), rng.uniform(0.1, 4.0, d)
    mu1, mu2 = rng.normal(size=d), rng.normal(size=d)
    expected = np.sum((mu1 - mu2) ** 2) + np.sum((np.sqrt(a) - np.sqrt(b)) ** 2)
    np.testing.assert_allclose(
        frechet_distance(mu1, np.diag(a), mu2, np.diag(b)), expected, rtol=1e-10
    )
    # Commuting but not diagonal: the same rotation of both covariances.
    q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    s1, s2 = q @ np.diag(a) @ q.T, q @ np.diag(b) @ q.T
    np.testing.assert_allclose(frechet_distance(mu1, s1, mu2, s2), expected, rtol=1e-9)


def test_closed_form_identical_and_zero_covariances():
    mu1, mu2 = np.array([1.0, 2.0, 3.0]), np.array([0.0, 2.0, 5.0])
    s = np.diag([1.0, 2.0, 3.0])
    assert frechet_distance(mu1, s, mu1, s) == pytest.approx(0.0, abs=1e-12)
    assert frechet_distance(mu1, s, mu2, s) == pytest.approx(5.0, rel=1e-12)
    # Point masses: the distance is the squared distance between the means.
    zero = np.zeros((3, 3))
    assert frechet_distance(mu1, zero, mu2, zero) == pytest.approx(5.0, rel=1e-12)
    assert frechet_distance(mu1, zero, mu1, s) == pytest.approx(6.0, rel=1e-12)


def test_closed_form_from_large_samples():
    rng = np.random.default_rng(7)
    d, n = 4, 40_000
    a, b = np.array([1.0, 2.0, 0.5, 3.0]), np.array([2.0, 1.0, 0.5, 0.25])
    mu1, mu2 = np.zeros(d), np.array([1.0, -0.5, 0.0, 0.25])
    real = mu1 + rng.normal(size=(n, d)) * np.sqrt(a)
    fake = mu2 + rng.normal(size=(n, d)) * np.sqrt(b)
    expected = np.sum((mu1 - mu2) ** 2) + np.sum((np.sqrt(a) - np.sqrt(b)) ** 2)
    np.testing.assert_allclose(fid_from_features(real, fake), expected, rtol=0.03)


def test_fid_from_statistics_matches_features_and_checks_extractors():
    real, fake = _correlated(8, 300, 8), _correlated(9, 300, 8, offset=1.5)
    a, b = FeatureStatistics().update(real), FeatureStatistics().update(fake)
    assert fid_from_statistics(a, b) == pytest.approx(fid_from_features(real, fake), rel=1e-12)
    a = FeatureStatistics.from_moments(a.mean, a.covariance, a.count, "inception", SHA_A)
    b = FeatureStatistics.from_moments(b.mean, b.covariance, b.count, "inception", SHA_B)
    with pytest.raises(ValueError, match=f"{SHA_A}.*{SHA_B}"):
        fid_from_statistics(a, b)
    with pytest.raises(TypeError, match="FeatureStatistics"):
        fid_from_statistics((real.mean(0), np.cov(real, rowvar=False)), b)


def test_mismatched_dimensions_name_both():
    with pytest.raises(ValueError, match=r"\(3,\).*\(4,\)"):
        frechet_distance(np.zeros(3), np.eye(3), np.zeros(4), np.eye(4))
    with pytest.raises(ValueError, match=r"sigma1.*\(3, 3\).*\(4, 4\)"):
        frechet_distance(np.zeros(3), np.eye(4), np.zeros(3), np.eye(3))
    with pytest.raises(ValueError, match=r"\(10, 3\).*\(10, 4\)"):
        fid_from_features(np.ones((10, 3)), np.ones((10, 4)))
    a = FeatureStatistics().update(np.random.default_rng(0).normal(size=(5, 3)))
    b = FeatureStatistics().update(np.random.default_rng(0).normal(size=(5, 4)))
    with pytest.raises(ValueError, match="3.*4"):
        fid_from_statistics(a, b)


def test_bad_inputs():
    x = np.random.default_rng(10).normal(size=(20, 5))
    with pytest.raises(ValueError, match="at least 2 samples"):
        fid_from_features(x, x[:1])
    with pytest.raises(ValueError, match=r"2-D.*\(20, 5, 1\)"):
        fid_from_features(x[..., None], x)
    bad = x.copy()
    bad[3, 2] = np.nan
    with pytest.raises(ValueError, match="finite.*first bad row: 3"):
        fid_from_features(x, bad)
    with pytest.raises(ValueError, match="1-D"):
        frechet_distance(np.zeros((3, 1)), np.eye(3), np.zeros(3), np.eye(3))
    with pytest.raises(ValueError, match="symmetric"):
        frechet_distance(np.zeros(2), np.array([[1.0, 0.5], [0.0, 1.0]]), np.zeros(2), np.eye(2))
    with pytest.raises(ValueError, match="finite"):
        frechet_distance(np.zeros(2), np.eye(2), np.array([0.0, np.inf]), np.eye(2))


def test_moments_as_backend_tensors():
    mu1, mu2 = np.array([0.0, 1.0]), np.array([1.0, 1.0])
    s1, s2 = np.diag([1.0, 4.0]), np.diag([4.0, 1.0])
    expected = frechet_distance(mu1, s1, mu2, s2)
    tensors = [ops.convert_to_tensor(v) for v in (mu1, s1, mu2, s2)]
    assert frechet_distance(*tensors) == pytest.approx(expected, rel=1e-6)
