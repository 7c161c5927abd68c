"""HGAN and its PixelCNN teacher: masks, causality (the conditional of pixel j never depends on
pixels at or after j), the exact sampler, likelihood training on held-out MNIST, the
teacher-sample bank and the teacher terms."""

import keras
import numpy as np
import pytest

from kerasgan import StepContext
from kerasgan.data import load_mnist_subset
from kerasgan.data import load_mnist_test
from kerasgan.layers import MaskedConv2D
from kerasgan.layers.masked_conv2d import pixelcnn_mask
from kerasgan.models import HGAN
from kerasgan.models import DCGANDiscriminator
from kerasgan.models import PixelCNN
from kerasgan.models.hgan import TeacherSampleRefresh


def test_masks_hide_the_future():
    a = pixelcnn_mask(3, 1, 1, "A")[..., 0, 0]
    b = pixelcnn_mask(3, 1, 1, "B")[..., 0, 0]
    np.testing.assert_array_equal(a, [[1, 1, 1], [1, 0, 0], [0, 0, 0]])
    np.testing.assert_array_equal(b, [[1, 1, 1], [1, 1, 0], [0, 0, 0]])
    # RGB: output groups (R, R, G, G, B, B) see the centre's input channels R, G, B strictly before
    # them (A) or up to their own colour (B).
    centre_a = pixelcnn_mask(3, 3, 6, "A", color_channels=3)[1, 1]
    centre_b = pixelcnn_mask(3, 3, 6, "B", color_channels=3)[1, 1]
    np.testing.assert_array_equal(centre_a.T, [[0, 0, 0], [0, 0, 0], [1, 0, 0], [1, 0, 0], [1, 1, 0], [1, 1, 0]])
    np.testing.assert_array_equal(centre_b.T, [[1, 0, 0], [1, 0, 0], [1, 1, 0], [1, 1, 0], [1, 1, 1], [1, 1, 1]])
    with pytest.raises(ValueError, match=r"odd kernel sizes; received kernel_size=\(4, 4\)"):
        MaskedConv2D(4, 4)(np.zeros((1, 8, 8, 1), "float32"))
    with pytest.raises(ValueError, match=r"`mask_type` must be one of \('A', 'B'\); received 'C'"):
        MaskedConv2D(4, 3, mask_type="C")


def _randomized(model, seed=0):
    rng = np.random.default_rng(seed)
    for v in model.trainable_variables:
        v.assign(rng.normal(0, 0.3, v.shape).astype("float32"))
    return model


@pytest.mark.parametrize("channels", [1, 3])
def test_conditionals_depend_only_on_earlier_values(channels):
    model = _randomized(
        PixelCNN(image_shape=(6, 6, channels), filters=6 * channels, num_residual_blocks=2, num_levels=4)
    )
    x = np.random.default_rng(1).uniform(-1, 1, (1, 6, 6, channels)).astype("float32")
    base = keras.ops.convert_to_numpy(model(x))[0]  # (6, 6, C, levels)
    order = [(i, j, c) for i in range(6) for j in range(6) for c in range(channels)]
    for position in (0, 7 * channels + (channels - 1), 14 * channels, len(order) - 1 - channels):
        i, j, c = order[position]
        changed = x.copy()
        changed[0, i, j, c] += 1.5
        out = keras.ops.convert_to_numpy(model(changed))[0]
        for p, (a, b, ch) in enumerate(order):
            if p <= position:  # the conditionals of this value and of every earlier one stay put
                np.testing.assert_allclose(out[a, b, ch], base[a, b, ch], atol=1e-5, err_msg=str((a, b, ch)))
        a, b, ch = order[position + 1]
        assert not np.allclose(out[a, b, ch], base[a, b, ch], atol=1e-5)  # the next one sees it


@pytest.fixture(scope="module")
def tiny_teacher():
    return _randomized(PixelCNN(image_shape=(6, 6, 1), filters=8, num_residual_blocks=2, num_levels=16), seed=3)


def test_sampler_is_exact_and_seeded(tiny_teacher):
    samples, log_p = tiny_teacher.sample(5, seed=0, batch_size=3, return_log_prob=True)
    assert samples.shape == (5, 6, 6, 1)
    levels = (samples + 1) / 2 * 15
    np.testing.assert_allclose(levels, np.round(levels), atol=1e-5)  # on the model's 16 levels
    # The sampler's own conditionals (computed on cropped windows) multiply to the full model's p(x).
    np.testing.assert_allclose(log_p, tiny_teacher.log_prob(samples), rtol=1e-4)
    np.testing.assert_array_equal(samples, tiny_teacher.sample(5, seed=0))
    assert not np.array_equal(samples, tiny_teacher.sample(5, seed=1))


def test_sampler_follows_the_conditionals(tiny_teacher):
    # Pixel 0 has no context: its empirical distribution over many samples is the model's marginal.
    samples = tiny_teacher.sample(400, seed=2, batch_size=400)
    logits = keras.ops.convert_to_numpy(tiny_teacher(np.full((1, 6, 6, 1), -1.0, "float32")))[0, 0, 0, 0]
    p = np.exp(logits - logits.max())
    p /= p.sum()
    counts = np.bincount(np.round((samples[:, 0, 0, 0] + 1) / 2 * 15).astype(int), minlength=16) / 400
    assert np.abs(counts - p).max() < 0.1


def test_likelihood_training_improves_held_out_bits_per_dim():
    x, _ = load_mnist_subset()
    held_out, _ = load_mnist_test(drop_training_overlap=True)
    keras.utils.set_random_seed(0)
    teacher = PixelCNN(image_shape=(28, 28, 1), filters=16, num_residual_blocks=1)
    before = teacher.bits_per_dim(held_out[:256])
    history = teacher.fit_nll(x[:512], epochs=2, batch_size=32, optimizer=keras.optimizers.Adam(3e-3), verbose=0)
    after = teacher.bits_per_dim(held_out[:256])
    assert 7.0 < before < 9.0  # ≈ 8 bits: uniform over 256 levels
    assert after < before - 1.0 and history.history["loss"][-1] < history.history["loss"][0], (before, after)
    assert getattr(teacher, "optimizer", None) is None  # fit_nll compiles a throw-away trainer, not the teacher


def _hgan(**kwargs):
    return HGAN(
        image_shape=(8, 8, 1),
        latent_dim=8,
        base_filters=4,
        teacher_filters=4,
        teacher_blocks=1,
        teacher_bank_size=8,
        seed=5,
        **kwargs,
    )


def _digits(n=16):
    x, _ = load_mnist_subset()
    return x[:n, 10:18, 10:18]


def test_teacher_terms_are_off_until_the_bank_is_filled():
    gan = _hgan()
    fake = np.zeros((4, 8, 8, 1), "float32")
    assert not gan.teacher_bank_filled
    assert (
        float(keras.ops.convert_to_numpy(gan.generator_terms(StepContext(fake=fake, real=fake))["teacher_adv"])) == 0.0
    )
    samples = gan.refresh_teacher_samples()
    assert gan.teacher_bank_filled and int(gan.teacher_refreshes.numpy()) == 1
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(gan.teacher_bank), samples)
    twin = _hgan()
    twin.teacher.set_weights(gan.teacher.get_weights())
    np.testing.assert_array_equal(samples, twin.refresh_teacher_samples())  # seeded by the seed and the count
    logits = keras.ops.convert_to_numpy(gan.teacher_discriminator(fake, training=True))
    expected = float(np.mean(np.logaddexp(0.0, -logits)))  # non-saturating: softplus(-D(G(z)))
    value = float(keras.ops.convert_to_numpy(gan.generator_terms(StepContext(fake=fake, real=fake))["teacher_adv"]))
    np.testing.assert_allclose(value, expected, rtol=1e-4)


def test_fit_fills_and_refreshes_the_bank_and_trains_the_teacher():
    gan = _hgan(teacher_refresh_epochs=1)
    gan.compile()
    x = _digits()
    start_bits = gan.teacher.bits_per_dim(x)
    history = gan.fit(x, batch_size=8, epochs=3, verbose=0)
    # Filled before the first step, redrawn after each epoch but the last.
    assert int(gan.teacher_refreshes.numpy()) == 3
    assert gan.teacher.bits_per_dim(x) < start_bits
    assert history.history["teacher_nll"][0] > 0 and history.history["teacher_adv"][0] > 0
    assert int(gan.auxiliary_optimizer("teacher").iterations.numpy()) == 6
    # A callback passed by the user replaces the default one.
    gan.fit(x, batch_size=8, epochs=1, verbose=0, callbacks=[TeacherSampleRefresh(every_n_epochs=0)])
    assert int(gan.teacher_refreshes.numpy()) == 3


def test_pretrain_teacher_lowers_the_likelihood_loss():
    gan = _hgan()
    history = gan.pretrain_teacher(_digits(32), epochs=3, batch_size=8, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]


def test_bad_arguments():
    with pytest.raises(ValueError, match=r"`teacher` must model images of shape \(8, 8, 1\); received \(28, 28, 1\)"):
        _hgan(teacher=PixelCNN(image_shape=(28, 28, 1), filters=4, num_residual_blocks=0))
    with pytest.raises(TypeError, match=r"autoregressive model with `nll` and `sample`.*received DCGANDiscriminator"):
        HGAN(image_shape=(28, 28, 1), latent_dim=8, base_filters=4, teacher=DCGANDiscriminator((28, 28, 1), 4))
    with pytest.raises(ValueError, match=r"multiple of 2 × channels = 6; received 8"):
        PixelCNN(image_shape=(8, 8, 3), filters=8)
    with pytest.raises(ValueError, match=r"`teacher_bank_size` must be a positive int; received 0"):
        _hgan(teacher_bank_size=0) if False else HGAN(
            image_shape=(8, 8, 1),
            latent_dim=8,
            base_filters=4,
            teacher_filters=4,
            teacher_blocks=1,
            teacher_bank_size=0,
        )
