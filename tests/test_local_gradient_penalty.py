"""LocalGradientPenalty (Dong & Yang, salu133445/dan `local-two-side` / `local-one-side`): the
reference's formula on critics whose input gradient is known in closed form, and a GAN with it
trains, resumes and saves on the backend under test."""

import numpy as np
import pytest
from keras import ops
from technique_check import check_trains_resumes_and_saves

from kerasgan import techniques
from kerasgan.losses import local_gradient_penalty
from kerasgan.models import DCGAN


def _np(x):
    return float(ops.convert_to_numpy(x))


def test_the_reference_formula_on_known_gradients():
    real = np.random.default_rng(0).normal(0, 2, (8, 3, 2, 1)).astype("float32")

    def half_square(x):  # ∇ = x: the norm is that of the perturbed point itself
        return 0.5 * ops.sum(ops.reshape(ops.square(x), (ops.shape(x)[0], -1)), axis=1)

    norms = np.linalg.norm(real.reshape(8, -1), axis=1)
    two = _np(local_gradient_penalty(half_square, real, seed=0, weight=2.0, noise_stddev=0.0, lipschitz=1.5))
    one = _np(local_gradient_penalty(half_square, real, seed=0, weight=2.0, noise_stddev=0.0, lipschitz=1.5,
                                     one_sided=True))
    np.testing.assert_allclose(two, 2.0 * np.mean((norms - 1.5) ** 2), rtol=1e-5)
    np.testing.assert_allclose(one, 2.0 * np.mean(np.maximum(0.0, norms - 1.5)), rtol=1e-5)  # unsquared
    noisy = _np(local_gradient_penalty(half_square, real, seed=0, weight=2.0, noise_stddev=0.1, lipschitz=1.5))
    assert noisy != two and abs(noisy - two) < 0.2 * two  # x + 0.1·n moves the norms a little

    w = ops.convert_to_tensor(np.full((1, 6), 0.5, "float32"))  # linear: ‖∇‖ = ‖w‖ wherever the noise lands

    def linear(x):
        return ops.sum(ops.reshape(x, (ops.shape(x)[0], -1)) * w, axis=1)

    np.testing.assert_allclose(_np(local_gradient_penalty(linear, real, seed=1)), 10 * (np.sqrt(1.5) - 1) ** 2,
                               rtol=1e-5)


def test_trains_resumes_and_saves(tmp_path):
    def build(seed):
        gan = DCGAN(image_shape=(8, 8, 1), latent_dim=4, base_filters=4, seed=seed,
                    techniques=[techniques.LocalGradientPenalty(one_sided=True)])
        gan.compile()
        return gan

    x = np.random.default_rng(0).uniform(-1, 1, (32, 8, 8, 1)).astype("float32")
    _, history = check_trains_resumes_and_saves(build, x, tmp_path)
    assert "local_gp" in history.history


def test_refuses_bad_arguments():
    with pytest.raises(ValueError, match=r"expects `noise_stddev` as a number >= 0; received -0.1"):
        techniques.LocalGradientPenalty(noise_stddev=-0.1)
    with pytest.raises(ValueError, match=r"`one_sided` as True or False; received 'yes'"):
        techniques.LocalGradientPenalty(one_sided="yes")
