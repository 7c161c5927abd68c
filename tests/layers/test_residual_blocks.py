import keras
import numpy as np
import pytest
from keras import ops

from kerasgan.layers import ConditionalBatchNormalization
from kerasgan.layers import OptimizedResidualBlockDown
from kerasgan.layers import ResidualBlockDown
from kerasgan.layers import ResidualBlockUp
from kerasgan.layers import SNConv2D


def to_np(x):
    return np.asarray(ops.convert_to_numpy(x))


def count(weights):
    return sum(int(np.prod(w.shape)) for w in weights)


def up2(x):
    return np.repeat(np.repeat(x, 2, axis=1), 2, axis=2)


def pool2(x):
    n, h, w, c = x.shape
    return x[:, : h // 2 * 2, : w // 2 * 2].reshape(n, h // 2, 2, w // 2, 2, c).mean(axis=(2, 4))


def relu(x):
    return np.maximum(x, 0.0)


def images(shape, seed=0):
    return np.random.default_rng(seed).normal(size=shape).astype("float32")


# Shared shapes keep JAX's per-shape eager compilations few: an up block maps UP_X (4
# channels) to 8 or 4 channels, a down block maps DOWN_X (4 channels) to 8 or 4 channels.
UP_X = (2, 4, 3, 4)
DOWN_X = (2, 8, 6, 4)


@pytest.mark.parametrize(
    "block,trainable,non_trainable",
    [
        # The SN-GAN generator block on C -> C channels: 2 * (9C^2 + C) + (C^2 + C) + 4C.
        (ResidualBlockUp(4), 2 * (4 * 4 * 9 + 4) + (4 * 4 + 4) + 4 * 4, 4 * 4),
        (ResidualBlockUp(4, upsample=False), 2 * (4 * 4 * 9 + 4) + 4 * 4, 4 * 4),
        (
            ResidualBlockUp(8),
            (4 * 8 * 9 + 8) + (8 * 8 * 9 + 8) + (4 * 8 + 8) + 2 * 4 + 2 * 8,
            2 * 4 + 2 * 8,
        ),
        (
            ResidualBlockUp(8, num_classes=3),
            (4 * 8 * 9 + 8) + (8 * 8 * 9 + 8) + (4 * 8 + 8) + 2 * 3 * 4 + 2 * 3 * 8,
            2 * 4 + 2 * 8,
        ),
        (ResidualBlockDown(8), (4 * 4 * 9 + 4) + (4 * 8 * 9 + 8) + (4 * 8 + 8), 4 + 8 + 8),
        (ResidualBlockDown(4, downsample=False), 2 * (4 * 4 * 9 + 4), 2 * 4),
        (ResidualBlockDown(4, downsample=False, spectral_norm=False), 2 * (4 * 4 * 9 + 4), 0),
        (
            OptimizedResidualBlockDown(8),
            (4 * 8 * 9 + 8) + (8 * 8 * 9 + 8) + (4 * 8 + 8),
            3 * 8,
        ),
        (
            OptimizedResidualBlockDown(8, spectral_norm=False),
            (4 * 8 * 9 + 8) + (8 * 8 * 9 + 8) + (4 * 8 + 8),
            0,
        ),
    ],
)
def test_parameter_counts(block, trainable, non_trainable):
    shape = (None, 8, 8, 4)
    block.build([shape, (None,)] if getattr(block, "num_classes", 0) else shape)
    assert count(block.trainable_weights) == trainable
    assert count(block.non_trainable_weights) == non_trainable


@pytest.mark.parametrize(
    "block,in_shape,out_shape",
    [
        (ResidualBlockUp(8), UP_X, (2, 8, 6, 8)),
        (ResidualBlockUp(4, upsample=False), UP_X, UP_X),
        (ResidualBlockDown(8), DOWN_X, (2, 4, 3, 8)),
        (ResidualBlockDown(4, downsample=False), DOWN_X, DOWN_X),
        (OptimizedResidualBlockDown(8), DOWN_X, (2, 4, 3, 8)),
    ],
)
def test_shapes_eager_and_functional(block, in_shape, out_shape):
    x = images(in_shape)
    inputs = keras.Input(shape=in_shape[1:])
    outputs = block(inputs)
    assert tuple(outputs.shape) == (None,) + out_shape[1:]
    assert block.compute_output_shape((None,) + in_shape[1:]) == (None,) + out_shape[1:]
    model = keras.Model(inputs, outputs)
    assert tuple(model(x, training=True).shape) == out_shape


def test_conditional_up_block_in_functional_model():
    x_in = keras.Input(shape=UP_X[1:])
    y_in = keras.Input(shape=(1,), dtype="int32")
    block = ResidualBlockUp(8, num_classes=3)
    model = keras.Model([x_in, y_in], block([x_in, y_in]))
    assert tuple(model.output.shape) == (None, 8, 6, 8)
    assert isinstance(block.bn1, ConditionalBatchNormalization)
    out = model([images(UP_X), np.array([[0], [2]], "int32")], training=True)
    assert tuple(out.shape) == (2, 8, 6, 8)


def test_identity_shortcuts():
    x = images(UP_X)
    up = ResidualBlockUp(4, upsample=False)
    up.build(x.shape)
    assert up.shortcut is None
    up.conv2.kernel.assign(np.zeros(up.conv2.kernel.shape, "float32"))
    np.testing.assert_allclose(to_np(up(x, training=True)), x, atol=1e-6)

    down = ResidualBlockDown(4, downsample=False, spectral_norm=False)
    down.build(x.shape)
    assert down.shortcut is None
    down.conv2.kernel.assign(np.zeros(down.conv2.kernel.shape, "float32"))
    np.testing.assert_allclose(to_np(down(x)), x, atol=1e-6)

    for block in (ResidualBlockUp(4), ResidualBlockUp(8, upsample=False), ResidualBlockDown(4)):
        block.build(x.shape)
        assert block.shortcut is not None


def test_up_block_matches_numpy_wiring():
    x = images(UP_X)
    block = ResidualBlockUp(8)
    block.build(x.shape)
    rng = np.random.default_rng(1)
    for bn in (block.bn1, block.bn2):
        c = bn.moving_mean.shape[0]
        bn.gamma.assign(rng.uniform(0.5, 1.5, c).astype("float32"))
        bn.beta.assign(rng.normal(size=c).astype("float32"))
        bn.moving_mean.assign(rng.normal(size=c).astype("float32"))
        bn.moving_variance.assign(rng.uniform(0.5, 2.0, c).astype("float32"))

    def bn(layer, h):
        mean, var = to_np(layer.moving_mean), to_np(layer.moving_variance)
        return (h - mean) / np.sqrt(var + 2e-5) * to_np(layer.gamma) + to_np(layer.beta)

    def conv(layer, h):
        return to_np(layer(h))

    h = conv(block.conv1, up2(relu(bn(block.bn1, x))))
    h = conv(block.conv2, relu(bn(block.bn2, h)))
    expected = h + conv(block.shortcut, up2(x))
    np.testing.assert_allclose(to_np(block(x, training=False)), expected, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("spectral_norm", [True, False])
def test_down_blocks_match_numpy_wiring(spectral_norm):
    x = images(DOWN_X)
    block = ResidualBlockDown(8, spectral_norm=spectral_norm)
    block.build(x.shape)
    assert isinstance(block.conv1, SNConv2D) == spectral_norm
    assert block.conv1.filters == 4

    def conv(layer, h):
        return to_np(layer(h, training=False) if spectral_norm else layer(h))

    h = conv(block.conv2, relu(conv(block.conv1, relu(x))))
    expected = pool2(h) + pool2(conv(block.shortcut, x))
    np.testing.assert_allclose(to_np(block(x, training=False)), expected, rtol=1e-4, atol=1e-4)

    first = OptimizedResidualBlockDown(8, spectral_norm=spectral_norm)
    first.build(x.shape)
    h = conv(first.conv2, relu(conv(first.conv1, x)))
    expected = pool2(h) + conv(first.shortcut, pool2(x))
    np.testing.assert_allclose(to_np(first(x, training=False)), expected, rtol=1e-4, atol=1e-4)


def test_training_flag_reaches_sublayers():
    up = ResidualBlockUp(8, num_classes=3)
    x, labels = images(UP_X), np.array([0, 2], "int32")
    up([x, labels], training=False)
    np.testing.assert_array_equal(to_np(up.bn1.moving_mean), 0.0)
    up([x, labels], training=True)
    assert not np.allclose(to_np(up.bn1.moving_mean), 0.0)
    assert not np.allclose(to_np(up.bn2.moving_mean), 0.0)

    x = images(DOWN_X)
    for block in (ResidualBlockDown(8), OptimizedResidualBlockDown(8)):
        block.build(x.shape)
        convs = [block.conv1, block.conv2, block.shortcut]
        u0 = [to_np(c.u).copy() for c in convs]
        block(x, training=False)
        for c, u in zip(convs, u0, strict=True):
            np.testing.assert_array_equal(to_np(c.u), u)
        block(x, training=True)
        for c, u in zip(convs, u0, strict=True):
            assert not np.allclose(to_np(c.u), u)


def test_fit_trains_every_variable():
    z_in = keras.Input(shape=UP_X[1:])
    h = ResidualBlockUp(4, name="up")(z_in)
    h = OptimizedResidualBlockDown(8, name="first")(h)
    h = ResidualBlockDown(8, downsample=False, name="down")(h)
    model = keras.Model(z_in, keras.layers.Dense(1)(keras.layers.Flatten()(h)))
    model.compile(optimizer="adam", loss="mse")
    x, y = images(UP_X), np.ones((2, 1), "float32")
    before = [to_np(w).copy() for w in model.weights]
    history = model.fit(x, y, batch_size=2, epochs=1, verbose=0)
    assert np.isfinite(history.history["loss"][0])
    after = [to_np(w) for w in model.weights]
    unchanged = [
        w.path for w, a, b in zip(model.weights, after, before, strict=True) if np.array_equal(a, b)
    ]
    assert unchanged == []


@pytest.mark.parametrize(
    "factory,in_shape",
    [
        (lambda: ResidualBlockUp(8, momentum=0.5, epsilon=1e-3), UP_X),
        (lambda: ResidualBlockDown(8, kernel_initializer="he_uniform"), DOWN_X),
        (lambda: OptimizedResidualBlockDown(8, spectral_norm=False), DOWN_X),
    ],
)
def test_get_config_round_trip(factory, in_shape):
    block = factory()
    x = images(in_shape)
    block(x, training=True)
    clone = block.__class__.from_config(block.get_config())
    assert clone.get_config() == block.get_config()
    clone.build(x.shape)
    clone.set_weights(block.get_weights())
    np.testing.assert_allclose(to_np(clone(x)), to_np(block(x)), rtol=1e-5, atol=1e-6)


def test_save_and_load_model_with_all_blocks(tmp_path):
    z_in = keras.Input(shape=UP_X[1:])
    y_in = keras.Input(shape=(), dtype="int32")
    h = ResidualBlockUp(8, num_classes=3, name="up_cond")([z_in, y_in])
    h = ResidualBlockUp(8, upsample=False, name="up_plain")(h)
    h = OptimizedResidualBlockDown(8, name="first")(h)
    h = ResidualBlockDown(8, name="down")(h)
    h = ResidualBlockDown(8, downsample=False, spectral_norm=False, name="flat")(h)
    model = keras.Model([z_in, y_in], h)
    z, y = images(UP_X), np.array([2, 0], "int32")
    model([z, y], training=True)
    model([z, y], training=True)
    path = str(tmp_path / "blocks.keras")
    model.save(path)
    loaded = keras.saving.load_model(path)
    assert [type(layer) for layer in loaded.layers] == [type(layer) for layer in model.layers]
    assert len(loaded.weights) == len(model.weights)
    for a, b in zip(loaded.weights, model.weights, strict=True):
        assert a.path == b.path
        np.testing.assert_array_equal(to_np(a), to_np(b))
    np.testing.assert_allclose(to_np(loaded([z, y])), to_np(model([z, y])), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize(
    "factory,message",
    [
        (lambda: ResidualBlockUp(0), "filters=0"),
        (lambda: ResidualBlockUp(4, num_classes=-1), "num_classes=-1"),
        (lambda: ResidualBlockUp(4, upsample="yes"), "upsample=yes"),
        (lambda: ResidualBlockUp(4, momentum=1.5), "momentum=1.5"),
        (lambda: ResidualBlockDown(4.0), "filters=4.0"),
        (lambda: ResidualBlockDown(4, downsample=1), "downsample=1"),
        (lambda: OptimizedResidualBlockDown(4, spectral_norm=None), "spectral_norm=None"),
    ],
)
def test_invalid_arguments(factory, message):
    with pytest.raises(ValueError, match=message):
        factory()


def _penalized_critic_gradients(model, x_real, x_fake):
    """Gradients of D(real) + D(fake) + |dD/dx|^2 (two training calls and a double backward)."""
    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        x_real = tf.constant(x_real)
        with tf.GradientTape() as tape:
            with tf.GradientTape() as inner:
                inner.watch(x_real)
                y = model(x_real, training=True)
            penalty = tf.reduce_sum(tf.square(inner.gradient(y, x_real)))
            loss = tf.reduce_sum(y) + tf.reduce_sum(model(x_fake, training=True)) + penalty
        return tape.gradient(loss, model.trainable_weights)
    if backend == "torch":
        import torch

        x_real = torch.tensor(x_real, requires_grad=True)
        y = model(x_real, training=True)
        (grad,) = torch.autograd.grad(y.sum(), x_real, create_graph=True)
        loss = y.sum() + model(x_fake, training=True).sum() + grad.square().sum()
        return torch.autograd.grad(loss, [v.value for v in model.trainable_weights])
    import jax

    def loss_fn(trainable, non_trainable):
        def critic(x, state):
            return model.stateless_call(trainable, state, x, training=True)

        grad = jax.grad(lambda x: critic(x, non_trainable)[0].sum())(x_real)
        y_real, state = critic(x_real, non_trainable)
        y_fake, state = critic(x_fake, state)
        return y_real.sum() + y_fake.sum() + (grad**2).sum()

    trainable = [v.value for v in model.trainable_weights]
    non_trainable = [v.value for v in model.non_trainable_weights]
    return jax.grad(loss_fn)(trainable, non_trainable)


def test_spectral_norm_critic_supports_two_calls_and_double_backward():
    x_in = keras.Input(shape=DOWN_X[1:])
    h = OptimizedResidualBlockDown(8)(x_in)
    h = ResidualBlockDown(8)(h)
    model = keras.Model(x_in, keras.layers.Dense(1)(keras.layers.Flatten()(h)))
    kernels = [to_np(w).copy() for w in model.trainable_weights]
    grads = _penalized_critic_gradients(model, images(DOWN_X), images(DOWN_X, 1))
    assert len(grads) == len(model.trainable_weights)
    for w, g in zip(model.trainable_weights, grads, strict=True):
        g = to_np(g)
        assert np.all(np.isfinite(g)) and np.any(g != 0), w.path
    for before, w in zip(kernels, model.trainable_weights, strict=True):
        np.testing.assert_array_equal(to_np(w), before)
