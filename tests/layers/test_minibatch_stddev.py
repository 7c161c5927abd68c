import keras
import numpy as np
import pytest
from keras import ops

from kerasgan.layers.minibatch_stddev import MinibatchStdDev


def _np_mbstd(x, group_size=4, num_new_features=1):
    """tkarras minibatch_stddev_layer, transposed from NCHW to NHWC."""
    n, h, w, c = x.shape
    g = min(group_size, n)
    f = num_new_features
    y = x.reshape(g, -1, h, w, f, c // f).astype("float64")
    y = y - y.mean(axis=0, keepdims=True)
    y = np.sqrt(np.mean(y**2, axis=0) + 1e-8)  # [M, H, W, f, c]
    y = y.mean(axis=(1, 2, 4))  # [M, f]
    y = np.tile(y[:, None, None, :], (g, h, w, 1))  # [N, H, W, f]
    return np.concatenate([x, y.astype(x.dtype)], axis=-1)


def _run(layer, x):
    return ops.convert_to_numpy(layer(x))


@pytest.mark.parametrize(
    "batch,group_size,num_new_features",
    [(8, 4, 1), (6, 3, 2), (4, 4, 4), (3, 4, 1)],
)
def test_matches_tkarras_formula(batch, group_size, num_new_features):
    x = np.random.default_rng(batch).normal(size=(batch, 3, 5, 8)).astype("float32")
    y = _run(MinibatchStdDev(group_size, num_new_features), x)
    assert y.shape == (batch, 3, 5, 8 + num_new_features)
    np.testing.assert_array_equal(y[..., :8], x)
    np.testing.assert_allclose(y, _np_mbstd(x, group_size, num_new_features), rtol=1e-5, atol=1e-6)


def test_hand_computed_groups_are_strided():
    # group_size=2, N=4: groups are {0, 2} and {1, 3} as in the reference reshape.
    x = np.zeros((4, 2, 2, 2), "float32")
    x[2] = 2.0  # std of {0, 2} is 1
    x[3] = 6.0  # std of {1, 3} is 3
    y = _run(MinibatchStdDev(group_size=2), x)
    np.testing.assert_allclose(y[[0, 2], ..., 2], 1.0, rtol=1e-6)
    np.testing.assert_allclose(y[[1, 3], ..., 2], 3.0, rtol=1e-6)


def test_constant_batch_gives_sqrt_epsilon():
    y = _run(MinibatchStdDev(), np.ones((4, 2, 2, 3), "float32"))
    np.testing.assert_allclose(y[..., 3], 1e-4, rtol=1e-3)


def test_indivisible_batch_raises():
    layer = MinibatchStdDev(group_size=4)
    with pytest.raises(ValueError, match=r"batch size \(6\).*divisible"):
        layer(np.zeros((6, 2, 2, 4), "float32"))


def test_indivisible_channels_raises():
    with pytest.raises(ValueError, match=r"channels \(5\).*num_new_features=2"):
        MinibatchStdDev(num_new_features=2)(np.zeros((4, 2, 2, 5), "float32"))


@pytest.mark.parametrize(
    "kwargs",
    [{"group_size": 0}, {"group_size": 2.0}, {"num_new_features": 0}, {"group_size": True}],
)
def test_invalid_arguments(kwargs):
    with pytest.raises(ValueError, match=next(iter(kwargs))):
        MinibatchStdDev(**kwargs)


def test_compiled_predict_matches_numpy():
    inputs = keras.Input((4, 4, 8))
    model = keras.Model(inputs, MinibatchStdDev(group_size=4, num_new_features=2)(inputs))
    assert model.output_shape == (None, 4, 4, 10)
    x = np.random.default_rng(3).normal(size=(16, 4, 4, 8)).astype("float32")
    y = model.predict(x, batch_size=8, verbose=0)
    expected = np.concatenate([_np_mbstd(x[:8], 4, 2), _np_mbstd(x[8:], 4, 2)])
    np.testing.assert_allclose(y, expected, rtol=1e-5, atol=1e-6)


def test_get_config_round_trip():
    layer = MinibatchStdDev(group_size=2, num_new_features=4, name="mbstd")
    config = layer.get_config()
    assert config["group_size"] == 2 and config["num_new_features"] == 4
    clone = MinibatchStdDev.from_config(config)
    assert (clone.group_size, clone.num_new_features, clone.name) == (2, 4, "mbstd")
    assert clone.get_config() == config


def test_save_load_round_trip(tmp_path):
    inputs = keras.Input((4, 4, 4))
    x = keras.layers.Conv2D(4, 1)(inputs)
    model = keras.Model(inputs, keras.layers.Conv2D(2, 1)(MinibatchStdDev(2)(x)))
    data = np.random.default_rng(4).normal(size=(4, 4, 4, 4)).astype("float32")
    path = str(tmp_path / "model.keras")
    model.save(path)
    loaded = keras.saving.load_model(path)
    np.testing.assert_allclose(
        ops.convert_to_numpy(loaded(data)), ops.convert_to_numpy(model(data)), rtol=1e-6, atol=1e-6
    )
