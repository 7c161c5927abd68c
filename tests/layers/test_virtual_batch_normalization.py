"""Virtual batch normalisation (Salimans et al., 2016): VirtualBatchNormalization computes
openai/improved-gan's `VBN` arithmetic (TF1, replicated in NumPy below), ReferenceBatch keeps the
reference latents, and a DCGAN generator with both makes each sample from its latent alone, trains,
resumes and saves on the backend under test."""

import keras
import numpy as np
import pytest
from technique_check import check_trains_resumes_and_saves

from kerasgan import GAN
from kerasgan.layers import ReferenceBatch
from kerasgan.layers import VirtualBatchNormalization
from kerasgan.models import DCGANDiscriminator
from kerasgan.models import DCGANGenerator


def _reference_vbn(x, reference_size, gamma, beta, epsilon=1e-5):
    """improved-gan imagenet/model.py `VBN`: the reference's statistics over (batch, H, W); each
    live example with 1/(R+1) of its own (H, W) statistics and R/(R+1) of the reference's."""
    ref, live = x[:reference_size], x[reference_size:]
    mean, mean_sq = ref.mean((0, 1, 2), keepdims=True), np.square(ref).mean((0, 1, 2), keepdims=True)

    def normalize(v, m, m2):
        return (v - m) / np.sqrt(epsilon + m2 - np.square(m)) * gamma + beta

    new = 1.0 / (reference_size + 1.0)
    live_mean = new * live.mean((1, 2), keepdims=True) + (1 - new) * mean
    live_mean_sq = new * np.square(live).mean((1, 2), keepdims=True) + (1 - new) * mean_sq
    return np.concatenate([normalize(ref, mean, mean_sq), normalize(live, live_mean, live_mean_sq)])


@pytest.mark.parametrize("shape", [(7, 4, 4, 3), (7, 5)], ids=["images", "vectors"])
def test_virtual_batch_normalization_is_the_reference_arithmetic(shape):
    rng = np.random.default_rng(0)
    x = rng.normal(2.0, 3.0, shape).astype("float32")
    layer = VirtualBatchNormalization(reference_size=4)
    out = keras.ops.convert_to_numpy(layer(x))
    gamma, beta = (keras.ops.convert_to_numpy(w) for w in (layer.gamma, layer.beta))
    as_images = x.reshape(x.shape[0], 1, 1, -1) if x.ndim == 2 else x  # the reference reshapes (N, C) so
    expected = _reference_vbn(as_images.astype("float64"), 4, gamma, beta).reshape(x.shape)
    np.testing.assert_allclose(out, expected, rtol=1e-4, atol=1e-4)


def test_reference_batch_prepends_fixed_latents_and_drops_them():
    keras.utils.set_random_seed(3)
    layer = ReferenceBatch(5, distribution="uniform")
    z = np.ones((2, 4), "float32")
    out = keras.ops.convert_to_numpy(layer(z))
    assert out.shape == (7, 4) and np.all(np.abs(out[:5]) <= 1.0) and np.all(out[5:] == 1.0)
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(layer(2 * z))[:5], out[:5])
    assert not layer.trainable_weights
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(ReferenceBatch(5, mode="drop")(out)), z)


def _generator(seed=0):
    keras.utils.set_random_seed(seed)
    return DCGANGenerator(latent_dim=8, image_shape=(8, 8, 1), base_filters=4, normalization="virtual_batch",
                          reference_size=6)


def test_each_sample_depends_on_its_latent_alone():
    g = _generator()
    z = np.random.default_rng(1).uniform(-1, 1, (5, 8)).astype("float32")
    together = keras.ops.convert_to_numpy(g(z, training=True))
    alone = keras.ops.convert_to_numpy(g(z[:1], training=True))
    np.testing.assert_allclose(alone, together[:1], atol=1e-5)
    batch_norm = DCGANGenerator(latent_dim=8, image_shape=(8, 8, 1), base_filters=4)
    bn_together, bn_alone = (keras.ops.convert_to_numpy(batch_norm(v, training=True)) for v in (z, z[:1]))
    assert np.abs(bn_alone - bn_together[:1]).max() > 1e-3  # what batch normalisation does instead


def test_a_gan_with_it_trains_resumes_and_saves(tmp_path):
    def build(seed):
        gan = GAN(_generator(seed), DCGANDiscriminator(image_shape=(8, 8, 1), base_filters=4), seed=seed,
                  latent_distribution="uniform")
        gan.compile()
        return gan

    x = np.random.default_rng(0).uniform(-1, 1, (32, 8, 8, 1)).astype("float32")
    whole, _ = check_trains_resumes_and_saves(build, x, tmp_path)
    assert whole.generator.get_config()["normalization"] == "virtual_batch"


def test_refuses_bad_arguments():
    with pytest.raises(ValueError, match=r"`reference_size` as a positive int; received 0"):
        VirtualBatchNormalization(0)
    with pytest.raises(ValueError, match=r"`mode` 'prepend' or 'drop'; received 'append'"):
        ReferenceBatch(4, mode="append")
    with pytest.raises(ValueError, match=r"`normalization` must be 'batch' or 'virtual_batch'; received 'layer'"):
        DCGANGenerator(normalization="layer")
