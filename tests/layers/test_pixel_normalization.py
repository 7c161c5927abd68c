import keras
import numpy as np
import pytest
from keras import ops

from kerasgan.layers.pixel_normalization import PixelNormalization


def _np_pixel_norm(x, epsilon=1e-8):
    return x / np.sqrt(np.mean(x**2, axis=-1, keepdims=True) + epsilon)


def test_matches_numpy_and_unit_mean_square():
    x = np.random.default_rng(0).normal(size=(3, 4, 5, 8)).astype("float32") * 7.0
    y = ops.convert_to_numpy(PixelNormalization()(x))
    np.testing.assert_allclose(y, _np_pixel_norm(x), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(np.mean(y**2, axis=-1), 1.0, rtol=1e-5)


def test_latent_vectors_and_epsilon():
    x = np.random.default_rng(1).normal(size=(6, 32)).astype("float32")
    y = ops.convert_to_numpy(PixelNormalization(epsilon=0.5)(x))
    np.testing.assert_allclose(y, _np_pixel_norm(x, 0.5), rtol=1e-5, atol=1e-6)


def test_epsilon_after_sqrt():
    """mmgeneration's form, x / (sqrt(mean x²) + ε), for its released PGGAN."""
    x = np.random.default_rng(1).normal(size=(6, 32)).astype("float32") * 0.01
    y = ops.convert_to_numpy(PixelNormalization(epsilon=1e-3, epsilon_after_sqrt=True)(x))
    expected = x / (np.sqrt(np.mean(x**2, axis=-1, keepdims=True)) + 1e-3)
    np.testing.assert_allclose(y, expected, rtol=1e-5, atol=1e-7)
    assert np.abs(y - _np_pixel_norm(x, 1e-3)).max() > 1e-2  # not the authors' form at this scale
    assert PixelNormalization.from_config(PixelNormalization(epsilon_after_sqrt=True).get_config()).epsilon_after_sqrt


def test_zero_input_is_finite():
    y = ops.convert_to_numpy(PixelNormalization()(np.zeros((2, 2, 2, 4), "float32")))
    np.testing.assert_array_equal(y, 0.0)


@pytest.mark.parametrize("epsilon", [0, -1e-8, "1e-8", True])
def test_invalid_epsilon(epsilon):
    with pytest.raises(ValueError, match="epsilon"):
        PixelNormalization(epsilon=epsilon)


def test_get_config_round_trip():
    layer = PixelNormalization(epsilon=1e-6, name="pn")
    config = layer.get_config()
    assert config["epsilon"] == 1e-6
    clone = PixelNormalization.from_config(config)
    assert clone.epsilon == 1e-6 and clone.name == "pn"
    assert clone.get_config() == config


def test_save_load_round_trip(tmp_path):
    inputs = keras.Input((4, 4, 8))
    model = keras.Model(inputs, PixelNormalization()(keras.layers.Conv2D(8, 1)(inputs)))
    x = np.random.default_rng(2).normal(size=(2, 4, 4, 8)).astype("float32")
    path = str(tmp_path / "model.keras")
    model.save(path)
    loaded = keras.saving.load_model(path)
    assert isinstance(loaded.layers[-1], PixelNormalization)
    np.testing.assert_allclose(
        ops.convert_to_numpy(loaded(x)), ops.convert_to_numpy(model(x)), rtol=1e-6, atol=1e-6
    )
