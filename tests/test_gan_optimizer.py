"""GANOptimizer validation, compile options and their errors."""

import keras
import pytest

import kerasgan
from kerasgan.models import WGANGP


def test_rejects_non_optimizers_and_shared_objects():
    adam = keras.optimizers.Adam()
    with pytest.raises(TypeError, match=r"`discriminator_optimizer` to be a keras.optimizers.Optimizer.*received 'adam'"):
        kerasgan.GANOptimizer(adam, "adam")
    with pytest.raises(ValueError, match=r"two distinct optimizer objects"):
        kerasgan.GANOptimizer(adam, adam)


def test_does_not_apply_gradients_itself():
    opt = kerasgan.GANOptimizer(keras.optimizers.Adam(), keras.optimizers.SGD())
    with pytest.raises(NotImplementedError, match=r"apply `generator_optimizer` or `discriminator_optimizer`"):
        opt.apply([], [])


def test_build_needs_the_gan():
    opt = kerasgan.GANOptimizer(keras.optimizers.Adam(), keras.optimizers.SGD())
    with pytest.raises(ValueError, match=r"built by `GAN.compile`.*received a plain `build\(var_list\)` with 1 variables"):
        opt.build([keras.Variable(1.0)])


def test_config_round_trip_keeps_both_optimizers():
    opt = kerasgan.GANOptimizer(keras.optimizers.Adam(1e-4, beta_1=0.0), keras.optimizers.Adam(4e-4, beta_1=0.0))
    again = keras.optimizers.deserialize(keras.optimizers.serialize(opt))
    assert isinstance(again, kerasgan.GANOptimizer)
    assert again.generator_optimizer.get_config()["learning_rate"] == pytest.approx(1e-4)
    assert again.discriminator_optimizer.get_config()["learning_rate"] == pytest.approx(4e-4)


def _tiny_wgangp():
    return WGANGP(image_shape=(8, 8, 1), latent_dim=4, g_filters=4, d_filters=4)


def test_compile_takes_a_gan_optimizer():
    gan = _tiny_wgangp()
    opt = kerasgan.GANOptimizer(keras.optimizers.Adam(1e-4), keras.optimizers.Adam(3e-4))
    gan.compile(optimizer=opt)
    assert gan.g_optimizer is opt.generator_optimizer and gan.d_optimizer is opt.discriminator_optimizer
    assert gan.g_optimizer.built and gan.d_optimizer.built
    with pytest.raises(TypeError, match=r"expects `optimizer` to be a kerasgan.GANOptimizer.*received Adam"):
        _tiny_wgangp().compile(optimizer=keras.optimizers.Adam())


@pytest.mark.skipif(keras.backend.backend() != "torch", reason="torch.compile restriction")
def test_torch_refuses_compiled_double_backprop():
    with pytest.raises(ValueError, match=r"differentiates twice.*use jit_compile=False"):
        _tiny_wgangp().compile(jit_compile=True)
    gan = _tiny_wgangp()
    gan.compile()
    assert gan.jit_compile is False


@pytest.mark.skipif(keras.backend.backend() == "torch", reason="TF/JAX compile the step")
def test_tf_and_jax_train_compiled_with_double_backprop():
    # JAX's "auto" is jax.jit; TensorFlow's "auto" is XLA on GPU only, so ask for it explicitly.
    import numpy as np

    gan = _tiny_wgangp()
    gan.compile(jit_compile=True)
    assert gan.jit_compile is True
    x = np.random.default_rng(0).uniform(-1, 1, (10, 8, 8, 1)).astype("float32")
    history = gan.fit(x, batch_size=10, epochs=1, verbose=0)
    assert np.isfinite(history.history["gp"][0]) and history.history["gp"][0] > 0
