"""IVGAN: the reference's 64×64 parameter counts, the intervention, the loss arithmetic, the
instance-noise schedule, the encoder steps and the DCGAN baseline built from the same trunk."""

import importlib.util
import os

import keras
import numpy as np
import pytest
from repo import REPO_ROOT
from shapes_only import shapes_only

from kerasgan import StepContext
from kerasgan import techniques
from kerasgan.models import DCGAN
from kerasgan.models import IVGAN
from kerasgan.models import IVGANDiscriminator
from kerasgan.models import IVGANEncoder
from kerasgan.models import IVGANGenerator
from kerasgan.models.ivgan.ivgan import reference_instance_noise


def conv(k, cin, cout):
    return k * k * cin * cout  # the reference's convolutions have no bias


def trainable(model):
    return int(sum(np.prod(v.shape) for v in model.trainable_variables))


@shapes_only
def test_reference_64x64_parameter_counts():
    # model_GAN.py / model_ae.py with nz=100, ngf=ndf=64, nef=16, nc=3, np=4; BatchNorm: 2 per map.
    g = 2 * 100 + conv(4, 100, 512) + 2 * 512 + conv(4, 512, 256) + 2 * 256 + conv(4, 256, 128) + 2 * 128
    g += conv(4, 128, 64) + 2 * 64 + conv(4, 64, 3)
    d = conv(4, 3, 64) + conv(4, 64, 128) + 2 * 128 + conv(4, 128, 256) + 2 * 256 + conv(4, 256, 512) + 2 * 512
    d += conv(4, 512, 1) + (512 * 4 * 4 * 4 + 4)
    e = conv(4, 3, 16) + 2 * 16 + conv(4, 16, 32) + 2 * 32 + conv(4, 32, 64) + 2 * 64 + conv(4, 64, 100)
    assert g - 200 == 3_576_704 and d - (512 * 16 * 4 + 4) == 2_765_568  # PyTorch's DCGAN networks
    assert trainable(IVGANGenerator(100, (64, 64, 3), 64)) == g
    assert trainable(IVGANDiscriminator((64, 64, 3), 64, 4)) == d
    encoder = IVGANEncoder((64, 64, 3), 100, 16)
    assert trainable(encoder) == e
    assert [tuple(layer.output.shape[1:3]) for layer in encoder.layers if isinstance(layer, keras.layers.Conv2D)] == [
        (32, 32),
        (16, 16),
        (4, 4),
        (1, 1),
    ]
    last = encoder.get_layer("code_normalization")
    assert not last.center and not last.scale  # BatchNorm2d(nz, affine=False)


@pytest.fixture(scope="module")
def gan():
    gan = IVGAN(
        image_shape=(32, 32, 3),
        latent_dim=8,
        num_blocks=4,
        g_filters=4,
        d_filters=4,
        e_filters=4,
        encoder_steps=3,
        iv_weight=0.5,
        recon_weight=0.25,
        seed=0,
    )
    gan.compile()
    return gan


def _images(n, seed=0):
    return np.random.default_rng(seed).uniform(-1, 1, (n, 32, 32, 3)).astype("float32")


def test_intervention_replaces_exactly_one_block(gan):
    codes = np.random.default_rng(1).standard_normal((6, 8)).astype("float32")
    for _ in range(5):
        mixed, k = (keras.ops.convert_to_numpy(t) for t in gan.intervene(codes))
        assert k.shape == (6,) and len(set(k.tolist())) == 1 and 0 <= k[0] < 4
        block = slice(2 * k[0], 2 * k[0] + 2)
        kept = np.ones(8, bool)
        kept[block] = False
        np.testing.assert_array_equal(mixed[:, kept], codes[:, kept])
        assert np.all(mixed[:, block] != codes[:, block])


def _ce(logits, k):
    logits = logits - logits.max(axis=1, keepdims=True)
    log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    return float(-np.mean(log_p[np.arange(len(k)), k]))


def test_generator_terms_match_the_formula(gan):
    real = _images(6)
    state = np.array(gan.seed_generator.state.numpy())
    terms = {k: float(keras.ops.convert_to_numpy(v)) for k, v in gan.generator_terms(StepContext(real=real)).items()}
    gan.seed_generator.state.assign(state)
    to_np = keras.ops.convert_to_numpy
    codes = gan.encoder(real, training=False)
    mixed, k = gan.intervene(codes)
    intervened = gan.generator(mixed, training=True)
    reconstruction = to_np(gan.generator(codes, training=True))
    recoded = to_np(gan.encoder(intervened, training=False))
    block_logits = to_np(gan.discriminator(intervened, training=True)[1])
    mixed, k = to_np(mixed), to_np(k)
    np.testing.assert_allclose(terms["iv_g"], -0.5 * _ce(block_logits, k), rtol=1e-4)
    expected_recon = 0.25 * (np.mean(np.abs(real - reconstruction)) + np.mean(np.abs(mixed - recoded)))
    np.testing.assert_allclose(terms["recon"], expected_recon, rtol=1e-4)


def test_intervention_loss_is_the_block_head_cross_entropy(gan):
    images = _images(5, seed=2)
    k = np.array([3, 3, 3, 3, 3], "int32")
    logits = keras.ops.convert_to_numpy(gan.discriminator(images, training=False)[1])
    value = float(keras.ops.convert_to_numpy(gan.intervention_loss(images, k, training=False)))
    np.testing.assert_allclose(value, _ce(logits, k), rtol=1e-5)


def test_encoder_steps_and_logs(gan):
    history = gan.fit(_images(16), batch_size=8, epochs=1, verbose=0)
    assert set(history.history) == {"d_loss", "g_loss", "iv_d", "iv_g", "recon", "iv_e"}
    assert int(gan.auxiliary_optimizer("encoder").iterations.numpy()) == 3 * int(gan.g_optimizer.iterations.numpy())
    assert history.history["iv_d"][0] > 0 > history.history["iv_g"][0]
    assert history.history["recon"][0] > 0


def test_without_encoder_steps_the_encoder_is_fixed():
    gan = IVGAN(image_shape=(32, 32, 3), latent_dim=8, g_filters=4, d_filters=4, e_filters=4, encoder_steps=0, seed=1)
    gan.compile()
    before = [np.array(v.numpy()) for v in gan.encoder.trainable_variables]
    gan.fit(_images(8), batch_size=8, epochs=1, verbose=0)
    for a, v in zip(before, gan.encoder.trainable_variables, strict=True):
        np.testing.assert_array_equal(a, v.numpy())


@pytest.mark.parametrize("iv, recon, moves", [(0.0, 0.0, False), (0.0, 1.0, True), (0.5, 0.0, True)])
def test_encoder_objective_terms(iv, recon, moves):
    # Without weight decay the encoder's weights move only through the terms switched on.
    gan = IVGAN(
        image_shape=(32, 32, 3),
        latent_dim=8,
        g_filters=4,
        d_filters=4,
        e_filters=4,
        encoder_steps=1,
        encoder_iv_weight=iv,
        encoder_recon_weight=recon,
        encoder_weight_decay=0.0,
        adversarial_loss="least_squares_pearson",
        seed=3,
    )
    gan.compile()
    before = [np.array(v.numpy()) for v in gan.encoder.trainable_variables]
    gan.fit(_images(8), batch_size=8, epochs=1, verbose=0)
    changed = [not np.array_equal(a, v.numpy()) for a, v in zip(before, gan.encoder.trainable_variables, strict=True)]
    assert all(changed) if moves else not any(changed)


def test_instance_noise_schedule_and_round_trip(gan):
    schedule = reference_instance_noise()
    assert schedule.boundaries == [46875, 93750] and schedule.values == [0.03, 0.01, 0.005]
    model = IVGAN(
        image_shape=(32, 32, 3),
        latent_dim=8,
        g_filters=4,
        d_filters=4,
        e_filters=4,
        seed=2,
        instance_noise=keras.optimizers.schedules.PiecewiseConstantDecay([10, 20], [0.3, 0.1, 0.0]),
    )
    model.compile()
    (noise_technique,) = [t for t in model.step_techniques if isinstance(t, techniques.InstanceNoise)]
    for step, sigma in ((0, 0.3), (15, 0.1), (25, 0.0)):
        model.g_optimizer.iterations.assign(step)
        np.testing.assert_allclose(float(keras.ops.convert_to_numpy(noise_technique.stddev_at(model))), sigma,
                                   rtol=1e-6)
    model.g_optimizer.iterations.assign(0)
    x = np.zeros((4000, 4), "float32")
    noise = keras.ops.convert_to_numpy(noise_technique.see_real(model, x, None))
    assert abs(noise.std() - 0.3) < 0.01
    clone = IVGAN.from_config(model.get_config())
    assert clone.instance_noise.boundaries == [10, 20] and clone.instance_noise.values == [0.3, 0.1, 0.0]
    assert (
        IVGAN.from_config(
            IVGAN(
                image_shape=(32, 32, 3), latent_dim=8, g_filters=4, d_filters=4, e_filters=4, instance_noise=None
            ).get_config()
        ).instance_noise
        is None
    )


def test_dcgan_baseline_uses_the_same_trunk():
    g = IVGANGenerator(8, (32, 32, 3), 4)
    d = IVGANDiscriminator((32, 32, 3), 4, num_blocks=0)
    assert tuple(d.output.shape) == (None, 1)
    heads = IVGANDiscriminator((32, 32, 3), 4, num_blocks=4)
    assert trainable(heads) - trainable(d) == 4 * 4 * 4 * 4 * 4 + 4  # the intervention head only
    baseline = DCGAN(generator=g, discriminator=d, latent_distribution="normal", instance_noise=0.01, seed=0)
    baseline.compile()
    history = baseline.fit(_images(8), batch_size=8, epochs=1, verbose=0)
    assert np.isfinite(history.history["d_loss"][0])


def test_bad_arguments():
    with pytest.raises(
        ValueError, match=r"intervention head over `num_blocks` blocks that divide latent_dim=10; received num_blocks=4"
    ):
        IVGAN(image_shape=(32, 32, 3), latent_dim=10, g_filters=4, d_filters=4, e_filters=4)
    with pytest.raises(ValueError, match=r"received num_blocks=0"):
        IVGAN(
            discriminator=IVGANDiscriminator((32, 32, 3), 4, num_blocks=0),
            image_shape=(32, 32, 3),
            latent_dim=8,
            g_filters=4,
            e_filters=4,
        )
    with pytest.raises(ValueError, match=r"supports 32×32 and 64×64 images; received image_shape=\(28, 28, 1\)"):
        IVGANEncoder((28, 28, 1))
    with pytest.raises(ValueError, match=r"`encoder_steps` must be an int >= 0; received -1"):
        IVGAN(image_shape=(32, 32, 3), latent_dim=8, g_filters=4, d_filters=4, e_filters=4, encoder_steps=-1)
    with pytest.raises(ValueError, match=r"encoder must map images to 8-d codes; it outputs \(16,\)"):
        IVGAN(encoder=IVGANEncoder((32, 32, 3), 16, 4), image_shape=(32, 32, 3), latent_dim=8, g_filters=4, d_filters=4)
    with pytest.raises(ValueError, match=r"`instance_noise` must be None, a standard deviation >= 0"):
        IVGAN(image_shape=(32, 32, 3), latent_dim=8, g_filters=4, d_filters=4, e_filters=4, instance_noise=-1.0)


def side_by_side():
    spec = importlib.util.spec_from_file_location(
        "ivgan_side_by_side", os.path.join(REPO_ROOT, "benchmarks", "ivgan_reference_side_by_side.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_side_by_side_table_means_seeds_and_shows_their_range():
    run = dict(code="reference", model="ivgan", encoder_steps=5)
    records = [
        {**run, "seed": 0, "iteration": 500, "modes": 10, "kl": 4.0, "train_seconds": 50.0},
        {**run, "seed": 0, "iteration": 1000, "modes": 30, "kl": 3.0, "train_seconds": 100.0},
        {**run, "seed": 1, "iteration": 500, "modes": 20, "kl": 5.0, "train_seconds": 70.0},
        dict(code="kerasgan", model="baseline", encoder_steps=5, seed=0, iteration=1000, modes=7, kl=6.0,
             train_seconds=20.0),
        dict(code="kerasgan", backend="torch", model="baseline", encoder_steps=5, seed=1, iteration=500, modes=3,
             kl=6.5, train_seconds=40.0),
    ]
    header, rows = side_by_side().summarize(records)
    assert header == ["code", "model", "seeds", "500 its: modes / KL", "1,000 its: modes / KL", "s / iteration"]
    assert rows == [
        ["reference", "IVGAN, 5 E steps", "0,1", "15 [10–20] / 4.50", "30 / 3.00 (n=1)", "0.12"],
        ["kerasgan", "DCGAN baseline (γ = η = 0)", "0", "—", "7 / 6.00", "0.02"],
        ["kerasgan (torch)", "DCGAN baseline (γ = η = 0)", "1", "3 / 6.50", "—", "0.08"],
    ]


def test_side_by_side_summary_names_a_missing_records_file(tmp_path, capsys):
    records = tmp_path / "runs.jsonl"
    records.write_text("")
    with pytest.raises(SystemExit):
        side_by_side().parse_args(["--summarize", str(records), str(tmp_path / "missing.jsonl")])
    assert f"got {str(tmp_path / 'missing.jsonl')!r}, which is not a file" in capsys.readouterr().err


def test_side_by_side_names_a_missing_reference_checkout(tmp_path, capsys):
    with pytest.raises(SystemExit):
        side_by_side().parse_args(["--code", "reference", "--reference-src", str(tmp_path)])
    assert "expected a folder holding IVLSGAN_stackMNIST/model_GAN.py" in capsys.readouterr().err
