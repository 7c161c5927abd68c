import keras
import numpy as np
import pytest
from keras import ops

from kerasgan.layers.self_attention import SelfAttention

C = 16


def _np(x):
    return ops.convert_to_numpy(x)


def _softmax(z):
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def _np_attention(x, w_theta, w_phi, w_g, w_o, gamma):
    """BigGAN-PyTorch layers.Attention.forward in NCHW; weights as (in, out) matrices."""
    n, h, w, c = x.shape
    x = x.transpose(0, 3, 1, 2).astype("float64")

    def conv1x1(t, m):
        return np.einsum("nihw,io->nohw", t, m)

    def max_pool(t):
        return t.reshape(n, t.shape[1], h // 2, 2, w // 2, 2).max(axis=(3, 5))

    theta = conv1x1(x, w_theta).reshape(n, c // 8, h * w)
    phi = max_pool(conv1x1(x, w_phi)).reshape(n, c // 8, h * w // 4)
    g = max_pool(conv1x1(x, w_g)).reshape(n, c // 2, h * w // 4)
    beta = _softmax(np.einsum("nkp,nkq->npq", theta, phi))
    o = conv1x1(np.einsum("ncq,npq->ncp", g, beta).reshape(n, c // 2, h, w), w_o)
    return (x + gamma * o).transpose(0, 2, 3, 1)


def _kernels(layer):
    return [_np(conv.kernel)[0, 0] for conv in (layer.theta, layer.phi, layer.g, layer.o)]


def _randomize(layer, seed, gamma=1.0):
    rng = np.random.default_rng(seed)
    for conv in (layer.theta, layer.phi, layer.g, layer.o):
        conv.kernel.assign(rng.normal(size=conv.kernel.shape).astype("float32"))
    layer.gamma.assign(gamma)


def _inputs(seed=0, shape=(2, 4, 6, C)):
    return np.random.default_rng(seed).normal(size=shape).astype("float32")


@pytest.mark.parametrize("spectral_norm", [False, True])
def test_identity_at_init(spectral_norm):
    x = _inputs()
    layer = SelfAttention(spectral_norm=spectral_norm)
    np.testing.assert_array_equal(_np(layer(x, training=True)), x)
    assert float(_np(layer.gamma)) == 0.0


def test_matches_numpy_without_spectral_norm():
    x = _inputs(1)
    layer = SelfAttention(spectral_norm=False)
    layer.build(x.shape)
    _randomize(layer, 2, gamma=0.7)
    expected = _np_attention(x, *_kernels(layer), 0.7)
    np.testing.assert_allclose(_np(layer(x)), expected, rtol=1e-4, atol=1e-4)


def test_matches_numpy_with_spectral_norm():
    x = _inputs(3)
    layer = SelfAttention(spectral_norm=True, power_iterations=100)
    layer.build(x.shape)
    _randomize(layer, 4)
    layer(x, training=True)  # converges the stored power-iteration vectors
    kernels = [k / np.linalg.svd(k, compute_uv=False)[0] for k in _kernels(layer)]
    expected = _np_attention(x, *kernels, 1.0)
    np.testing.assert_allclose(_np(layer(x, training=False)), expected, rtol=1e-4, atol=1e-4)


def test_training_flag_reaches_spectral_norm():
    x = _inputs(5)
    layer = SelfAttention()
    layer.build(x.shape)
    u_before = [_np(conv.u) for conv in (layer.theta, layer.phi, layer.g, layer.o)]
    layer(x, training=False)
    for conv, u in zip((layer.theta, layer.phi, layer.g, layer.o), u_before, strict=True):
        np.testing.assert_array_equal(_np(conv.u), u)
    layer(x, training=True)
    for conv, u in zip((layer.theta, layer.phi, layer.g, layer.o), u_before, strict=True):
        assert not np.allclose(_np(conv.u), u)


@pytest.mark.parametrize("spectral_norm", [False, True])
def test_parameter_count(spectral_norm):
    layer = SelfAttention(spectral_norm=spectral_norm)
    layer.build((None, 8, 8, C))
    # theta, phi: C * C/8; g: C * C/2; o: C/2 * C; gamma: 1.
    trainable = 2 * C * C // 8 + 2 * C * C // 2 + 1
    assert sum(int(np.prod(w.shape)) for w in layer.trainable_weights) == trainable
    # spectral norm adds one non-trainable u of shape (1, filters) per convolution.
    non_trainable = (2 * C // 8 + C // 2 + C) if spectral_norm else 0
    assert sum(int(np.prod(w.shape)) for w in layer.non_trainable_weights) == non_trainable
    assert layer.count_params() == trainable + non_trainable


def test_default_kernels_are_orthogonal():
    layer = SelfAttention(spectral_norm=False)
    layer.build((None, 4, 4, C))
    for k in _kernels(layer):
        small = min(k.shape)
        gram = k.T @ k if k.shape[0] >= k.shape[1] else k @ k.T
        np.testing.assert_allclose(gram, np.eye(small), atol=1e-5)


@pytest.mark.parametrize(
    "shape,match",
    [
        ((2, 4, 4, 12), r"divisible by 8.*\(2, 4, 4, 12\)"),
        ((2, 5, 4, 16), r"even height and width.*\(2, 5, 4, 16\)"),
        ((2, 4, 3, 16), r"even height and width.*\(2, 4, 3, 16\)"),
        ((2, 16), r"\(N, H, W, C\).*\(2, 16\)"),
    ],
)
def test_invalid_input_shapes(shape, match):
    with pytest.raises(ValueError, match=match):
        SelfAttention().build(shape)


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"spectral_norm": 1}, "spectral_norm=1"),
        ({"power_iterations": 0}, "power_iterations=0"),
        ({"sn_epsilon": 0.0}, "sn_epsilon=0.0"),
    ],
)
def test_invalid_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        SelfAttention(**kwargs)


def test_get_config_round_trip():
    layer = SelfAttention(
        spectral_norm=False, kernel_initializer="he_normal", power_iterations=3, sn_epsilon=1e-6
    )
    config = layer.get_config()
    clone = SelfAttention.from_config(config)
    assert (clone.spectral_norm, clone.power_iterations, clone.sn_epsilon) == (False, 3, 1e-6)
    assert isinstance(clone.kernel_initializer, keras.initializers.HeNormal)
    assert clone.get_config() == config


@pytest.mark.parametrize("spectral_norm", [False, True])
def test_save_load_round_trip(tmp_path, spectral_norm):
    inputs = keras.Input((4, 6, 8))
    x = keras.layers.Conv2D(C, 1)(inputs)
    attention = SelfAttention(spectral_norm=spectral_norm)
    model = keras.Model(inputs, attention(x))
    _randomize(attention, 6, gamma=0.5)
    data = _inputs(7, (2, 4, 6, 8))
    if spectral_norm:
        model(data, training=True)  # moves the stored u away from its initial value
    expected = _np(model(data, training=False))
    assert not np.allclose(expected, _np(model.layers[1](data)), atol=1e-3)
    path = str(tmp_path / "model.keras")
    model.save(path)
    loaded = keras.saving.load_model(path)
    restored = loaded.layers[-1]
    assert isinstance(restored, SelfAttention) and restored.spectral_norm is spectral_norm
    np.testing.assert_allclose(_np(restored.gamma), 0.5)
    np.testing.assert_allclose(_np(loaded(data, training=False)), expected, rtol=1e-6, atol=1e-6)
