"""TemperingLens (Sajjadi et al., Tempered Adversarial Networks; no code was released): the
paper's λ(t) schedule, a lens that starts as the identity and is trained only by its own loss in
the generator update, training that resumes and saves with the lens on the backend under test, and
refused arguments."""

import keras
import numpy as np
import pytest
from technique_check import check_trains_resumes_and_saves

from kerasgan import techniques
from kerasgan.models import DCGAN
from kerasgan.models import MixtureGAN


def _x(n=32):
    return np.random.default_rng(0).uniform(-1, 1, (n, 8, 8, 1)).astype("float32")


def _dcgan(seed=0, **lens_args):
    gan = DCGAN(image_shape=(8, 8, 1), latent_dim=4, base_filters=4, seed=seed,
                techniques=[techniques.TemperingLens(**{"schedule_steps": 6, **lens_args})])
    gan.compile()
    return gan


def test_lambda_follows_the_paper_schedule():
    gan = _dcgan()
    lens = gan.techniques[0]
    for t, expected in ((0, 1.0), (3, 1.0 - np.sin(np.pi / 4)), (6, 0.0), (40, 0.0)):
        gan.g_optimizer.iterations.assign(t)
        np.testing.assert_allclose(float(keras.ops.convert_to_numpy(lens.weight(gan))), expected, atol=1e-6)


def test_the_lens_starts_as_the_identity_and_learns_from_its_own_loss(tmp_path):
    gan = _dcgan()
    lens = gan.techniques[0].lens
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(lens(_x(4))), _x(4))
    whole, history = check_trains_resumes_and_saves(_dcgan, _x(), tmp_path)
    assert {"lens", "lens_lambda"} <= set(history.history)
    moved = keras.ops.convert_to_numpy(whole.techniques[0].lens(_x(4)))
    assert 1e-4 < np.abs(moved - _x(4)).max() < 1.0
    lens_variables = {id(v) for v in whole.techniques[0].lens.trainable_variables}
    assert lens_variables <= {id(v) for v in whole.generator_variables}  # the generator's optimizer trains it


def test_a_given_lens_is_saved_with_the_model(tmp_path):
    x = keras.Input((2,))
    custom = keras.Model(x, keras.layers.Add()([x, keras.layers.Dense(2, kernel_initializer="zeros")(x)]))

    def build(seed):
        gan = MixtureGAN(seed=seed, techniques=[techniques.TemperingLens(4, lens=custom.__class__.from_config(
            custom.get_config()))])
        gan.compile()
        return gan

    data = np.random.default_rng(0).normal(size=(32, 2)).astype("float32")
    whole, _ = check_trains_resumes_and_saves(build, data, tmp_path)
    assert whole.techniques[0].get_config()["lens"] is not None


def test_refuses_bad_arguments():
    with pytest.raises(ValueError, match=r"expects `schedule_steps` as a positive int; received 0"):
        techniques.TemperingLens(0)
    with pytest.raises(ValueError, match=r"expects `lens` as None or a keras.Model; received str"):
        techniques.TemperingLens(10, lens="blur")
    x = keras.Input((8, 8, 1))
    shrinking = keras.Model(x, keras.layers.Conv2D(1, 3)(x))
    with pytest.raises(ValueError, match=r"lens mapping images of shape \(8, 8, 1\) to the same shape; .* \(6, 6, 1\)"):
        DCGAN(image_shape=(8, 8, 1), base_filters=4, techniques=[techniques.TemperingLens(10, lens=shrinking)])
