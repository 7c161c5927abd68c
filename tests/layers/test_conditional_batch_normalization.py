import keras
import numpy as np
import pytest
from keras import ops

from kerasgan.layers import ConditionalBatchNormalization

EPSILON = 2e-5


def to_np(x):
    return np.asarray(ops.convert_to_numpy(x))


def make_layer(num_classes=4, channels=3, seed=0):
    rng = np.random.default_rng(seed)
    layer = ConditionalBatchNormalization(num_classes)
    layer.build([(None, 5, 5, channels), (None,)])
    layer.gamma.assign(rng.normal(1.0, 0.5, size=(num_classes, channels)).astype("float32"))
    layer.beta.assign(rng.normal(0.0, 0.5, size=(num_classes, channels)).astype("float32"))
    return layer


def data(n=6, channels=3, num_classes=4, seed=1):
    rng = np.random.default_rng(seed)
    x = rng.normal(2.0, 3.0, size=(n, 5, 5, channels)).astype("float32")
    labels = rng.integers(0, num_classes, size=(n,)).astype("int32")
    return x, labels


def np_cbn(x, labels, gamma, beta, mean, var):
    x_hat = (x - mean) / np.sqrt(var + EPSILON)
    return gamma[labels][:, None, None, :] * x_hat + beta[labels][:, None, None, :]


@pytest.mark.parametrize("column_labels", [False, True])
def test_training_uses_batch_statistics_and_class_affine(column_labels):
    layer = make_layer()
    x, labels = data()
    fed = labels[:, None] if column_labels else labels
    out = to_np(layer([x, fed], training=True))
    mean, var = x.mean(axis=(0, 1, 2)), x.var(axis=(0, 1, 2))
    expected = np_cbn(x, labels, to_np(layer.gamma), to_np(layer.beta), mean, var)
    np.testing.assert_allclose(out, expected, rtol=1e-4, atol=1e-4)


def test_moving_statistics_update_in_training_only():
    layer = make_layer()
    x, labels = data()
    layer([x, labels], training=False)
    np.testing.assert_array_equal(to_np(layer.moving_mean), np.zeros(3))
    np.testing.assert_array_equal(to_np(layer.moving_variance), np.ones(3))
    layer([x, labels], training=True)
    mean, var = x.mean(axis=(0, 1, 2)), x.var(axis=(0, 1, 2))
    np.testing.assert_allclose(to_np(layer.moving_mean), 0.1 * mean, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(to_np(layer.moving_variance), 0.9 + 0.1 * var, rtol=1e-5)


def test_inference_uses_moving_statistics():
    layer = make_layer()
    x, labels = data()
    mean = np.array([1.0, -2.0, 0.5], "float32")
    var = np.array([4.0, 0.25, 9.0], "float32")
    layer.moving_mean.assign(mean)
    layer.moving_variance.assign(var)
    out = to_np(layer([x, labels], training=False))
    expected = np_cbn(x, labels, to_np(layer.gamma), to_np(layer.beta), mean, var)
    np.testing.assert_allclose(out, expected, rtol=1e-4, atol=1e-4)


def test_frozen_layer_uses_moving_statistics_in_training():
    layer = make_layer()
    layer.trainable = False
    x, labels = data()
    out_train = to_np(layer([x, labels], training=True))
    out_infer = to_np(layer([x, labels], training=False))
    np.testing.assert_array_equal(out_train, out_infer)
    np.testing.assert_array_equal(to_np(layer.moving_mean), np.zeros(3))


def test_matches_keras_batch_normalization_with_identity_affine():
    layer = ConditionalBatchNormalization(3, momentum=0.8)
    bn = keras.layers.BatchNormalization(momentum=0.8, epsilon=EPSILON)
    x, labels = data(num_classes=3)
    for _ in range(2):
        out = to_np(layer([x, labels], training=True))
        ref = to_np(bn(x, training=True))
        np.testing.assert_allclose(out, ref, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(to_np(layer.moving_mean), to_np(bn.moving_mean), rtol=1e-5)
    np.testing.assert_allclose(to_np(layer.moving_variance), to_np(bn.moving_variance), rtol=1e-5)
    np.testing.assert_allclose(
        to_np(layer([x, labels], training=False)),
        to_np(bn(x, training=False)),
        rtol=1e-4,
        atol=1e-4,
    )


def test_weights_and_shapes():
    layer = ConditionalBatchNormalization(10)
    x = keras.Input(shape=(4, 4, 8))
    labels = keras.Input(shape=(), dtype="int32")
    y = layer([x, labels])
    assert tuple(y.shape) == (None, 4, 4, 8)
    assert [tuple(w.shape) for w in layer.trainable_weights] == [(10, 8), (10, 8)]
    assert [tuple(w.shape) for w in layer.non_trainable_weights] == [(8,), (8,)]
    np.testing.assert_array_equal(to_np(layer.gamma), np.ones((10, 8)))
    np.testing.assert_array_equal(to_np(layer.beta), np.zeros((10, 8)))


def test_fit_trains_only_rows_of_seen_classes_and_updates_moving_stats():
    x, labels = data(n=8, num_classes=2)
    x_in = keras.Input(shape=(5, 5, 3))
    y_in = keras.Input(shape=(1,), dtype="int32")
    layer = ConditionalBatchNormalization(4)
    model = keras.Model([x_in, y_in], layer([x_in, y_in]))
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    target = np.random.default_rng(2).normal(size=x.shape).astype("float32")
    history = model.fit([x, labels[:, None]], target, batch_size=8, epochs=1, verbose=0)
    assert np.isfinite(history.history["loss"][0])
    gamma, beta = to_np(layer.gamma), to_np(layer.beta)
    seen = np.unique(labels)
    assert set(seen) <= {0, 1}
    assert not np.allclose(gamma[seen], 1.0)
    assert not np.allclose(beta[seen], 0.0)
    np.testing.assert_array_equal(gamma[2:], 1.0)
    np.testing.assert_array_equal(beta[2:], 0.0)
    np.testing.assert_allclose(to_np(layer.moving_mean), 0.1 * x.mean(axis=(0, 1, 2)), rtol=1e-4)


def test_get_config_round_trip():
    layer = make_layer()
    x, labels = data()
    layer([x, labels], training=True)
    clone = ConditionalBatchNormalization.from_config(layer.get_config())
    assert clone.get_config() == layer.get_config()
    clone.build([x.shape, labels.shape])
    clone.set_weights(layer.get_weights())
    np.testing.assert_allclose(
        to_np(clone([x, labels])), to_np(layer([x, labels])), rtol=1e-6, atol=1e-6
    )


def test_save_and_load_model(tmp_path):
    x, labels = data()
    x_in = keras.Input(shape=(5, 5, 3))
    y_in = keras.Input(shape=(), dtype="int32")
    layer = ConditionalBatchNormalization(4, momentum=0.5, name="cbn")
    model = keras.Model([x_in, y_in], layer([x_in, y_in]))
    rng = np.random.default_rng(3)
    layer.gamma.assign(rng.normal(size=(4, 3)).astype("float32"))
    layer([x, labels], training=True)
    path = str(tmp_path / "cbn.keras")
    model.save(path)
    loaded = keras.saving.load_model(path)
    loaded_layer = loaded.get_layer("cbn")
    assert loaded_layer.momentum == 0.5
    for name in ["gamma", "beta", "moving_mean", "moving_variance"]:
        np.testing.assert_array_equal(
            to_np(getattr(loaded_layer, name)), to_np(getattr(layer, name))
        )
    np.testing.assert_allclose(
        to_np(loaded([x, labels])), to_np(model([x, labels])), rtol=1e-6, atol=1e-6
    )


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"num_classes": 0}, "num_classes=0"),
        ({"num_classes": 2.5}, "num_classes=2.5"),
        ({"num_classes": 3, "momentum": 1.0}, "momentum=1.0"),
        ({"num_classes": 3, "epsilon": -1.0}, "epsilon=-1.0"),
    ],
)
def test_invalid_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        ConditionalBatchNormalization(**kwargs)


def test_requires_two_inputs():
    with pytest.raises(ValueError, match="labels"):
        ConditionalBatchNormalization(3)(np.zeros((2, 4, 4, 3), "float32"))
