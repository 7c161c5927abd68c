"""The GAN core's rules: the n_critic batching (one place, no image dropped), compile's keyword
arguments, fit before compile, and model defaults that stay in the base class."""

import keras
import numpy as np
import pytest

import kerasgan
from kerasgan.models import DCGAN
from kerasgan.models import IVGAN

SEEN = []


class ChunkRecorder(DCGAN):
    """A DCGAN that records how many real images each discriminator update receives."""

    def discriminator_terms(self, step):
        SEEN.append(int(step.real.shape[0]))
        assert step.fake is not None and step.real_logits is not None and step.images is not None
        return {}


def _tiny(cls=DCGAN, **kwargs):
    return cls(image_shape=(28, 28, 1), latent_dim=4, base_filters=4, seed=0, **kwargs)


def _images(n):
    return np.random.default_rng(0).uniform(-1, 1, (n, 28, 28, 1)).astype("float32")


def test_a_batch_that_does_not_divide_is_split_without_dropping_images():
    """11 images, 2 critic steps: 5 and 6 images (before: 5 and 5, one image silently dropped)."""
    SEEN.clear()
    gan = _tiny(ChunkRecorder, n_critic=2)
    # Eager where that is cheap, so every step records; JAX's eager mode compiles op by op (25 s
    # here), so there the compiled step records its chunks once per trace.
    gan.compile(run_eagerly=keras.backend.backend() != "jax")
    gan.fit(_images(22), batch_size=11, epochs=1, verbose=0, shuffle=False)
    assert SEEN and SEEN == [5, 6] * (len(SEEN) // 2), SEEN
    if keras.backend.backend() != "jax":
        assert SEEN == [5, 6, 5, 6]
    assert int(gan.d_optimizer.iterations.numpy()) == 4 and int(gan.g_optimizer.iterations.numpy()) == 2


def test_the_model_owns_the_iteration_batch_size():
    assert kerasgan.models.SNGAN(image_shape=(8, 8, 1), g_filters=4, d_filters=4).iteration_batch_size(64) == 320
    assert _tiny().iteration_batch_size(64) == 64
    with pytest.raises(ValueError, match=r"`critic_batch_size` must be a positive int; received 0"):
        _tiny().iteration_batch_size(0)


def test_compile_refuses_unknown_keywords():
    gan = _tiny()
    with pytest.raises(TypeError, match=r"unexpected keyword arguments \['learning_rate'\]; it takes g_optimizer"):
        gan.compile(learning_rate=1e-3)
    with pytest.raises(ValueError, match=r"takes no `loss` or `metrics`.*'non_saturating'"):
        gan.compile(loss="mse")


def test_fit_before_compile_asks_for_compile_on_every_backend():
    gan = _tiny()
    before = [np.array(v.numpy()) for v in gan.variables]
    with pytest.raises(ValueError, match=r"call `compile\(\)`"):
        gan.fit(_images(8), batch_size=8, epochs=1, verbose=0)
    for b, v in zip(before, gan.variables, strict=True):
        np.testing.assert_array_equal(b, v.numpy())


def test_ivgan_refuses_latents_it_cannot_intervene_on():
    sizes = dict(image_shape=(32, 32, 3), latent_dim=8, g_filters=4, d_filters=4, e_filters=4)
    with pytest.raises(ValueError, match=r"`latent_distribution` must be 'normal'; received 'uniform'"):
        IVGAN(**sizes, latent_distribution="uniform")
    gan = IVGAN(**sizes, latent_distribution="normal")
    assert gan.latent_distribution == "normal"
    assert type(gan).from_config(gan.get_config()).latent_distribution == "normal"


def test_dcgan_uses_the_base_default_optimizers():
    assert "default_optimizers" not in vars(DCGAN)
    gan = _tiny()
    gan.compile()
    for opt in (gan.g_optimizer, gan.d_optimizer):
        assert isinstance(opt, keras.optimizers.Adam) and opt.get_config()["beta_1"] == 0.5
        np.testing.assert_allclose(float(keras.ops.convert_to_numpy(opt.learning_rate)), 2e-4)
