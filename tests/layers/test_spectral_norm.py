import keras
import numpy as np
import pytest
from keras import ops

from kerasgan.layers import SNConv2D
from kerasgan.layers import SNConv2DTranspose
from kerasgan.layers import SNDense
from kerasgan.layers import SNEmbedding
from kerasgan.layers._power_iteration import spectral_normalize

EPS = 1e-12


def to_np(x):
    return np.asarray(ops.convert_to_numpy(x))


def np_power_iteration(w_mat, u, iterations=1):
    """Chainer's max_singular_value in numpy: returns (sigma, u, v)."""
    for _ in range(iterations):
        v = u @ w_mat
        v = v / (np.linalg.norm(v) + EPS)
        u = v @ w_mat.T
        u = u / (np.linalg.norm(u) + EPS)
    return float(np.sum((u @ w_mat) * v)), u, v


def top_singular_value(w_mat):
    return float(np.linalg.svd(w_mat.astype("float64"), compute_uv=False)[0])


def reference_conv(layer_class, weight, bias, x, **kwargs):
    ref = layer_class(bias.shape[0], **kwargs)
    ref.build(x.shape)
    ref.set_weights([weight, bias])
    return to_np(ref(x))


# name -> (factory, input, kernel attribute, kernel -> (R, C) matrix, reference forward)
CASES = {
    "dense": (
        lambda: SNDense(5),
        np.random.default_rng(0).normal(size=(4, 7)).astype("float32"),
        "kernel",
        lambda k: k.T,
        lambda layer, x, w: x @ w + to_np(layer.bias),
    ),
    "conv2d": (
        lambda: SNConv2D(4, 3, strides=2, padding="same"),
        np.random.default_rng(1).normal(size=(2, 7, 7, 3)).astype("float32"),
        "kernel",
        lambda k: k.reshape(-1, k.shape[-1]).T,
        lambda layer, x, w: reference_conv(
            keras.layers.Conv2D, w, to_np(layer.bias), x, kernel_size=3, strides=2, padding="same"
        ),
    ),
    "conv2d_transpose": (
        lambda: SNConv2DTranspose(4, 3, strides=2, padding="same"),
        np.random.default_rng(2).normal(size=(2, 5, 5, 3)).astype("float32"),
        "kernel",
        lambda k: k.transpose(2, 0, 1, 3).reshape(k.shape[2], -1),
        lambda layer, x, w: reference_conv(
            keras.layers.Conv2DTranspose,
            w,
            to_np(layer.bias),
            x,
            kernel_size=3,
            strides=2,
            padding="same",
        ),
    ),
    "embedding": (
        lambda: SNEmbedding(6, 5),
        np.array([0, 3, 5, 1, 3], "int32"),
        "embeddings",
        lambda e: e,
        lambda layer, x, w: w[x],
    ),
}


def gapped_weight(shape, to_mat, seed=10):
    """A fixed weight whose matrix has sigma_1 = 2 sigma_2, so power iteration converges fast."""
    w_mat = to_mat(np.random.default_rng(seed).normal(size=shape))
    left, s, right = np.linalg.svd(w_mat, full_matrices=False)
    s[0] = 2.0 * s[1]
    index = to_mat(np.arange(int(np.prod(shape))).reshape(shape))
    flat = np.empty(int(np.prod(shape)))
    flat[index.ravel()] = ((left * s) @ right).ravel()
    return flat.reshape(shape).astype("float32")


def make_case(name):
    factory, x, attr, to_mat, forward = CASES[name]
    layer = factory()
    layer.build(x.shape)
    weight = getattr(layer, attr)
    weight.assign(gapped_weight(weight.shape, to_mat))
    if hasattr(layer, "bias") and layer.bias is not None:
        layer.bias.assign(np.random.default_rng(3).normal(size=layer.bias.shape).astype("float32"))
    return layer, x, weight, to_mat, forward


def test_spectral_normalize_one_step_matches_numpy():
    rng = np.random.default_rng(0)
    w = rng.normal(size=(6, 10)).astype("float32")
    u = rng.normal(size=(1, 6)).astype("float32")
    sigma, new_u = spectral_normalize(ops.convert_to_tensor(w), ops.convert_to_tensor(u), 1, EPS)
    ref_sigma, ref_u, _ = np_power_iteration(w, u)
    np.testing.assert_allclose(float(to_np(sigma)), ref_sigma, rtol=1e-5)
    np.testing.assert_allclose(to_np(new_u), ref_u, rtol=1e-5, atol=1e-6)


def test_spectral_normalize_converges_to_svd():
    rng = np.random.default_rng(1)
    w = rng.normal(size=(8, 12)).astype("float32")
    u = rng.normal(size=(1, 8)).astype("float32")
    sigma, new_u = spectral_normalize(ops.convert_to_tensor(w), ops.convert_to_tensor(u), 100, EPS)
    np.testing.assert_allclose(float(to_np(sigma)), top_singular_value(w), rtol=1e-4)
    left = np.linalg.svd(w.astype("float64"))[0][:, 0]
    np.testing.assert_allclose(abs(float(to_np(new_u)[0] @ left)), 1.0, atol=1e-4)


@pytest.mark.parametrize("name", list(CASES))
def test_output_matches_reference_with_one_power_iteration(name):
    layer, x, weight, to_mat, forward = make_case(name)
    w = to_np(weight)
    u0 = to_np(layer.u)
    sigma, u1, _ = np_power_iteration(to_mat(w), u0)
    out = to_np(layer(x, training=True))
    np.testing.assert_allclose(out, forward(layer, x, w / sigma), rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(to_np(layer.u), u1, rtol=1e-5, atol=1e-6)
    assert to_np(layer.u).shape == (1, to_mat(w).shape[0])


@pytest.mark.parametrize("name", list(CASES))
def test_training_calls_converge_to_largest_singular_value(name):
    layer, x, weight, to_mat, forward = make_case(name)
    w = to_np(weight).copy()
    for _ in range(20):
        layer(x, training=True)
    np.testing.assert_array_equal(to_np(weight), w)
    w_mat = to_mat(w)
    sigma, _ = spectral_normalize(ops.convert_to_tensor(w_mat), layer.u, 1, EPS)
    s_max = top_singular_value(w_mat)
    np.testing.assert_allclose(float(to_np(sigma)), s_max, rtol=1e-4)
    out = to_np(layer(x, training=False))
    np.testing.assert_allclose(out, forward(layer, x, w / s_max), rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("training", [False, None])
def test_u_unchanged_outside_training(name, training):
    layer, x, weight, _, _ = make_case(name)
    u0 = to_np(layer.u).copy()
    w0 = to_np(weight).copy()
    layer(x, training=training)
    layer(x, training=training)
    np.testing.assert_array_equal(to_np(layer.u), u0)
    np.testing.assert_array_equal(to_np(weight), w0)


@pytest.mark.parametrize("name", list(CASES))
def test_get_config_round_trip(name):
    layer, x, _, _, _ = make_case(name)
    layer(x, training=True)
    clone = layer.__class__.from_config(layer.get_config())
    clone.build(x.shape)
    clone.set_weights(layer.get_weights())
    assert clone.get_config() == layer.get_config()
    np.testing.assert_allclose(to_np(clone(x)), to_np(layer(x)), rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("name", list(CASES))
def test_save_and_load_model(name, tmp_path):
    factory, x, _, _, _ = CASES[name]
    inputs = keras.Input(shape=x.shape[1:], dtype="int32" if x.dtype.kind == "i" else "float32")
    model = keras.Model(inputs, factory()(inputs))
    layer = model.layers[-1]
    for _ in range(3):
        layer(x, training=True)
    path = str(tmp_path / "model.keras")
    model.save(path)
    loaded = keras.saving.load_model(path)
    loaded_layer = loaded.layers[-1]
    assert type(loaded_layer) is type(layer)
    np.testing.assert_array_equal(to_np(loaded_layer.u), to_np(layer.u))
    for a, b in zip(loaded.get_weights(), model.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_allclose(to_np(loaded(x)), to_np(model(x)), rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize(
    "kernel_size,strides,padding,size",
    [(4, 2, "same", 5), (3, 2, "valid", 5), ((5, 3), (1, 2), "valid", 7)],
)
def test_conv2d_transpose_matches_keras(kernel_size, strides, padding, size):
    x = np.random.default_rng(4).normal(size=(2, size, size + 1, 3)).astype("float32")
    layer = SNConv2DTranspose(4, kernel_size, strides=strides, padding=padding)
    out = to_np(layer(x, training=False))
    w = to_np(layer.kernel)
    sigma, _, _ = np_power_iteration(w.transpose(2, 0, 1, 3).reshape(4, -1), to_np(layer.u))
    kwargs = dict(kernel_size=kernel_size, strides=strides, padding=padding)
    ref = reference_conv(keras.layers.Conv2DTranspose, w / sigma, to_np(layer.bias), x, **kwargs)
    assert out.shape == ref.shape
    assert layer.compute_output_shape(x.shape) == ref.shape
    np.testing.assert_allclose(out, ref, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("kernel_size,strides,padding,size", [(3, 2, "valid", 8)])
def test_conv2d_matches_keras(kernel_size, strides, padding, size):
    x = np.random.default_rng(5).normal(size=(2, size, size, 3)).astype("float32")
    layer = SNConv2D(4, kernel_size, strides=strides, padding=padding)
    out = to_np(layer(x))
    w = to_np(layer.kernel)
    sigma, _, _ = np_power_iteration(w.reshape(-1, 4).T, to_np(layer.u))
    kwargs = dict(kernel_size=kernel_size, strides=strides, padding=padding)
    ref = reference_conv(keras.layers.Conv2D, w / sigma, to_np(layer.bias), x, **kwargs)
    assert layer.compute_output_shape(x.shape) == ref.shape
    np.testing.assert_allclose(out, ref, rtol=1e-4, atol=1e-4)


def test_embedding_accepts_flat_and_column_ids():
    layer = SNEmbedding(6, 5)
    ids = np.array([2, 0, 5], "int32")
    flat = to_np(layer(ids))
    column = to_np(layer(ids[:, None]))
    assert flat.shape == column.shape == (3, 5)
    np.testing.assert_array_equal(flat, column)
    assert layer.compute_output_shape((None, 1)) == (None, 5)


@pytest.mark.parametrize("name", ["dense", "embedding"])
def test_mixed_precision_keeps_power_iteration_in_float32(name):
    factory, x, attr, _, _ = CASES[name]
    reference = factory()
    reference.build(x.shape)
    mixed = reference.__class__.from_config({**reference.get_config(), "dtype": "mixed_float16"})
    mixed.build(x.shape)
    mixed.set_weights(reference.get_weights())
    out = mixed(x, training=True)
    assert keras.backend.standardize_dtype(out.dtype) == "float16"
    assert mixed.u.dtype == getattr(mixed, attr).dtype == "float32"
    np.testing.assert_allclose(
        to_np(ops.cast(out, "float32")), to_np(reference(x, training=True)), rtol=1e-2, atol=1e-2
    )
    np.testing.assert_allclose(to_np(mixed.u), to_np(reference.u), rtol=1e-5, atol=1e-6)


def test_dense_fit_gradient_treats_power_iteration_as_constant():
    rng = np.random.default_rng(6)
    x = rng.normal(size=(8, 4)).astype("float32")
    inputs = keras.Input(shape=(4,))
    model = keras.Model(inputs, SNDense(3, use_bias=False)(inputs))
    layer = model.layers[-1]
    k0 = to_np(layer.kernel).copy()
    u0 = to_np(layer.u).copy()
    lr = 0.1
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=lr), loss="mse")
    model.fit(x, np.zeros((8, 3), "float32"), batch_size=8, epochs=1, shuffle=False, verbose=0)

    w_mat = k0.T.astype("float64")
    sigma, u1, v1 = np_power_iteration(w_mat, u0.astype("float64"))
    y = x @ (k0 / sigma)
    g = 2.0 * y / y.size
    grad_w = x.T @ g
    d_sigma = v1.T @ u1
    grad_k = grad_w / sigma - np.sum(grad_w * k0) / sigma**2 * d_sigma
    np.testing.assert_allclose(to_np(layer.u), u1, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(to_np(layer.kernel), k0 - lr * grad_k, rtol=1e-5, atol=1e-6)
    u_after_fit = to_np(layer.u).copy()
    model.predict(x, verbose=0)
    model.evaluate(x, np.zeros((8, 3), "float32"), verbose=0)
    np.testing.assert_array_equal(to_np(layer.u), u_after_fit)


@pytest.mark.parametrize(
    "factory,message",
    [
        (lambda: SNDense(0), "units=0"),
        (lambda: SNDense(4, power_iterations=0), "power_iterations=0"),
        (lambda: SNDense(4, epsilon=0.0), "epsilon=0.0"),
        (lambda: SNConv2D(4, 3, padding="full"), "padding=full"),
        (lambda: SNConv2D(4, (3, 3, 3)), "kernel_size=(3, 3, 3)"),
        (lambda: SNConv2DTranspose(4, 3, strides=0), "strides=0"),
        (lambda: SNEmbedding(0, 4), "input_dim=0"),
        (lambda: SNEmbedding(4, -1), "output_dim=-1"),
    ],
)
def test_invalid_arguments(factory, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        factory()


@pytest.mark.parametrize("name", sorted(CASES))
def test_stored_inference_is_torch_spectral_norm(name):
    """`inference="stored"` (torch.nn.utils.spectral_norm): training makes the same power step and
    also keeps `v`; inference divides by σ = uᵀWv of the stored vectors, with no power step."""
    plain, x, weight, to_mat, forward = make_case(name)
    layer = type(plain).from_config({**plain.get_config(), "inference": "stored"})
    layer.build(x.shape)
    getattr(layer, "kernel" if hasattr(layer, "kernel") else "embeddings").assign(to_np(weight))
    if getattr(layer, "bias", None) is not None:
        layer.bias.assign(to_np(plain.bias))
    w_mat = to_mat(to_np(weight)).astype("float64")
    _, u1, v1 = np_power_iteration(w_mat, to_np(layer.u).astype("float64"))
    layer(x, training=True)
    np.testing.assert_allclose(to_np(layer.u), u1, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(to_np(layer.v), v1, rtol=1e-4, atol=1e-6)
    u, v = to_np(layer.u).astype("float64"), to_np(layer.v).astype("float64")
    sigma = float(np.sum((u @ w_mat) * v))
    expected = forward(layer, x, to_np(weight) / sigma)
    np.testing.assert_allclose(to_np(layer(x, training=False)), expected, rtol=1e-4, atol=1e-5)
    np.testing.assert_array_equal(to_np(layer.u), u.astype("float32"))  # inference writes nothing
    assert layer.get_config()["inference"] == "stored" and "inference" not in plain.get_config()
    with pytest.raises(ValueError, match=r"`inference` must be one of \('power_iteration', 'stored'\)"):
        type(plain)(**{**plain.get_config(), "inference": "exact"})
