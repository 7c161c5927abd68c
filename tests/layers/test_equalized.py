import math

import keras
import numpy as np
import pytest
from keras import ops

from kerasgan.layers.equalized_conv2d import EqualizedConv2D
from kerasgan.layers.equalized_dense import EqualizedDense


def _np(x):
    return ops.convert_to_numpy(x)


def _np_conv(x, w, strides, padding):
    """Cross-correlation NHWC x HWIO with TensorFlow's 'same'/'valid' padding."""
    (kh, kw), (sh, sw) = w.shape[:2], strides
    if padding == "same":
        pads = []
        for size, k, s in ((x.shape[1], kh, sh), (x.shape[2], kw, sw)):
            total = max((-(-size // s) - 1) * s + k - size, 0)
            pads.append((total // 2, total - total // 2))
        x = np.pad(x, ((0, 0), pads[0], pads[1], (0, 0)))
    out_h = (x.shape[1] - kh) // sh + 1
    out_w = (x.shape[2] - kw) // sw + 1
    out = np.zeros((x.shape[0], out_h, out_w, w.shape[-1]), "float64")
    for i in range(out_h):
        for j in range(out_w):
            patch = x[:, i * sh : i * sh + kh, j * sw : j * sw + kw, :]
            out[:, i, j, :] = np.tensordot(patch, w, axes=([1, 2, 3], [0, 1, 2]))
    return out


def _randomize_bias(layer, seed):
    bias = np.random.default_rng(seed).normal(size=layer.bias.shape).astype("float32")
    layer.bias.assign(bias)
    return bias


@pytest.mark.parametrize(
    "gain,lr_multiplier,use_bias", [(math.sqrt(2), 1.0, True), (1.0, 0.01, True), (0.5, 1.0, False)]
)
def test_dense_matches_numpy(gain, lr_multiplier, use_bias):
    x = np.random.default_rng(0).normal(size=(2, 3, 12)).astype("float32")
    layer = EqualizedDense(5, gain=gain, use_bias=use_bias, lr_multiplier=lr_multiplier)
    layer.build(x.shape)
    assert layer.runtime_scale == pytest.approx(gain / math.sqrt(12) * lr_multiplier)
    w = _np(layer.kernel)
    assert w.shape == (12, 5)
    expected = x.astype("float64") @ (w * gain / math.sqrt(12) * lr_multiplier)
    if use_bias:
        expected = expected + _randomize_bias(layer, 1) * lr_multiplier
    else:
        assert layer.bias is None and len(layer.weights) == 1
    y = _np(layer(x))
    assert y.shape == (2, 3, 5)
    np.testing.assert_allclose(y, expected, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize(
    "kernel_size,strides,padding",
    [(3, 1, "same"), ((3, 2), 2, "same"), (3, (2, 1), "valid"), (1, 1, "valid")],
)
def test_conv_matches_numpy(kernel_size, strides, padding):
    x = np.random.default_rng(2).normal(size=(2, 7, 6, 3)).astype("float32")
    layer = EqualizedConv2D(4, kernel_size, strides=strides, padding=padding, lr_multiplier=0.5)
    layer.build(x.shape)
    kh, kw = layer.kernel_size
    fan_in = kh * kw * 3
    assert layer.runtime_scale == pytest.approx(math.sqrt(2) / math.sqrt(fan_in) * 0.5)
    w = _np(layer.kernel)
    assert w.shape == (kh, kw, 3, 4)
    bias = _randomize_bias(layer, 3)
    expected = _np_conv(x, w * math.sqrt(2) / math.sqrt(fan_in) * 0.5, layer.strides, padding)
    expected = expected + bias * 0.5
    y = _np(layer(x))
    assert y.shape == expected.shape == layer.compute_output_shape(x.shape)
    np.testing.assert_allclose(y, expected, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("lr_multiplier", [1.0, 0.1])
def test_init_stored_std_is_one_over_lr_multiplier(lr_multiplier):
    keras.utils.set_random_seed(0)
    dense = EqualizedDense(128, lr_multiplier=lr_multiplier)
    dense.build((None, 128))
    conv = EqualizedConv2D(32, 3, lr_multiplier=lr_multiplier)
    conv.build((None, 8, 8, 64))
    for layer, fan_in in ((dense, 128), (conv, 3 * 3 * 64)):
        w = _np(layer.kernel)
        assert abs(w.mean()) < 0.03 / lr_multiplier
        assert w.std() == pytest.approx(1.0 / lr_multiplier, rel=0.03)
        effective = w * layer.runtime_scale
        assert effective.std() == pytest.approx(math.sqrt(2) / math.sqrt(fan_in), rel=0.03)
        np.testing.assert_array_equal(_np(layer.bias), 0.0)


def test_stored_weight_change_is_scaled_at_run_time():
    # d out / d stored weight = x * runtime_scale (here 1 / sqrt(16)).
    layer = EqualizedDense(1, gain=1.0, use_bias=False)
    x = np.ones((1, 16), "float32")
    layer.build(x.shape)
    before = _np(layer(x))
    layer.kernel.assign(_np(layer.kernel) + 1.0)
    after = _np(layer(x))
    np.testing.assert_allclose(after - before, 16 * (1.0 / 4.0), rtol=1e-5)


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"units": 0}, "units"),
        ({"units": 2.5}, "units"),
        ({"units": 3, "gain": 0}, "gain"),
        ({"units": 3, "lr_multiplier": -1.0}, "lr_multiplier"),
        ({"units": 3, "use_bias": "yes"}, "use_bias"),
    ],
)
def test_dense_invalid_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        EqualizedDense(**kwargs)


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"filters": 0, "kernel_size": 3}, "filters"),
        ({"filters": 2, "kernel_size": (3, 0)}, "kernel_size"),
        ({"filters": 2, "kernel_size": 3, "strides": 1.5}, "strides"),
        ({"filters": 2, "kernel_size": 3, "padding": "causal"}, "padding"),
        ({"filters": 2, "kernel_size": 3, "gain": -1}, "gain"),
        ({"filters": 2, "kernel_size": 3, "lr_multiplier": 0}, "lr_multiplier"),
    ],
)
def test_conv_invalid_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        EqualizedConv2D(**kwargs)


def test_get_config_round_trip():
    dense = EqualizedDense(7, gain=1.0, use_bias=False, lr_multiplier=0.01, bias_initializer="ones")
    clone = EqualizedDense.from_config(dense.get_config())
    assert (clone.units, clone.gain, clone.use_bias, clone.lr_multiplier) == (7, 1.0, False, 0.01)
    assert isinstance(clone.bias_initializer, keras.initializers.Ones)
    assert clone.get_config() == dense.get_config()

    conv = EqualizedConv2D(5, (3, 1), strides=2, padding="VALID", gain=0.5, lr_multiplier=0.1)
    clone = EqualizedConv2D.from_config(conv.get_config())
    assert clone.kernel_size == (3, 1) and clone.strides == (2, 2) and clone.padding == "valid"
    assert (clone.filters, clone.gain, clone.lr_multiplier) == (5, 0.5, 0.1)
    assert clone.get_config() == conv.get_config()


def test_save_load_round_trip(tmp_path):
    inputs = keras.Input((6, 6, 3))
    x = EqualizedConv2D(4, 3, strides=2, lr_multiplier=0.5)(inputs)
    x = keras.layers.Flatten()(x)
    outputs = EqualizedDense(2, gain=1.0, lr_multiplier=0.1, bias_initializer="ones")(x)
    model = keras.Model(inputs, outputs)
    data = np.random.default_rng(5).normal(size=(3, 6, 6, 3)).astype("float32")
    path = str(tmp_path / "model.keras")
    model.save(path)
    loaded = keras.saving.load_model(path)
    assert [type(layer).__name__ for layer in loaded.layers[1:]] == [
        "EqualizedConv2D",
        "Flatten",
        "EqualizedDense",
    ]
    np.testing.assert_allclose(_np(loaded(data)), _np(model(data)), rtol=1e-6, atol=1e-6)
