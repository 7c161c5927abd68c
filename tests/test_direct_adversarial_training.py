"""DirectAdversarialTraining: the adversarial examples equal iceli1007/DAT-GAN's `advtrain_step`
(its lines run in PyTorch on the same critic); with a zero bound training is unchanged; a GAN with
it trains, resumes and saves on the backend under test."""

import keras
import numpy as np
import pytest
from technique_check import check_trains_resumes_and_saves
from torch_twin import keras_critic
from torch_twin import torch_twin

from kerasgan import techniques
from kerasgan.models import DCGAN


class _Critic:
    """What `DirectAdversarialTraining.adversarial` asks of a GAN: `discriminate`."""

    def __init__(self, critic):
        self.critic = critic

    def discriminate(self, images, labels=None, training=False):
        return self.critic(images, training=training)


def test_adversarial_examples_match_the_reference_code():
    torch = pytest.importorskip("torch")
    critic = keras_critic(6, seed=1)
    rng = np.random.default_rng(0)
    real, fake = rng.uniform(-1, 1, (2, 16, 6)).astype("float32")
    dat = techniques.DirectAdversarialTraining(step_bound=0.01)  # small enough to bind on some pixels
    gan = _Critic(critic)
    ours_fake = np.clip(keras.ops.convert_to_numpy(dat.adversarial(gan, fake, None, real, None)), -1, 1)
    ours_real = keras.ops.convert_to_numpy(dat.adversarial(gan, real, None, fake, None))

    # DAT-GAN, torch_mimicry/nets/gan/gan.py, advtrain_step (t = the bound).
    net, t = torch_twin(critic), 0.01
    real_images, fake_images = torch.tensor(real, dtype=torch.float64), torch.tensor(fake, dtype=torch.float64)
    real_value, fake_value = net(real_images).mean(), net(fake_images).mean()
    fake_adv = fake_images.clone().requires_grad_(True)
    fake_grad = torch.autograd.grad(torch.abs(net(fake_adv).mean() - real_value), fake_adv)[0]
    fake_adv = (fake_adv - fake_grad.clamp(-t, t)).clamp(-1, 1)
    real_adv = real_images.clone().requires_grad_(True)
    real_grad = torch.autograd.grad(torch.abs(net(real_adv).mean() - fake_value), real_adv)[0]
    real_adv = real_adv - real_grad.clamp(-t, t)
    np.testing.assert_allclose(ours_fake, fake_adv.detach().numpy(), atol=1e-6)
    np.testing.assert_allclose(ours_real, real_adv.detach().numpy(), atol=1e-6)
    assert np.any(np.abs(real_grad.numpy()) > t)  # the clamp was exercised
    assert not np.allclose(ours_real, real)


def test_trains_resumes_and_saves_and_changes_only_what_the_discriminator_sees(tmp_path):
    def build(seed, *chosen):
        gan = DCGAN(image_shape=(8, 8, 1), latent_dim=4, base_filters=4, seed=seed, techniques=list(chosen))
        gan.compile()
        return gan

    x = np.random.default_rng(0).uniform(-1, 1, (32, 8, 8, 1)).astype("float32")
    check_trains_resumes_and_saves(lambda seed: build(seed, techniques.DirectAdversarialTraining()), x, tmp_path)
    # A bound of 0 leaves the examples as they are: the same training as without the technique
    # (this discriminator has no batch statistics, and DAT draws no random numbers).
    runs = [build(0), build(0, techniques.DirectAdversarialTraining(0.0)),
            build(0, techniques.DirectAdversarialTraining())]
    for gan in runs:
        gan.fit(x, batch_size=8, epochs=1, shuffle=False, verbose=0)
    weights = [np.concatenate([np.ravel(w) for w in gan.discriminator.get_weights()]) for gan in runs]
    np.testing.assert_allclose(weights[1], weights[0], atol=1e-7)  # measured: at most 5e-9
    # The examples move by ~grad/8 per pixel, so the weights part slowly (measured: 8e-6 to 1e-4).
    assert np.abs(weights[2] - weights[0]).max() > 1e-6


def test_refuses_a_negative_bound():
    with pytest.raises(ValueError, match=r"DirectAdversarialTraining expects `step_bound` as a number >= 0; received -1"
                       ):
        techniques.DirectAdversarialTraining(-1)
