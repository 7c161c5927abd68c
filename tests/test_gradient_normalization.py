"""GradientNormalization: the GN form equals basiclab/GNGAN-PyTorch's `normalize_gradient` on the
same critic; the GraN form is K-Lipschitz on each linear piece (the paper's claim, no code was
released); both train, resume and save on the backend under test; discriminators that are not
piecewise linear, heads that mix the batch and a second normalisation are refused."""

import keras
import numpy as np
import pytest
from technique_check import check_trains_resumes_and_saves
from torch_twin import keras_critic
from torch_twin import torch_twin

from kerasgan import backend
from kerasgan import techniques
from kerasgan.models import DCGAN
from kerasgan.models import MixtureGAN


def _np(x):
    return np.asarray(keras.ops.convert_to_numpy(x), dtype="float64")


def test_gn_form_matches_the_reference_code():
    torch = pytest.importorskip("torch")
    critic = keras_critic(6)
    x = np.random.default_rng(0).normal(size=(16, 6)).astype("float32")
    ours = _np(techniques.GradientNormalization("gn").normalize(None, critic, keras.ops.convert_to_tensor(x)))

    # basiclab/GNGAN-PyTorch, models/gradnorm.py: f / (||grad_x f|| + |f|), the gradient of f
    # with ones as the output gradient.
    net = torch_twin(critic)
    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    f = net(xt)
    grad = torch.autograd.grad(f, [xt], torch.ones_like(f), create_graph=True)[0]
    grad_norm = torch.norm(torch.flatten(grad, start_dim=1), p=2, dim=1).view(-1, 1)
    f_hat = f / (grad_norm + torch.abs(f))
    np.testing.assert_allclose(ours, f_hat.detach().numpy(), rtol=1e-5, atol=1e-6)
    assert np.abs(ours).max() < 1.0
    # What the generator learns from: the gradient of the normalised output (double backprop).
    (reference_grad,) = torch.autograd.grad(f_hat.sum(), xt)
    gn = techniques.GradientNormalization("gn")
    _, our_grad = backend.input_gradient(lambda v: gn.normalize(None, critic, v), keras.ops.convert_to_tensor(x))
    np.testing.assert_allclose(_np(our_grad), reference_grad.numpy(), rtol=1e-4, atol=1e-6)


def test_gran_form_is_k_lipschitz_on_each_linear_piece():
    """Bhaskara et al.: K·f·‖∇f‖ / (‖∇f‖² + ε) = K·f/‖∇f‖ + O(ε) on each piece, whose gradient has
    norm K; checked by finite differences of the normalised critic along the gradient and across it."""
    critic = keras_critic(4, hidden=16, seed=3)
    gran = techniques.GradientNormalization("gran", k=2.0, epsilon=1e-8)
    x = np.random.default_rng(1).normal(size=(32, 4)).astype("float64")

    def g(points):
        return _np(gran.normalize(None, critic, keras.ops.convert_to_tensor(points.astype("float32"))))[:, 0]

    weights = [_np(w) for w in critic.get_weights()]

    def piece(points):
        return points @ weights[0] + weights[1] > 0

    hidden = np.maximum(x @ weights[0] + weights[1], 0)
    f = hidden @ weights[2][:, 0] + weights[3][0]
    grads = (piece(x) * weights[2][:, 0]) @ weights[0].T  # ∇f on each example's piece
    norms = np.linalg.norm(grads, axis=1)
    np.testing.assert_allclose(g(x), 2.0 * f / norms, rtol=1e-4, atol=1e-5)
    h = 1e-3
    across = np.random.default_rng(2).normal(size=x.shape)
    for name, direction in (("along", grads / norms[:, None]),
                            ("across", across / np.linalg.norm(across, axis=1, keepdims=True))):
        inside = np.all(piece(x + h * direction) == piece(x), axis=1) & np.all(piece(x - h * direction) == piece(x),
                                                                               axis=1)
        assert inside.sum() >= 24  # a piece boundary within h of a point is rare; those points are left out
        slope = ((g(x + h * direction) - g(x - h * direction)) / (2 * h))[inside]
        assert np.all(np.abs(slope) <= 2.0 * 1.02), slope
        if name == "along":  # along the gradient the slope is K itself
            np.testing.assert_allclose(slope, 2.0, rtol=2e-2)


@pytest.mark.parametrize("form", ["gran", "gn"])
def test_trains_resumes_and_saves(form, tmp_path):
    def build(seed):
        gan = MixtureGAN(adversarial_loss="hinge", seed=seed, techniques=[techniques.GradientNormalization(form)])
        gan.compile()
        return gan

    x = np.random.default_rng(0).normal(size=(32, 2)).astype("float32")
    whole, _ = check_trains_resumes_and_saves(build, x, tmp_path)
    logits = _np(whole.discriminate(keras.ops.convert_to_tensor(x)))
    if form == "gn":
        assert np.abs(logits).max() < 1.0


def test_refuses_what_it_cannot_normalise():
    with pytest.raises(ValueError, match=r"GradientNormalization needs a piecewise-linear .*BatchNormalization"):
        DCGAN(image_shape=(28, 28, 1), base_filters=4, techniques=[techniques.GradientNormalization()])
    with pytest.raises(ValueError, match=r"GradientNormalization cannot normalise .*MinibatchDiscrimination"):
        MixtureGAN(techniques=[techniques.MinibatchDiscrimination(4, 2), techniques.GradientNormalization()])
    with pytest.raises(ValueError, match=r"One normalisation of the discriminator's output per GAN"):
        MixtureGAN(techniques=[techniques.GradientNormalization(), techniques.GradientNormalization("gn")])
    with pytest.raises(ValueError, match=r"expects `form` in \('gran', 'gn'\); received 'l2'"):
        techniques.GradientNormalization("l2")
