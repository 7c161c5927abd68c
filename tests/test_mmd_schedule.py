"""MMD GAN's learning-rate schedule: the 3-sample test equals the reference's numpy code
(mbinkowski/MMD-GAN, fixture), and the callback halves both learning rates after `patience`
tests in a row find no improvement, keeping them while the samples approach the data."""

import os

import keras
import numpy as np
import pytest
from repo import REPO_ROOT

from kerasgan.callbacks import KIDLearningRateSchedule
from kerasgan.metrics import kernel_sums
from kerasgan.metrics import three_sample_mmd_test

FIXTURE = os.path.join(REPO_ROOT, "tests", "fixtures", "publishers", "mmd_gan_three_sample_test.npz")


def test_three_sample_test_equals_the_reference_code():
    with np.load(FIXTURE) as f:
        expected = f["difference"], f["ratio"], f["p_value"]
        x, y, z = f["x"], f["y"], f["z"]
    np.testing.assert_allclose(three_sample_mmd_test(x, y, z), expected, rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(three_sample_mmd_test(x, y, z_sums=kernel_sums(x, z)), expected, rtol=1e-12)
    with pytest.raises(ValueError, match=r"expects Z of X's shape \(300, 12\); received \(299, 12\)"):
        three_sample_mmd_test(x, y, z[:299])
    with pytest.raises(ValueError, match=r"expects Z, or the `kernel_sums\(x, z\)` of one, not both and not neither"):
        three_sample_mmd_test(x, y)
    np.testing.assert_allclose(three_sample_mmd_test(x, y_sums=kernel_sums(x, y), z=z), expected, rtol=1e-12)


class _Identity:
    def features(self, images, batch_size=None):
        return np.asarray(images).reshape(len(images), -1)


class _Stub:
    """What the callback uses of a GAN: its optimizers and `generate`, here samples whose offset
    from the data follows `offsets` (one per evaluation)."""

    def __init__(self, offsets):
        self.name = "stub"
        self.offsets = list(offsets)
        self.g_optimizer, self.d_optimizer = keras.optimizers.SGD(0.1), keras.optimizers.SGD(0.2)
        for optimizer in (self.g_optimizer, self.d_optimizer):
            optimizer.build([keras.Variable(np.zeros(1, "float32"))])

    def generate(self, n, seed=None):
        rng = np.random.default_rng(seed)
        return rng.normal(self.offsets.pop(0), 1.0, (n, 4)).astype("float32")


def _run(offsets, **kwargs):
    data = np.random.default_rng(100).normal(0.0, 1.0, (200, 4)).astype("float32")
    schedule = KIDLearningRateSchedule(_Identity(), data, every_n_steps=1, num_samples=200, **kwargs)
    stub = _Stub(offsets)
    schedule.set_model(stub)
    schedule.on_train_begin()
    rates = []
    for step in range(1, len(stub.offsets) + 1):
        stub.g_optimizer.iterations.assign(step)
        schedule.on_train_batch_end(step)
        rates.append((schedule.learning_rate, float(keras.ops.convert_to_numpy(stub.d_optimizer.learning_rate))))
    return schedule, rates


def test_halves_both_rates_after_patience_failures_and_keeps_them_while_improving():
    # Samples approach the data: each test finds Y closer than Z, the rates stay.
    schedule, rates = _run([3.0, 2.5, 2.0, 1.5, 1.0, 0.5, 0.0], window=2, patience=2)
    assert all(p < 0.1 for p in (r["p_value"] for r in schedule.history if "p_value" in r))
    np.testing.assert_allclose(rates[-1], (0.1, 0.2), rtol=1e-6)
    # Samples drift away: every test fails. Evaluations 1-3 fill the window; 4 and 5 fail, so both
    # rates halve and the memory keeps the last 2 sets; 6 refills it; 7 and 8 fail: halved again.
    schedule, rates = _run([1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7], window=3, patience=2)
    assert [r["step"] for r in schedule.history if "p_value" in r] == [4, 5, 7, 8]
    assert all(r["p_value"] > 0.1 for r in schedule.history if "p_value" in r)
    np.testing.assert_allclose([r[0] for r in rates], [0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025], rtol=1e-6)
    np.testing.assert_allclose(rates[-1][1], 0.05, rtol=1e-6)


def test_refuses_bad_settings():
    data = np.zeros((10, 4), "float32")
    with pytest.raises(ValueError, match=r"at least num_samples=2048 reference images; received 10"):
        KIDLearningRateSchedule(_Identity(), data)
    with pytest.raises(TypeError, match=r"extractor with `features"):
        KIDLearningRateSchedule(object(), data, num_samples=10)
    schedule = KIDLearningRateSchedule(_Identity(), data, num_samples=10)
    stub = _Stub([])
    stub.g_optimizer = keras.optimizers.Adam(keras.optimizers.schedules.ExponentialDecay(1e-3, 10, 0.5))
    schedule.set_model(stub)
    with pytest.raises(ValueError, match=r"Adam of 'stub' follows a learning-rate schedule"):
        schedule.on_train_begin()
