"""DiffAugment: the paper's augmentations, the same for the same seed on every backend (checked
against a NumPy re-implementation of the reference's index arithmetic), differentiable through to
the generator, ADA's adaptive probability, and its place in the GAN training step."""

import keras
import numpy as np
import pytest
from keras import ops

from kerasgan import backend
from kerasgan.augment import DiffAugment
from kerasgan.models import DCGAN
from kerasgan.models import DCGANDiscriminator
from kerasgan.models import DCGANGenerator


def _lowbias32(x):
    x = np.asarray(x, dtype=np.uint64) & 0xFFFFFFFF
    x ^= x >> 16
    x = (x * 0x7FEB352D) & 0xFFFFFFFF
    x ^= x >> 15
    x = (x * 0x846CA68B) & 0xFFFFFFFF
    x ^= x >> 16
    return x


def _bits(seed, counter, stream, n):
    key = _lowbias32((counter * 0x9E3779B9 + stream) & 0xFFFFFFFF)
    key = _lowbias32(key ^ seed)
    return _lowbias32((np.arange(n, dtype=np.uint64) + key) & 0xFFFFFFFF)


def _uniform(seed, counter, stream, n):
    return ((_bits(seed, counter, stream, n) >> 8) & 0xFFFFFF).astype(np.float32) * np.float32(2.0**-24)


def _randint(seed, counter, stream, n, low, high):
    return ((_bits(seed, counter, stream, n) & 0x7FFFFFFF) % (high - low)).astype(np.int64) + low


def _reference(x, seed, counter):
    """The reference's DiffAugment (color, translation, cutout) in NumPy, NHWC, with this draw's
    parameters: index clamping into a zero-padded copy and a scattered cutout mask."""
    n, h, w, _ = x.shape
    x = x.astype(np.float32)
    x = x + (_uniform(seed, counter, 0, n)[:, None, None, None] - 0.5)
    mean = x.mean(axis=3, keepdims=True)
    x = (x - mean) * (_uniform(seed, counter, 1, n)[:, None, None, None] * 2) + mean
    mean = x.mean(axis=(1, 2, 3), keepdims=True)
    x = (x - mean) * (_uniform(seed, counter, 2, n)[:, None, None, None] + 0.5) + mean
    sh, sw = h // 8, w // 8
    th, tw = _randint(seed, counter, 3, n, -sh, sh + 1), _randint(seed, counter, 4, n, -sw, sw + 1)
    padded = np.pad(x, ((0, 0), (1, 1), (1, 1), (0, 0)))
    out = np.empty_like(x)
    for b in range(n):
        for i in range(h):
            for j in range(w):
                out[b, i, j] = padded[b, np.clip(i + th[b] + 1, 0, h + 1), np.clip(j + tw[b] + 1, 0, w + 1)]
    ch, cw = h // 2, w // 2
    oh = _randint(seed, counter, 5, n, 0, h + (1 - ch % 2))
    ow = _randint(seed, counter, 6, n, 0, w + (1 - cw % 2))
    mask = np.ones((n, h, w), np.float32)
    for b in range(n):
        for i in range(ch):
            for j in range(cw):
                mask[b, np.clip(i + oh[b] - ch // 2, 0, h - 1), np.clip(j + ow[b] - cw // 2, 0, w - 1)] = 0
    return out * mask[..., None]


@pytest.mark.parametrize("shape", [(6, 16, 16, 3), (5, 9, 11, 1)])
def test_same_augmentation_as_reference_for_the_seed(shape):
    x = np.random.default_rng(0).uniform(-1, 1, shape).astype("float32")
    augment = DiffAugment("color,translation,cutout", seed=1234)
    for counter in range(3):
        out = ops.convert_to_numpy(augment(x))
        np.testing.assert_allclose(out, _reference(x, 1234, counter), atol=2e-6)
    assert int(ops.convert_to_numpy(augment.counter)) == 3
    shifted = np.asarray(augment.random_parameters(64, 16, 16, 7)["shift_h"])
    assert set(shifted.tolist()) == {-2, -1, 0, 1, 2}


def _affine_gradient_check(fn, x1, x2):
    """`fn` is affine in x (each augmentation is, for fixed parameters): its gradient must
    predict the change between two inputs exactly, and not vanish."""
    y1, g = backend.input_gradient(fn, ops.convert_to_tensor(x1))
    y2 = fn(ops.convert_to_tensor(x2))
    g = ops.convert_to_numpy(g)
    predicted = float(np.sum((x2 - x1) * g))
    actual = float(ops.convert_to_numpy(ops.sum(y2)) - ops.convert_to_numpy(ops.sum(y1)))
    assert np.abs(g).sum() > 0
    np.testing.assert_allclose(predicted, actual, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("policy", ["color", "translation", "cutout"])
def test_gradient_flows_through_each_augmentation_to_the_generator(policy):
    rng = np.random.default_rng(1)
    augment = DiffAugment(policy, seed=5)
    params = augment.random_parameters(4, 16, 16, 0)
    weights = ops.convert_to_tensor(rng.normal(size=(4, 16, 16, 1)).astype("float32"))
    _affine_gradient_check(
        lambda x: ops.sum(augment.augment(x, params) * weights, axis=(1, 2, 3)),
        rng.uniform(-1, 1, (4, 16, 16, 1)).astype("float32"),
        rng.uniform(-1, 1, (4, 16, 16, 1)).astype("float32"),
    )
    generator = DCGANGenerator(latent_dim=4, image_shape=(16, 16, 1), base_filters=4)
    discriminator = DCGANDiscriminator(image_shape=(16, 16, 1), base_filters=4)
    z = ops.convert_to_tensor(rng.normal(size=(4, 4)).astype("float32"))
    _, grad = backend.input_gradient(lambda z: discriminator(augment(generator(z)))[:, 0], z)
    grad = ops.convert_to_numpy(grad)
    assert np.all(np.isfinite(grad)) and np.abs(grad).min() > 0


def test_probability_applies_each_policy_to_a_share_of_images():
    x = np.random.default_rng(2).uniform(-1, 1, (400, 8, 8, 1)).astype("float32")
    none = DiffAugment("translation,cutout", probability=0.0, seed=0)
    np.testing.assert_array_equal(ops.convert_to_numpy(none(x)), x)
    half = ops.convert_to_numpy(DiffAugment("cutout", probability=0.5, seed=0)(x))
    changed = np.mean(np.any(half != x, axis=(1, 2, 3)))
    assert 0.4 < changed < 0.6


def test_ada_moves_the_probability_towards_the_target():
    augment = DiffAugment(adaptive=True, adjust_every=2, adjust_images=40, seed=0)
    assert float(ops.convert_to_numpy(augment.probability)) == 0.0
    positive = ops.ones((8, 1))
    augment.observe(positive)
    assert float(ops.convert_to_numpy(augment.probability)) == 0.0
    augment.observe(positive)  # r_t = 1 > 0.6 over 16 images: p += 16 / 40
    assert float(ops.convert_to_numpy(augment.probability)) == pytest.approx(0.4)
    for _ in range(4):  # r_t = -1: down by 0.4 per adjustment, clipped at 0
        augment.observe(-positive)
    assert float(ops.convert_to_numpy(augment.probability)) == 0.0


def test_bad_policy_is_named():
    with pytest.raises(ValueError, match=r"distinct names from \('color', 'translation', 'cutout'\); received 'flip'"):
        DiffAugment("flip")
    with pytest.raises(ValueError, match=r"`augment` must be None, a DiffAugment policy.*received 3"):
        DCGAN(image_shape=(16, 16, 1), base_filters=4, augment=3)


def test_gan_trains_through_the_hook_and_saves_the_augmentation(tmp_path):
    x = np.random.default_rng(3).uniform(-1, 1, (16, 16, 16, 1)).astype("float32")
    gan = DCGAN(image_shape=(16, 16, 1), latent_dim=4, base_filters=4, seed=0, augment="color,translation,cutout")
    gan.compile()
    history = gan.fit(x, batch_size=8, epochs=1, verbose=0)
    assert np.isfinite(history.history["d_loss"][0])
    # Two D inputs (real, fake) and one G input per iteration, each a fresh draw.
    assert int(ops.convert_to_numpy(gan.augment.counter)) == 6
    path = str(tmp_path / "gan.keras")
    gan.save(path)
    loaded = keras.saving.load_model(path)
    assert loaded.augment.get_config() == gan.augment.get_config()
    assert int(ops.convert_to_numpy(loaded.augment.counter)) == 6
