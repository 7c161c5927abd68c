"""The MMD GAN loss and witness penalty (Bińkowski et al., mbinkowski/MMD-GAN): the kernel and
the unbiased MMD² equal the reference's `_mix_rq_kernel(add_dot=1)` and `_mmd2(const_diagonal=sum
of weights)` (TF1, replicated in NumPy below), the witness penalty its `add_gradient_penalty` (in
PyTorch on the same critic); GANs trained on them resume and save exactly on the backend under test."""

import keras
import numpy as np
import pytest
from technique_check import check_trains_resumes_and_saves
from torch_twin import keras_critic
from torch_twin import torch_twin

from kerasgan import losses
from kerasgan import techniques
from kerasgan.core.step_context import StepContext
from kerasgan.data import ring_of_gaussians
from kerasgan.data import sample_mixture
from kerasgan.models import MixtureGAN


def _reference(x, y, alphas=(0.1, 1.0, 10.0), add_dot=1.0):
    """gan/core/mmd.py: _mix_rq_kernel(X=fake, Y=real) and mmd2 with const_diagonal = 3."""
    xx, xy, yy = x @ x.T, x @ y.T, y @ y.T
    xs, ys = np.diag(xx), np.diag(yy)

    def rq(sq):
        return sum(np.exp(-a * np.log(1.0 + sq / (2.0 * a))) for a in alphas)

    k_xy = rq(np.maximum(-2 * xy + xs[:, None] + ys[None, :], 0)) + add_dot * xy
    k_xx = rq(np.maximum(-2 * xx + xs[:, None] + xs[None, :], 0)) + add_dot * xx
    k_yy = rq(np.maximum(-2 * yy + ys[:, None] + ys[None, :], 0)) + add_dot * yy
    m, n = len(x), len(y)
    return ((k_xx.sum() - m * 3.0) / (m * (m - 1)) + (k_yy.sum() - n * 3.0) / (n * (n - 1))
            - 2 * k_xy.sum() / (m * n)), k_xy


def test_kernel_and_mmd2_match_the_reference_code():
    rng = np.random.default_rng(0)
    real, fake = rng.normal(0, 1, (12, 16)), rng.normal(0.5, 1.5, (10, 16))
    expected, k_xy = _reference(fake, real)
    np.testing.assert_allclose(keras.ops.convert_to_numpy(losses.mix_rq_dot_kernel(fake, real)), k_xy, rtol=1e-5)
    np.testing.assert_allclose(float(losses.mmd2(real, fake)), expected, rtol=1e-4)
    loss = losses.get("mmd")
    assert loss.relativistic  # the generator's loss needs the real features
    np.testing.assert_allclose(float(loss.discriminator(real, fake)), -expected, rtol=1e-4)
    np.testing.assert_allclose(float(loss.generator(fake, real)), expected, rtol=1e-4)


def test_a_gan_on_the_mmd_loss_trains_resumes_and_saves(tmp_path):
    def build(seed):
        gan = MixtureGAN(adversarial_loss="mmd", seed=seed)
        gan.compile()
        return gan

    check_trains_resumes_and_saves(build, sample_mixture(ring_of_gaussians(), 32, seed=0), tmp_path)


def test_witness_penalty_matches_the_reference_formula():
    """add_gradient_penalty in gan/core/model.py (norm over the whole input, as the paper), run in
    PyTorch on the same critic, interpolation weights and features."""
    torch = pytest.importorskip("torch")
    critic = keras_critic(2, hidden=8, seed=4)
    gan = MixtureGAN(discriminator=critic, adversarial_loss="mmd", seed=0,
                     techniques=[techniques.WitnessGradientPenalty(2.0)])
    rng = np.random.default_rng(1)
    real, fake = rng.normal(0, 1, (6, 2)).astype("float32"), rng.normal(1, 1, (6, 2)).astype("float32")
    step = StepContext(real=real, fake=fake, real_logits=critic(real), fake_logits=critic(fake))
    with keras.StatelessScope(state_mapping=[(v, v.value) for v in gan.variables]):
        ours = float(keras.ops.convert_to_numpy(gan.techniques[0].discriminator_terms(gan, step)["witness_gp"]))

    replay = MixtureGAN(discriminator=keras_critic(2, hidden=8, seed=4), seed=0)
    eps = keras.ops.convert_to_numpy(keras.random.uniform((6, 1), seed=replay.seed_generator)).astype("float64")
    net = torch_twin(critic)

    def kernel(a, b):  # _mix_rq_1dot_kernel's K_XY
        sq = torch.clamp((a * a).sum(1)[:, None] + (b * b).sum(1)[None, :] - 2 * a @ b.T, min=0)
        return sum(torch.exp(-al * torch.log(1 + sq / (2 * al))) for al in (0.1, 1.0, 10.0)) + a @ b.T

    h_real, h_fake = net(torch.tensor(real, dtype=torch.float64)), net(torch.tensor(fake, dtype=torch.float64))
    x_hat = torch.tensor(eps * real + (1 - eps) * fake, requires_grad=True)  # the reference's α is 1 − ε
    h = net(x_hat)
    witness = kernel(h, h_real).mean(1) - kernel(h, h_fake).mean(1)
    (grads,) = torch.autograd.grad(witness.sum(), x_hat)
    expected = 2.0 * ((torch.sqrt((grads ** 2).sum(1)) - 1.0) ** 2).mean().item()
    np.testing.assert_allclose(ours, expected, rtol=1e-4)


def test_an_mmd_gan_with_the_witness_penalty_trains_resumes_and_saves(tmp_path):
    def build(seed):
        gan = MixtureGAN(adversarial_loss="mmd", seed=seed, techniques=[techniques.WitnessGradientPenalty()])
        gan.compile()
        return gan

    _, history = check_trains_resumes_and_saves(build, sample_mixture(ring_of_gaussians(), 32, seed=0), tmp_path)
    assert "witness_gp" in history.history
