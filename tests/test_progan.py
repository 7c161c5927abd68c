"""ProGAN: reference parameter counts, the growth schedule, growing under `fit` across a
save/load in the middle of a fade-in, optimizer resets, the real-image fade and EMA export."""

import math

import keras
import numpy as np
import pytest
from saved_model_check import check_saved_model_export
from shapes_only import shapes_only

from kerasgan.models import ProGAN
from kerasgan.models import ProGANDiscriminator
from kerasgan.models import ProGANGenerator
from kerasgan.models import ProGANSchedule
from kerasgan.models.progan.progan import fade_real_images


def _trainable(model):
    return sum(int(np.prod(v.shape)) for v in model.trainable_weights)


def _reference_counts(resolution, channels=3, latent=None, fmap_base=8192, fmap_max=512):
    """Parameters of tkarras/progressive_growing_of_gans G_paper / D_paper (networks.py), every
    toRGB/fromRGB included, written out layer by layer."""
    log2 = int(math.log2(resolution))

    def nf(stage):
        return min(int(fmap_base / 2.0**stage), fmap_max)

    latent = latent or nf(0)
    conv3 = lambda i, o: 9 * i * o + o  # noqa: E731
    g = latent * 16 * nf(1) + nf(1) + conv3(nf(1), nf(1))
    g += sum(conv3(nf(r - 2), nf(r - 1)) + conv3(nf(r - 1), nf(r - 1)) for r in range(3, log2 + 1))
    g += sum(nf(r - 1) * channels + channels for r in range(2, log2 + 1))
    d = sum(channels * nf(r - 1) + nf(r - 1) for r in range(2, log2 + 1))
    d += sum(conv3(nf(r - 1), nf(r - 1)) + conv3(nf(r - 1), nf(r - 2)) for r in range(3, log2 + 1))
    d += conv3(nf(1) + 1, nf(1)) + 16 * nf(1) * nf(0) + nf(0) + nf(0) + 1
    return g, d


@shapes_only
def test_reference_parameter_counts_1024():
    g_ref, d_ref = _reference_counts(1024)
    assert (g_ref, d_ref) == (23_079_115, 23_087_249)  # the paper's Table 2: 23.1M each
    assert _trainable(ProGANGenerator(512, (1024, 1024, 3))) == g_ref
    assert _trainable(ProGANDiscriminator((1024, 1024, 3))) == d_ref


@shapes_only
def test_parameter_counts_32_and_cifar_settings():
    assert _trainable(ProGANGenerator(512, (32, 32, 3))) == _reference_counts(32)[0] == 20_719_628
    assert _trainable(ProGANDiscriminator((32, 32, 3))) == _reference_counts(32)[1] == 20_726_785
    # The Theano CIFAR-10 settings: fmap_base 4096, fmap_max 128, latent 128.
    g, d = _reference_counts(32, latent=128, fmap_base=4096, fmap_max=128)
    assert _trainable(ProGANGenerator(128, (32, 32, 3), fmap_base=4096, fmap_max=128)) == g == 1_296_908
    assert _trainable(ProGANDiscriminator((32, 32, 3), fmap_base=4096, fmap_max=128)) == d == 1_298_689


def _reference_lod(kimg, resolution_log2, training_kimg, transition_kimg, initial_resolution=4):
    """train.py TrainingSchedule, transcribed."""
    phase_dur = training_kimg + transition_kimg
    phase_idx = int(np.floor(kimg / phase_dur))
    phase_kimg = kimg - phase_idx * phase_dur
    lod = resolution_log2 - np.floor(np.log2(initial_resolution)) - phase_idx
    lod -= max(phase_kimg - training_kimg, 0.0) / transition_kimg
    return max(lod, 0.0)


@pytest.mark.parametrize(
    "images", [0, 599_999, 600_000, 900_000, 1_200_000, 1_500_000, 4_199_999, 4_800_000, 9_000_000]
)
def test_schedule_matches_reference(images):
    schedule = ProGANSchedule(256)
    expected = _reference_lod(images / 1000, 8, 600, 600)
    assert schedule.lod_numpy(images) == pytest.approx(expected)
    assert float(keras.ops.convert_to_numpy(schedule.lod(images))) == pytest.approx(expected, abs=1e-6)
    assert schedule.resolution_at(images) == 2 ** (8 - int(np.floor(expected)))


def test_schedule_validation_and_config():
    with pytest.raises(ValueError, match="power of two"):
        ProGANSchedule(48)
    with pytest.raises(ValueError, match="must not exceed"):
        ProGANSchedule(16, initial_resolution=32)
    s = ProGANSchedule(64, training_images=10, transition_images=20)
    assert ProGANSchedule.from_config(s.get_config()) == s and s.total_images() == 4 * 30


def test_fade_real_images():
    x = np.random.default_rng(0).uniform(-1, 1, (2, 8, 8, 1)).astype("float32")
    half = x.reshape(2, 4, 2, 4, 2, 1).mean(axis=(2, 4)).repeat(2, axis=1).repeat(2, axis=2)
    quarter = x.reshape(2, 2, 4, 2, 4, 1).mean(axis=(2, 4)).repeat(4, axis=1).repeat(4, axis=2)
    fade = lambda lod: keras.ops.convert_to_numpy(fade_real_images(x, keras.ops.convert_to_tensor(lod), 2))  # noqa: E731
    np.testing.assert_allclose(fade(0.0), x, atol=1e-6)
    np.testing.assert_allclose(fade(1.0), half, atol=1e-6)
    np.testing.assert_allclose(fade(0.25), 0.75 * x + 0.25 * half, atol=1e-6)
    np.testing.assert_allclose(fade(1.5), 0.5 * half + 0.5 * quarter, atol=1e-6)
    np.testing.assert_allclose(fade(2.0), quarter, atol=1e-6)


# ------------------------------------------------------------------ growing under fit
BATCH = 8
SCHEDULE = dict(training_images=16, transition_images=16)  # 2 steps stable, 2 steps fading


def _growing_gan():
    schedule = ProGANSchedule(16, **SCHEDULE)
    gan = ProGAN(image_shape=(16, 16, 1), latent_dim=8, fmap_base=64, fmap_max=8, schedule=schedule, seed=11)
    gan.compile()
    return gan


def _data():
    return np.random.default_rng(1).uniform(-1, 1, (BATCH, 16, 16, 1)).astype("float32")


def _state(gan):
    return float(gan.lod), int(gan.images_seen), int(gan.g_optimizer.iterations), int(gan.d_optimizer.iterations)


def _fit(gan, steps):
    gan.fit(_data(), batch_size=BATCH, epochs=steps, verbose=0, shuffle=False)


def test_grows_through_two_resolutions_across_save_load_mid_fade(tmp_path):
    gan = _growing_gan()
    blends = [layer.lod for layer in gan._blends]
    assert len(blends) == 2 * 2 + 2  # G, D and the EMA generator each fade in 8×8 and 16×16
    # Each step uses the level of detail of the images shown before it: 0, 8, 16, 24, 32 ...
    _fit(gan, 2)
    assert _state(gan) == (2.0, 16, 2, 2) and gan.resolution == 4
    _fit(gan, 1)  # images 16: the 8×8 fade-in starts (lod 2.0 still: alpha 0)
    assert _state(gan) == (2.0, 24, 3, 3)
    _fit(gan, 1)  # images 24: half-way, lod 1.5; floor(lod) changed -> both optimizers were reset
    assert _state(gan) == (1.5, 32, 1, 1) and gan.resolution == 8
    assert all(float(v) == 1.5 for v in blends)
    path = tmp_path / "mid_fade.keras"
    gan.save(path)
    loaded = keras.saving.load_model(path)
    assert _state(loaded) == _state(gan) and loaded.resolution == 8
    assert all(float(layer.lod) == 1.5 for layer in loaded._blends)
    assert loaded.schedule == gan.schedule
    # Resuming the loaded model equals continuing the original, step for step.
    _fit(gan, 5)
    _fit(loaded, 5)
    for a, b in zip(gan.variables, loaded.variables, strict=True):
        np.testing.assert_allclose(a.numpy(), b.numpy(), rtol=1e-5, atol=1e-6)
    # images 32: lod 1 (reset: the fade ended), 40 and 48: 1, 56: 0.5 (reset), 64: 0 (reset).
    assert _state(loaded) == (0.0, 72, 1, 1) and loaded.resolution == 16
    assert all(float(layer.lod) == 0.0 for layer in loaded._blends)


def test_optimizer_reset_zeroes_moments_and_keeps_learning_rate():
    gan = _growing_gan()
    _fit(gan, 3)
    assert any(np.any(v.numpy() != 0) for v in gan.g_optimizer.variables if "momentum" in v.path)
    gan.lod.assign(2.0)
    gan.images_seen.assign(24)  # the next step moves lod 2.0 -> 1.5
    lr = float(keras.ops.convert_to_numpy(gan.g_optimizer.learning_rate))
    gan.begin_step(keras.ops.convert_to_tensor(_data()))
    for opt in (gan.g_optimizer, gan.d_optimizer):
        assert int(opt.iterations) == 0
        assert all(not np.any(v.numpy()) for v in opt.variables if "momentum" in v.path or "velocity" in v.path)
    assert float(keras.ops.convert_to_numpy(gan.g_optimizer.learning_rate)) == lr == pytest.approx(1e-3)


def test_fade_in_blends_the_generator_outputs():
    g = ProGANGenerator(8, (8, 8, 1), fmap_base=32, fmap_max=8)
    z = np.random.default_rng(0).standard_normal((2, 8)).astype("float32")
    fade = g.get_layer("fade_8x8")

    def out(lod):
        fade.lod.assign(lod)
        return keras.ops.convert_to_numpy(g(z))

    coarse, fine = out(1.0), out(0.0)
    np.testing.assert_allclose(out(0.25), 0.75 * fine + 0.25 * coarse, rtol=1e-5, atol=1e-6)
    # At lod 1 the output is the 4×4 image, nearest-upscaled: constant on 2×2 blocks.
    np.testing.assert_allclose(coarse[:, ::2, ::2], coarse[:, 1::2, 1::2], atol=1e-6)


def test_a_fresh_model_samples_and_grow_to_sets_every_fade():
    """(JAX refused to sample a fresh model of ≥ 2 fade-ins: its fade layers shared one buffer.)"""
    gan = ProGAN(image_shape=(16, 16, 1), latent_dim=8, fmap_base=32, fmap_max=8)
    assert gan.generate(4, seed=0).shape == (4, 16, 16, 1)
    gan.grow_to(0.5, images_seen=1234)
    assert float(gan.lod) == 0.5 and int(gan.images_seen) == 1234
    assert {float(layer.lod) for layer in gan._blends} == {0.5}
    assert gan.generate(4, seed=0).shape == (4, 16, 16, 1)
    with pytest.raises(ValueError, match=r"`lod` must be in \[0, 2.0\]; received 3.0"):
        gan.grow_to(3.0)


def test_mmgeneration_options():
    """mmgeneration's up-conv fan: the first conv of a block whose width halves scales by √2/√(9·out)."""
    g = ProGANGenerator(8, (16, 16, 1), fmap_base=16, fmap_max=8, up_conv_fan="out")
    nf = {8: 4, 16: 2}  # widths at 8×8 (from 8 maps) and 16×16 (from 4)
    for size, out in nf.items():
        layer = g.get_layer(f"{size}x{size}_conv0")
        assert layer.runtime_scale == pytest.approx(math.sqrt(2) / math.sqrt(9 * out))
    d = ProGANDiscriminator((16, 16, 1), fmap_base=16, fmap_max=8, final_conv=False)
    assert "4x4_conv" not in [layer.name for layer in d.layers]
    assert d.get_layer("4x4_dense0").kernel.shape[0] == 16 * (8 + 1)
    with pytest.raises(ValueError, match="`up_conv_fan` must be 'in' or 'out'"):
        ProGANGenerator(8, (16, 16, 1), up_conv_fan="fan_out")


def test_ema_generator_is_sampled_and_exported(tmp_path):
    gan = _growing_gan()
    _fit(gan, 2)
    assert gan.ema_decay == 0.999
    z = gan.latent_numpy(np.random.default_rng(0), 3)
    ema_out = keras.ops.convert_to_numpy(gan.ema_generator(z))
    np.testing.assert_allclose(gan.generate(3, seed=0), np.clip(ema_out, -1, 1), atol=1e-6)  # samples are clipped
    assert not np.allclose(ema_out, keras.ops.convert_to_numpy(gan.generator(z)))
    check_saved_model_export(gan, tmp_path / "g", (z,), ema_out)
