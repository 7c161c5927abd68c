"""Every model of `gan_cases.CASES` trains with `fit`, saves, reloads and resumes."""

import keras
import numpy as np
import pytest
from gan_cases import AUXILIARY_UPDATES
from gan_cases import CASES
from gan_cases import EXPORT_CASES
from gan_cases import fit_batch_size
from gan_cases import generator_inputs
from gan_cases import invariant_paths
from gan_cases import trained_case
from saved_model_check import check_saved_model_export

STEPS = 2


@pytest.fixture(scope="module", params=sorted(CASES))
def trained(request):
    # Initial weights come from Keras's global seed, fixed by trained_case, so a case does not
    # depend on which tests ran before it (hinge-loss critics' output biases get exactly zero
    # gradient while every logit lies inside the margin, which depends on the draw).
    return request.param, *trained_case(request.param)


def _changed(gan, before, names):
    return {v.path for v in names if not np.array_equal(before[v.path], v.numpy())}


def test_losses_finite_and_logged(trained):
    name, gan, _, _, history = trained
    assert set(history.history) == {"d_loss", "g_loss", *gan.term_trackers}
    for key, values in history.history.items():
        assert np.all(np.isfinite(values)), (key, values)
    if name == "wgangp":
        assert history.history["gp"][0] > 0


def test_every_trainable_weight_changes(trained):
    name, gan, _, before, _ = trained
    trainable = [v for net in gan.networks.values() for v in net.trainable_variables]
    assert set(gan.networks) >= {"generator", "discriminator", *gan.auxiliary_networks}
    unchanged = {v.path for v in trainable} - _changed(gan, before, trainable)
    assert unchanged == invariant_paths(name, gan), unchanged


def test_optimizer_state_advances(trained):
    name, gan, _, _, _ = trained
    assert int(gan.optimizer.iterations.numpy()) == STEPS
    assert int(gan.g_optimizer.iterations.numpy()) == STEPS
    assert int(gan.d_optimizer.iterations.numpy()) == STEPS * gan.n_critic
    updates = AUXILIARY_UPDATES.get(name, {})
    assert set(updates) == set(gan.auxiliary_networks) == set(gan.optimizer.auxiliary_optimizers)
    for network, count in updates.items():
        assert int(gan.auxiliary_optimizer(network).iterations.numpy()) == STEPS * count, network
    # Adam moments move for every variable with a gradient (2 slots per invariant variable stay 0).
    invariant = invariant_paths(name, gan)
    for opt in gan.optimizer.inner_optimizers:
        expected_zero = 2 * len(invariant & {v.path for v in opt._trainable_variables})
        moments = [v for v in opt.variables if "momentum" in v.path or "velocity" in v.path]
        zero = [v.path for v in moments if not np.any(v.numpy() != 0)]
        assert len(moments) == 2 * len(opt._trainable_variables)
        assert len(zero) == expected_zero, zero


def test_batchnorm_and_spectral_norm_state_updates(trained):
    name, gan, _, before, _ = trained
    stats = [v for v in gan.generator.non_trainable_variables if "moving" in v.path]
    assert stats or name == "progan", "every case's generator but ProGAN's (pixel norm) has BatchNorm"
    assert _changed(gan, before, stats) == {v.path for v in stats}
    u_vectors = [v for v in gan.discriminator.non_trainable_variables if v.path.endswith("/u")]
    if name == "sngan_projection":
        assert u_vectors
        assert _changed(gan, before, u_vectors) == {v.path for v in u_vectors}


def test_learning_rate_schedule_and_ttur(trained):
    name, gan, _, _, _ = trained
    if name != "dcgan":
        pytest.skip("the dcgan case carries the schedule")
    g_lr = float(keras.ops.convert_to_numpy(gan.g_optimizer.learning_rate))
    d_lr = float(keras.ops.convert_to_numpy(gan.d_optimizer.learning_rate))
    np.testing.assert_allclose(g_lr, 1e-3 * (1 - STEPS / 10), rtol=1e-6)
    np.testing.assert_allclose(d_lr, 4e-4, rtol=1e-6)


def test_ema_generator_update_arithmetic(trained):
    _, gan, _, before, _ = trained
    if gan.ema_generator is None:
        pytest.skip("no EMA in this case")
    assert not gan.ema_generator.trainable_variables
    assert _changed(gan, before, gan.ema_generator.variables)
    pairs = list(zip(gan.ema_generator.variables, gan.generator.variables, strict=True))
    ema0 = [np.array(e.numpy()) for e, _ in pairs]
    gan._update_ema()
    d = gan.ema_decay
    for (e, w), e0 in zip(pairs, ema0, strict=True):
        np.testing.assert_allclose(e.numpy(), d * e0 + (1 - d) * w.numpy(), rtol=1e-6, atol=1e-7)
    # Before `ema_start` generator steps the copy just follows the generator.
    start = gan.ema_start
    gan.ema_start = 10**6
    try:
        gan._update_ema()
    finally:
        gan.ema_start = start
    for e, w in pairs:
        np.testing.assert_array_equal(e.numpy(), w.numpy())


def test_generate_is_seeded(trained):
    _, gan, _, _, _ = trained
    a = gan.generate(4, seed=7)
    b = gan.generate(4, seed=7)
    c = gan.generate(4, seed=8)
    assert a.shape == (4, *gan.image_shape)
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(a, c)
    assert np.all(np.abs(a) <= 1.0)


def test_generator_is_usable_alone(trained):
    _, gan, _, _, _ = trained
    inputs = generator_inputs(gan, 3)
    out = keras.ops.convert_to_numpy(gan.generator(inputs, training=False))
    np.testing.assert_allclose(out, keras.ops.convert_to_numpy(gan(inputs)), atol=1e-6)


def _optimizer_state(gan):
    return [np.array(v.numpy()) for v in gan.optimizer.variables]


def test_save_load_resume(trained, tmp_path):
    name, gan, data, _, _ = trained
    path = tmp_path / "gan.keras"
    gan.save(path)
    loaded = keras.saving.load_model(path)
    assert type(loaded) is type(gan)
    np.testing.assert_array_equal(loaded.generate(5, seed=3), gan.generate(5, seed=3))
    for a, b in zip(_optimizer_state(gan), _optimizer_state(loaded), strict=True):
        np.testing.assert_array_equal(a, b)
    for a, b in zip(gan.variables, loaded.variables, strict=True):
        np.testing.assert_array_equal(a.numpy(), b.numpy())
    # Training continues from the saved state.
    loaded.fit(*data, batch_size=fit_batch_size(loaded), epochs=1, steps_per_epoch=1, verbose=0)
    assert int(loaded.g_optimizer.iterations.numpy()) == STEPS + 1
    assert int(loaded.d_optimizer.iterations.numpy()) == (STEPS + 1) * loaded.n_critic
    for network, count in AUXILIARY_UPDATES.get(name, {}).items():
        assert int(loaded.auxiliary_optimizer(network).iterations.numpy()) == (STEPS + 1) * count


def test_save_weights_restores_networks_and_optimizers(trained, tmp_path):
    name, gan, _, _, _ = trained
    path = tmp_path / "gan.weights.h5"
    gan.save_weights(path)
    fresh, _ = CASES[name]()
    assert not np.array_equal(fresh.generate(2, seed=0), gan.generate(2, seed=0))
    fresh.load_weights(path)
    np.testing.assert_array_equal(fresh.generate(5, seed=3), gan.generate(5, seed=3))
    for a, b in zip(_optimizer_state(gan), _optimizer_state(fresh), strict=True):
        np.testing.assert_array_equal(a, b)


def test_generator_export(trained, tmp_path):
    name, gan, _, _, _ = trained
    if name not in EXPORT_CASES:
        pytest.skip("this model's export is tested in its own test file")
    inputs = generator_inputs(gan, 3)
    generator = gan.ema_generator or gan.generator
    expected = keras.ops.convert_to_numpy(generator(inputs, training=False))
    check_saved_model_export(gan, tmp_path / "generator", inputs if isinstance(inputs, list) else [inputs], expected)
