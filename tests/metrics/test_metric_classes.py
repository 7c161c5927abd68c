"""FrechetDistance and KernelDistance as streaming keras.metrics.Metric on the active backend."""

import hashlib

import keras
import numpy as np
import pytest
from keras import ops

from kerasgan.metrics import FeatureStatistics
from kerasgan.metrics import FrechetDistance
from kerasgan.metrics import KernelDistance
from kerasgan.metrics import fid_from_features
from kerasgan.metrics import kernel_inception_distance

BACKEND = keras.backend.backend()
SHA = hashlib.sha256(b"weights").hexdigest()


def _features(seed, n, d=16, offset=3.0, scale=1.0):
    rng = np.random.default_rng(seed)
    mixing = np.eye(d) + 0.3 * rng.normal(size=(d, d))
    return (offset + scale * rng.normal(size=(n, d)) @ mixing).astype("float32")


def _batches(x, size):
    return [ops.convert_to_tensor(x[i : i + size]) for i in range(0, len(x), size)]


@pytest.fixture(scope="module")
def real():
    return _features(0, 3000)


def test_frechet_distance_streams_like_the_float64_function(real):
    fake = _features(1, 2000, offset=3.2, scale=1.1)
    metric = FrechetDistance(FeatureStatistics().update(real))
    assert isinstance(metric, keras.metrics.Metric)
    for batch in _batches(fake, 256):  # uneven last batch
        metric.update_state(batch)
    expected = fid_from_features(real, fake)
    value = metric.result()
    assert isinstance(value, float)
    np.testing.assert_allclose(value, expected, rtol=1e-4)
    assert metric.fake_statistics().count == 2000
    np.testing.assert_allclose(
        metric.fake_statistics().covariance,
        np.cov(fake.astype(np.float64), rowvar=False),
        rtol=1e-4,
        atol=1e-5,
    )
    # reset_state, then the same stream again gives the same value.
    metric.reset_state()
    assert float(ops.convert_to_numpy(metric.count)) == 0
    with pytest.raises(ValueError, match="at least 2 generated feature vectors.*received 0"):
        metric.result()
    for batch in _batches(fake, 500):
        metric.update_state(batch)
    np.testing.assert_allclose(metric.result(), expected, rtol=1e-4)


def test_frechet_distance_of_reference_like_samples_is_small(real):
    metric = FrechetDistance(FeatureStatistics().update(real))
    metric.update_state(real)
    assert metric.result() < 1e-6  # float32 state, centred on the reference mean


def test_frechet_distance_from_saved_statistics(real, tmp_path):
    path = tmp_path / "reference.npz"
    FeatureStatistics().update(real).save(path, "test_extractor", SHA)
    fake = _features(2, 600, offset=2.5)
    metric = FrechetDistance(str(path), name="fid_test")
    metric.update_state(fake)
    assert metric.name == "fid_test"
    np.testing.assert_allclose(metric.result(), fid_from_features(real, fake), rtol=1e-4)
    assert metric.get_config()["name"] == "fid_test"


def test_frechet_distance_bad_inputs(real):
    metric = FrechetDistance(FeatureStatistics().update(real))
    with pytest.raises(ValueError, match=r"\(N, 16\).*\(4, 8\)"):
        metric.update_state(np.ones((4, 8), "float32"))
    with pytest.raises(ValueError, match=r"\(N, 16\).*\(4, 2, 8\)"):
        metric.update_state(np.ones((4, 2, 8), "float32"))
    metric.update_state(np.ones((1, 16), "float32"))
    with pytest.raises(ValueError, match="at least 2 .*received 1"):
        metric.result()
    bad = _features(3, 10)
    bad[4, 4] = np.nan
    metric.update_state(bad)
    with pytest.raises(ValueError, match="non-finite"):
        metric.result()
    with pytest.raises(TypeError, match="FeatureStatistics"):
        FrechetDistance((real.mean(0), np.cov(real, rowvar=False)))
    with pytest.raises(ValueError, match="at least 2 samples"):
        FrechetDistance(FeatureStatistics().update(real[:1]))


@pytest.mark.skipif(BACKEND == "torch", reason="torch runs metrics eagerly")
def test_frechet_distance_update_traces_in_a_compiled_function(real):
    fake = _features(4, 512, offset=3.1)
    metric = FrechetDistance(FeatureStatistics().update(real))
    if BACKEND == "jax":
        import jax

        step = jax.jit(metric.stateless_update_state)
        state = [v.value for v in metric.variables]
        for batch in _batches(fake, 128):
            state = step(state, batch)
        for variable, value in zip(metric.variables, state, strict=True):
            variable.assign(value)
    else:
        import tensorflow as tf

        step = tf.function(metric.update_state)
        for batch in _batches(fake, 128):
            step(batch)
    np.testing.assert_allclose(metric.result(), fid_from_features(real, fake), rtol=1e-4)


def test_kernel_distance_streams_like_the_function(real):
    fake = _features(5, 450, offset=3.3)
    settings = dict(num_subsets=5, subset_size=200, degree=3, gamma=None, coef0=1.0, seed=7)
    metric = KernelDistance(ops.convert_to_tensor(real[:500]), **settings)
    assert isinstance(metric, keras.metrics.Metric)
    for batch in _batches(fake, 100):
        metric.update_state(batch)
    assert metric.count == 450
    expected = kernel_inception_distance(real[:500], fake, **settings)
    assert metric.result_with_std() == pytest.approx(expected, rel=1e-12)
    assert metric.result() == pytest.approx(expected[0], rel=1e-12)
    config = metric.get_config()
    assert {k: config[k] for k in settings} == settings
    metric.reset_state()
    assert metric.count == 0
    with pytest.raises(ValueError, match="no generated features"):
        metric.result()


def test_kernel_distance_keeps_its_own_copy_and_checks_inputs(real):
    reference = real[:100].copy()
    metric = KernelDistance(reference, num_subsets=2, subset_size=50)
    batch = _features(6, 60)
    metric.update_state(batch)
    before = metric.result()
    reference += 100.0
    batch += 100.0
    assert metric.result() == before
    with pytest.raises(ValueError, match=r"\(N, 16\).*\(3, 4\)"):
        metric.update_state(np.ones((3, 4)))
    bad = _features(7, 5)
    bad[0, 0] = np.inf
    with pytest.raises(ValueError, match="finite"):
        metric.update_state(bad)
    with pytest.raises(ValueError, match="at least 2"):
        KernelDistance(real[:1])


def test_kernel_distance_validates_settings_early(real):
    with pytest.raises(ValueError, match="subset_size"):
        KernelDistance(real, subset_size=1)
    with pytest.raises(ValueError, match="gamma"):
        KernelDistance(real, gamma=0.0)
