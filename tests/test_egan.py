"""E-GAN (Wang et al.; the authors' EvolutionaryGAN-pytorch): the mutations and the fitness equal
the port's expressions run in PyTorch on the same critic; the survivor keeps one update's state;
training resumes and saves exactly on the backend under test; bad arguments are refused."""

import keras
import numpy as np
import pytest
from technique_check import check_trains_resumes_and_saves
from torch_twin import keras_critic
from torch_twin import torch_twin

from kerasgan.core.step_context import StepContext
from kerasgan.data import ring_of_gaussians
from kerasgan.data import sample_mixture
from kerasgan.models import EGAN
from kerasgan.models import MixtureEGAN
from kerasgan.models.egan.evolution import mutation_loss
from kerasgan.models.gan.mlp_generator import MLPGenerator


def _np(x):
    return np.asarray(keras.ops.convert_to_numpy(x), dtype="float64")


def test_mutations_match_the_reference_expressions():
    torch = pytest.importorskip("torch")
    logits = np.random.default_rng(0).normal(0, 2, (16, 1)).astype("float32")
    t = torch.tensor(logits, dtype=torch.float64)
    bce = torch.nn.BCEWithLogitsLoss()
    # networks.GANLoss.G_loss with which_D='S', dropping its constant `loss_real` part:
    # vanilla −BCE(D(G(z)), 0), nsgan BCE(D(G(z)), 1), lsgan MSE(D(G(z)), 1).
    reference = {"minimax": -bce(t, torch.zeros_like(t)), "heuristic": bce(t, torch.ones_like(t)),
                 "least_squares": torch.nn.MSELoss()(t, torch.ones_like(t))}
    for name, expected in reference.items():
        np.testing.assert_allclose(_np(mutation_loss(name).generator(logits)), float(expected), rtol=1e-5)


def test_fitness_matches_the_reference_code():
    torch = pytest.importorskip("torch")
    critic = keras_critic(2, hidden=8, seed=2)
    gan = EGAN(MLPGenerator(2, 2), critic, eval_size=32, fitness_weight=0.5, seed=0)
    gan.compile()
    real = sample_mixture(ring_of_gaussians(), 32, seed=1)
    with keras.StatelessScope(state_mapping=[(v, v.value) for v in gan.variables]):  # as in the train step
        fitness, quality, diversity = (_np(v) for v in gan._fitness(StepContext(images=real)))

    # The fakes the fitness drew: the same seed stream, replayed.
    replay = EGAN(MLPGenerator(2, 2), keras_critic(2, hidden=8, seed=2), eval_size=32, fitness_weight=0.5, seed=0)
    replay.set_weights(gan.get_weights())
    fakes = _np(replay.generate_images(replay._sample_latent(32), training=True))
    # models/egan_model.py fitness_score: Fq = mean σ(D(fake)); Fd = −log ‖∇_θD (L_D)‖, L_D = BCE.
    net = torch_twin(critic)
    eval_fake, eval_real = net(torch.tensor(fakes)), net(torch.tensor(real, dtype=torch.float64))
    bce = torch.nn.BCEWithLogitsLoss()
    eval_d = bce(eval_fake, torch.zeros_like(eval_fake)) + bce(eval_real, torch.ones_like(eval_real))
    grads = torch.autograd.grad(eval_d, list(net.parameters()))
    fq = torch.sigmoid(eval_fake).mean().item()
    fd = -torch.log(torch.norm(torch.cat([g.view(-1) for g in grads]))).item()
    np.testing.assert_allclose([quality, diversity, fitness], [fq, fd, fq + 0.5 * fd], rtol=1e-4)


def test_trains_resumes_and_saves_and_keeps_one_update_per_iteration(tmp_path):
    def build(seed):
        gan = MixtureEGAN(seed=seed, eval_size=16, mutations=("heuristic", "least_squares"))
        gan.compile()
        return gan

    x = sample_mixture(ring_of_gaussians(), 32, seed=0)
    whole, history = check_trains_resumes_and_saves(build, x, tmp_path)
    assert int(keras.ops.convert_to_numpy(whole.g_optimizer.iterations)) == 8  # 2 epochs × 4 batches: children undone
    assert set(history.history) == {"d_loss", "g_loss", "fitness", "fitness_quality", "fitness_diversity", "mutation"}
    assert all(0.0 <= m <= 1.0 for m in history.history["mutation"])


def test_refuses_bad_arguments():
    with pytest.raises(ValueError, match=r"`mutations` as distinct names from .*received \('heuristic', 'wgan'\)"):
        MixtureEGAN(mutations=("heuristic", "wgan"))
    with pytest.raises(ValueError, match=r"`eval_size` as a positive int; received 0"):
        MixtureEGAN(eval_size=0)
    with pytest.raises(ValueError, match=r"cannot be relativistic"):
        MixtureEGAN(adversarial_loss="relativistic_average")
