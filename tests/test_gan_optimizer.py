"""GANOptimizer validation, compile options and their errors."""

import keras
import pytest

import kerasgan
from kerasgan.models import WGANGP


def test_rejects_non_optimizers_and_shared_objects():
    adam = keras.optimizers.Adam()
    with pytest.raises(
        TypeError, match=r"`discriminator_optimizer` to be a keras.optimizers.Optimizer.*received 'adam'"
    ):
        kerasgan.GANOptimizer(adam, "adam")
    with pytest.raises(
        ValueError, match=r"distinct optimizer object per network.*`generator_optimizer` and `discriminator_optimizer`"
    ):
        kerasgan.GANOptimizer(adam, adam)


def test_does_not_apply_gradients_itself():
    opt = kerasgan.GANOptimizer(keras.optimizers.Adam(), keras.optimizers.SGD())
    with pytest.raises(
        NotImplementedError, match=r"apply `generator_optimizer`, `discriminator_optimizer` or an auxiliary optimizer"
    ):
        opt.apply([], [])


def test_build_needs_the_gan():
    opt = kerasgan.GANOptimizer(keras.optimizers.Adam(), keras.optimizers.SGD())
    with pytest.raises(
        ValueError, match=r"built by `GAN.compile`.*received a plain `build\(var_list\)` with 1 variables"
    ):
        opt.build([keras.Variable(1.0)])


def test_config_round_trip_keeps_both_optimizers():
    opt = kerasgan.GANOptimizer(keras.optimizers.Adam(1e-4, beta_1=0.0), keras.optimizers.Adam(4e-4, beta_1=0.0))
    again = keras.optimizers.deserialize(keras.optimizers.serialize(opt))
    assert isinstance(again, kerasgan.GANOptimizer)
    assert again.generator_optimizer.get_config()["learning_rate"] == pytest.approx(1e-4)
    assert again.discriminator_optimizer.get_config()["learning_rate"] == pytest.approx(4e-4)


def test_auxiliary_optimizers_are_checked_and_round_trip():
    adam = keras.optimizers.Adam()
    with pytest.raises(
        TypeError, match=r"`auxiliary_optimizers\['encoder'\]` to be a keras.optimizers.Optimizer.*received 'sgd'"
    ):
        kerasgan.GANOptimizer(keras.optimizers.Adam(), keras.optimizers.Adam(), {"encoder": "sgd"})
    with pytest.raises(
        ValueError, match=r"same object for `generator_optimizer` and `auxiliary_optimizers\['encoder'\]`"
    ):
        kerasgan.GANOptimizer(adam, keras.optimizers.Adam(), {"encoder": adam})
    opt = kerasgan.GANOptimizer(
        keras.optimizers.Adam(1e-4),
        keras.optimizers.Adam(2e-4),
        {"teacher": keras.optimizers.Adam(3e-4), "encoder": keras.optimizers.SGD(5e-3)},
    )
    assert list(opt.auxiliary_optimizers) == ["encoder", "teacher"]
    again = keras.optimizers.deserialize(keras.optimizers.serialize(opt))
    assert isinstance(again.auxiliary_optimizers["encoder"], keras.optimizers.SGD)
    assert again.auxiliary_optimizers["teacher"].get_config()["learning_rate"] == pytest.approx(3e-4)
    with pytest.raises(
        ValueError,
        match=r"auxiliary optimizers for \['encoder', 'teacher'\] but the model's auxiliary networks are \[\]",
    ):
        opt.build_for([keras.Variable(1.0)], [keras.Variable(2.0)])


def test_compile_refuses_optimizers_for_unknown_networks():
    with pytest.raises(ValueError, match=r"auxiliary networks \[\]; received auxiliary optimizers for \['encoder'\]"):
        _tiny_wgangp().compile(auxiliary_optimizers={"encoder": keras.optimizers.Adam()})


def _tiny_wgangp(**options):
    return WGANGP(image_shape=(8, 8, 1), latent_dim=4, g_filters=4, d_filters=4, **options)


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


# JAX: every training test compiles the step with jax.jit (the wgangp case has the double backprop).
@pytest.mark.skipif(keras.backend.backend() != "tensorflow", reason="TensorFlow's XLA path, on request only")
def test_tf_and_jax_train_compiled_with_double_backprop():
    # JAX's "auto" is jax.jit; TensorFlow's "auto" is XLA on GPU only, so ask for it explicitly.
    import numpy as np

    # One critic step per batch: XLA compiles the unrolled D steps, and five of them took 55 s on CI.
    gan = _tiny_wgangp(n_critic=1)
    gan.compile(jit_compile=True)
    assert gan.jit_compile is True
    x = np.random.default_rng(0).uniform(-1, 1, (10, 8, 8, 1)).astype("float32")
    history = gan.fit(x, batch_size=10, epochs=1, verbose=0)
    assert np.isfinite(history.history["gp"][0]) and history.history["gp"][0] > 0
