"""MMD GAN (Bińkowski et al.; mbinkowski/MMD-GAN): the reference's networks (parameter counts,
sizes, the layers of its L2 penalty), the activation penalty equal to the reference's expression,
and the model trains, resumes and saves exactly on the backend under test."""

import keras
import numpy as np
import pytest
from technique_check import check_trains_resumes_and_saves

from kerasgan.core.step_context import StepContext
from kerasgan.models import MMDGAN
from kerasgan.models import MMDGANCritic
from kerasgan.models import MMDGANGenerator
from kerasgan.models import WGANGPDCGANCritic
from kerasgan.techniques import ActivationPenalty
from kerasgan.utils.seeding import seeded_construction


def test_networks_are_the_references():
    critic = MMDGANCritic()
    # dcgan discriminator of MMD-GAN at 28×28: 1→64→128→256→512 5×5 convolutions, linear 2048→16.
    assert critic.count_params() == (25 * 64 + 64) + (25 * 64 * 128 + 128) + (25 * 128 * 256 + 256) + (
        25 * 256 * 512 + 512) + (2048 * 16 + 16)
    assert [critic.get_layer(n).output.shape[1:3] for n in critic.penalized_layers[:4]] == [
        (14, 14), (7, 7), (4, 4), (2, 2)]
    generator = MMDGANGenerator()
    sizes = [layer.output.shape[1:3] for layer in generator.layers if layer.name.startswith("deconv_")]
    assert sizes == [(4, 4), (7, 7), (14, 14), (28, 28)]
    assert generator(np.zeros((2, 100), "float32")).shape == (2, 28, 28, 1)
    out = keras.ops.convert_to_numpy(generator(np.random.default_rng(0).normal(0, 9, (4, 100)).astype("float32")))
    assert out.min() >= -1.0 and out.max() <= 1.0


def test_activation_penalty_is_the_references_expression():
    with seeded_construction(0):
        critic = MMDGANCritic(image_shape=(16, 16, 1), base_filters=4, feature_dim=3)
        gan = MMDGAN(MMDGANGenerator(8, (16, 16, 1), base_filters=4), critic, seed=0)
    penalty = next(t for t in gan.step_techniques if isinstance(t, ActivationPenalty))
    rng = np.random.default_rng(1)
    real, fake = (rng.uniform(-1, 1, (6, 16, 16, 1)).astype("float32") for _ in range(2))
    got = keras.ops.convert_to_numpy(penalty.discriminator_terms(gan, StepContext(real=real, fake=fake))[
        "activation_penalty"])
    # add_l2_penalty: per sample, Σ over d_layers of mean(h²), over real and fake; mean over the batch; × λ.
    taps = keras.Model(critic.inputs[0], [critic.get_layer(n).output for n in critic.penalized_layers])
    expected = 0.0
    for images in (real, fake):
        per_sample = sum(np.mean(np.square(keras.ops.convert_to_numpy(h)).reshape(6, -1), axis=1) for h in taps(images))
        expected += per_sample
    np.testing.assert_allclose(got, np.mean(expected), rtol=1e-5)


def test_trains_resumes_and_saves(tmp_path):
    def build(seed):
        with seeded_construction(seed):
            networks = MMDGANGenerator(8, (16, 16, 1), base_filters=4), MMDGANCritic((16, 16, 1), 4, feature_dim=3)
        gan = MMDGAN(*networks, n_critic=2, seed=seed)
        gan.compile()
        return gan

    x = np.random.default_rng(0).uniform(-1, 1, (32, 16, 16, 1)).astype("float32")
    whole, history = check_trains_resumes_and_saves(build, x, tmp_path)
    assert set(history.history) == {"d_loss", "g_loss", "witness_gp", "activation_penalty"}
    assert whole.g_optimizer.clipnorm == 1.0 and whole.d_optimizer.beta_2 == 0.9


def test_refuses_bad_arguments():
    with pytest.raises(ValueError, match=r"loss is the MMD \('mmd'\); received adversarial_loss='hinge'"):
        MMDGAN(adversarial_loss="hinge")
    with pytest.raises(ValueError, match=r"`feature_dim` as a positive int; received 0"):
        MMDGANCritic(feature_dim=0)
    with pytest.raises(ValueError, match=r"has no layer named 'nope'"):
        MMDGAN(MMDGANGenerator(8, (16, 16, 1), base_filters=4), MMDGANCritic((16, 16, 1), 4, 3), activation_weight=0,
               techniques=[ActivationPenalty(1.0, layers=["nope"])])
    with pytest.raises(ValueError, match=r"pass `layers=` or use a discriminator with `penalized_layers`"):
        MMDGAN(MMDGANGenerator(8, (28, 28, 1), base_filters=4), WGANGPDCGANCritic((28, 28, 1), dim=4))
