"""Closed-form checks of kerasgan.losses on the active Keras backend."""

import doctest
import importlib

import keras
import numpy as np
import pytest
from keras import ops

from kerasgan import backend as kbackend
from kerasgan import losses

RTOL = 1e-5
ATOL = 1e-5


def _np(x):
    return ops.convert_to_numpy(x)


def _softplus(x):
    return np.logaddexp(0.0, x)


def _linear_critic(w, b=0.3):
    """D(x) = sum(w * x) + b per sample: its input gradient is `w` everywhere."""
    w = ops.convert_to_tensor(w)
    axes = tuple(range(1, len(w.shape)))
    return lambda x: ops.sum(x * w, axis=axes) + b


def _quadratic_critic(x):
    """D(x) = sum(x**2) per sample: its input gradient is `2x`."""
    return ops.sum(ops.square(x), axis=tuple(range(1, len(x.shape))))


def _images(seed, shape=(6, 4, 4, 3)):
    return np.random.default_rng(seed).normal(size=shape).astype("float32")


def _unit_weights(shape, norm, seed=0):
    """A `(1, *shape)` weight tensor of exactly the given L2 norm (batch axis for broadcasting)."""
    w = np.random.default_rng(seed).normal(size=(1, *shape))
    return (w * norm / np.linalg.norm(w)).astype("float32")


# --- Adversarial losses -------------------------------------------------------------------------

REAL = np.array([2.5, -0.7, 0.0, 1.2, -30.0], "float32")
FAKE = np.array([-1.5, 0.3, 30.0, -0.2], "float32")  # a different batch size on purpose

EXPECTED = {
    "non_saturating": (
        _softplus(-REAL).mean() + _softplus(FAKE).mean(),
        _softplus(-FAKE).mean(),
    ),
    "minimax": (
        _softplus(-REAL).mean() + _softplus(FAKE).mean(),
        -_softplus(FAKE).mean(),
    ),
    "hinge": (
        np.maximum(0.0, 1.0 - REAL).mean() + np.maximum(0.0, 1.0 + FAKE).mean(),
        -FAKE.mean(),
    ),
    "wasserstein": (FAKE.mean() - REAL.mean(), -FAKE.mean()),
    "least_squares": (
        0.5 * ((REAL - 1.0) ** 2).mean() + 0.5 * (FAKE**2).mean(),
        0.5 * ((FAKE - 1.0) ** 2).mean(),
    ),
    "least_squares_pearson": (
        ((REAL - 1.0) ** 2).mean() + ((FAKE + 1.0) ** 2).mean(),
        (FAKE**2).mean(),
    ),
    "relativistic_average": (  # Jolicoeur-Martineau, eq. (RaSGAN)
        (_softplus(-(REAL - FAKE.mean())).mean() + _softplus(FAKE - REAL.mean()).mean()) / 2,
        (_softplus(REAL - FAKE.mean()).mean() + _softplus(-(FAKE - REAL.mean())).mean()) / 2,
    ),
    "relativistic_average_hinge": (
        (np.maximum(0.0, 1.0 - (REAL - FAKE.mean())).mean() + np.maximum(0.0, 1.0 + (FAKE - REAL.mean())).mean()) / 2,
        (np.maximum(0.0, 1.0 + (REAL - FAKE.mean())).mean() + np.maximum(0.0, 1.0 - (FAKE - REAL.mean())).mean()) / 2,
    ),
    "absolute": (np.abs(REAL).mean() + FAKE.mean(), -FAKE.mean()),  # salu133445/dan
    "double_absolute": (np.abs(1.0 - REAL).mean() + np.abs(FAKE).mean(), np.abs(1.0 - FAKE).mean()),
}


def _generator_loss(name, fake, real):
    loss = losses.get(name)
    return loss.generator(fake, real) if loss.relativistic else loss.generator(fake)


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("column", [False, True], ids=["shape_n", "shape_n1"])
def test_adversarial_losses_match_formula(name, column):
    real, fake = (REAL[:, None], FAKE[:, None]) if column else (REAL, FAKE)
    d_expected, g_expected = EXPECTED[name]
    d_fn = getattr(losses, f"{name}_discriminator_loss")
    g_fn = getattr(losses, f"{name}_generator_loss")
    d_loss = d_fn(ops.convert_to_tensor(real), ops.convert_to_tensor(fake))
    assert g_fn is losses.get(name).generator
    g_loss = _generator_loss(name, ops.convert_to_tensor(fake), ops.convert_to_tensor(real))
    assert tuple(d_loss.shape) == () and tuple(g_loss.shape) == ()
    np.testing.assert_allclose(_np(d_loss), d_expected, rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(_np(g_loss), g_expected, rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_adversarial_losses_compute_in_float32(name):
    loss = losses.get(name)
    real = ops.convert_to_tensor(REAL.astype("float16"))
    fake = ops.convert_to_tensor(FAKE.astype("float16"))
    assert keras.backend.standardize_dtype(loss.discriminator(real, fake).dtype) == "float32"
    assert keras.backend.standardize_dtype(_generator_loss(name, fake, real).dtype) == "float32"


def test_softplus_losses_are_finite_for_large_logits():
    big = np.array([-1000.0, 1000.0], "float32")
    for value in (
        losses.non_saturating_discriminator_loss(big, big),
        losses.non_saturating_generator_loss(big),
        losses.minimax_generator_loss(big),
    ):
        assert np.isfinite(_np(value))
    np.testing.assert_allclose(_np(losses.non_saturating_generator_loss(big)), 500.0, rtol=RTOL)


def test_relativistic_losses_match_the_reference_code():
    """AlexiaJM/RelativisticGAN's expressions (its README and GAN_losses_iter.py), run in PyTorch on the
    same logits: `(BCE_stable(y_pred - mean(y_pred_fake), y) + BCE_stable(y_pred_fake - mean(y_pred), y2)) / 2`
    and the hinge form, with y = 1, y2 = 0 (D) and swapped (G)."""
    torch = pytest.importorskip("torch")
    bce = torch.nn.BCEWithLogitsLoss()
    relu = torch.nn.ReLU()
    y_pred, y_pred_fake = torch.tensor(REAL[:4]), torch.tensor(FAKE)  # the reference's batches are equal in size
    ones, zeros = torch.ones(4), torch.zeros(4)
    reference = {
        "relativistic_average": (
            (bce(y_pred - torch.mean(y_pred_fake), ones) + bce(y_pred_fake - torch.mean(y_pred), zeros)) / 2,
            (bce(y_pred - torch.mean(y_pred_fake), zeros) + bce(y_pred_fake - torch.mean(y_pred), ones)) / 2,
        ),
        "relativistic_average_hinge": (
            (torch.mean(relu(1.0 - (y_pred - torch.mean(y_pred_fake))))
             + torch.mean(relu(1.0 + (y_pred_fake - torch.mean(y_pred))))) / 2,
            (torch.mean(relu(1.0 + (y_pred - torch.mean(y_pred_fake))))
             + torch.mean(relu(1.0 - (y_pred_fake - torch.mean(y_pred))))) / 2,
        ),
    }
    for name, (d_expected, g_expected) in reference.items():
        loss = losses.get(name)
        real, fake = ops.convert_to_tensor(REAL[:4]), ops.convert_to_tensor(FAKE)
        np.testing.assert_allclose(_np(loss.discriminator(real, fake)), float(d_expected), rtol=RTOL, atol=ATOL)
        np.testing.assert_allclose(_np(loss.generator(fake, real)), float(g_expected), rtol=RTOL, atol=ATOL)


# --- Registry -----------------------------------------------------------------------------------


def test_registry_names_and_functions():
    assert losses.ADVERSARIAL_LOSSES == (
        "non_saturating",
        "minimax",
        "hinge",
        "wasserstein",
        "least_squares",
        "least_squares_pearson",
        "relativistic_average",
        "relativistic_average_hinge",
        "absolute",
        "double_absolute",
        "mmd",
        "semi_supervised",
    )
    for name in losses.ADVERSARIAL_LOSSES:
        loss = losses.get(name)
        assert isinstance(loss, losses.AdversarialLoss)
        assert loss.name == name
        assert loss.discriminator is getattr(losses, f"{name}_discriminator_loss")
        assert loss.generator is getattr(losses, f"{name}_generator_loss")
        assert losses.get(loss) is loss


@pytest.mark.parametrize("bad", ["hinge_loss", "Hinge", "", None, 3])
def test_registry_rejects_unknown_names(bad):
    with pytest.raises(ValueError) as info:
        losses.get(bad)
    message = str(info.value)
    assert repr(bad) in message
    for name in losses.ADVERSARIAL_LOSSES:
        assert repr(name) in message


# --- Gradient penalty (WGAN-GP) -----------------------------------------------------------------


@pytest.mark.parametrize("norm", [1.0, 0.25, 3.0])
@pytest.mark.parametrize(
    "seed", [None, 0, "generator"], ids=["seed_none", "seed_int", "seed_generator"]
)
def test_gradient_penalty_linear_critic(norm, seed):
    if seed == "generator":
        seed = keras.random.SeedGenerator(3)
    w = _unit_weights((4, 4, 3), norm)
    gp = losses.gradient_penalty(_linear_critic(w), _images(1), _images(2), seed=seed, weight=7.0)
    assert tuple(gp.shape) == ()
    np.testing.assert_allclose(_np(gp), 7.0 * (norm - 1.0) ** 2, rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize("norm", [0.5, 2.0])
def test_one_sided_gradient_penalty_ignores_norms_below_one(norm):
    w = _unit_weights((4, 4, 3), norm)
    gp = losses.gradient_penalty(_linear_critic(w), _images(1), _images(2), seed=0, weight=7.0, one_sided=True)
    np.testing.assert_allclose(_np(gp), 7.0 * max(norm - 1.0, 0.0) ** 2, rtol=RTOL, atol=ATOL)


def test_gradient_penalty_keras_model_critic():
    critic = keras.Sequential(
        [keras.Input((4, 4, 3)), keras.layers.Flatten(), keras.layers.Dense(1)]
    )
    kernel = critic.layers[-1].kernel.numpy()
    gp = losses.gradient_penalty(critic, _images(1), _images(2), seed=0)
    np.testing.assert_allclose(
        _np(gp), 10.0 * (np.linalg.norm(kernel) - 1.0) ** 2, rtol=RTOL, atol=ATOL
    )


def test_gradient_penalty_interpolates_with_one_epsilon_per_sample():
    real, fake = _images(1), _images(2)
    n = real.shape[0]
    gp = losses.gradient_penalty(_quadratic_critic, real, fake, seed=11, weight=2.0)
    # The same draw as the penalty's: U[0, 1) of shape (N, 1, 1, 1) from the same int seed.
    eps = _np(keras.random.uniform((n, 1, 1, 1), dtype="float32", seed=11))
    assert len(np.unique(eps)) == n
    x_hat = eps * real + (1.0 - eps) * fake
    norms = np.sqrt((np.square(2.0 * x_hat)).sum(axis=(1, 2, 3)))
    np.testing.assert_allclose(_np(gp), 2.0 * np.mean((norms - 1.0) ** 2), rtol=RTOL)


def test_gradient_penalty_seeds():
    real, fake = _images(1), _images(2)

    def gp(seed):
        return float(_np(losses.gradient_penalty(_quadratic_critic, real, fake, seed=seed)))

    assert gp(1) == gp(1)
    assert gp(1) != gp(2)
    generator = keras.random.SeedGenerator(5)
    first, second = gp(generator), gp(generator)
    assert first != second  # the generator advances
    replay = keras.random.SeedGenerator(5)
    assert [gp(replay), gp(replay)] == [first, second]
    with pytest.raises(ValueError, match="seed"):
        gp("seven")


def test_gradient_penalty_on_flat_inputs():
    w = _unit_weights((5,), 2.0)
    real = np.random.default_rng(0).normal(size=(4, 5)).astype("float32")
    gp = losses.gradient_penalty(_linear_critic(w), real, -real, seed=0)
    np.testing.assert_allclose(_np(gp), 10.0, rtol=RTOL)


# --- R1 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("norm", [0.5, 2.0])
def test_r1_penalty_linear_critic(norm):
    w = _unit_weights((4, 4, 3), norm)
    r1 = losses.r1_penalty(_linear_critic(w), _images(1), weight=3.0)
    np.testing.assert_allclose(_np(r1), 3.0 / 2.0 * norm**2, rtol=RTOL)


def test_r1_penalty_quadratic_critic():
    real = _images(4)
    r1 = losses.r1_penalty(_quadratic_critic, real, weight=10.0)
    expected = 10.0 / 2.0 * np.mean(4.0 * np.square(real).sum(axis=(1, 2, 3)))
    np.testing.assert_allclose(_np(r1), expected, rtol=RTOL)


# --- DRAGAN -------------------------------------------------------------------------------------


@pytest.mark.parametrize("norm", [1.0, 0.5, 2.5])
@pytest.mark.parametrize(
    "seed", [None, 0, "generator"], ids=["seed_none", "seed_int", "seed_generator"]
)
def test_dragan_penalty_linear_critic(norm, seed):
    if seed == "generator":
        seed = keras.random.SeedGenerator(3)
    w = _unit_weights((4, 4, 3), norm)
    penalty = losses.dragan_penalty(_linear_critic(w), _images(1), seed=seed, weight=4.0)
    np.testing.assert_allclose(_np(penalty), 4.0 * (norm - 1.0) ** 2, rtol=RTOL, atol=ATOL)


def test_dragan_penalty_perturbation_formula():
    real = _images(5)
    n = real.shape[0]
    penalty = losses.dragan_penalty(_quadratic_critic, real, seed=21, weight=3.0, perturbation=0.7)
    # The penalty's two draws: noise per element from `seed`, alpha per sample from `seed + 1`.
    noise = _np(keras.random.uniform(real.shape, dtype="float32", seed=21))
    alpha = _np(keras.random.uniform((n, 1, 1, 1), dtype="float32", seed=22))
    x_p = real + 0.7 * real.std() * noise
    x_hat = real + alpha * (x_p - real)
    norms = np.sqrt(np.square(2.0 * x_hat).sum(axis=(1, 2, 3)))
    np.testing.assert_allclose(_np(penalty), 3.0 * np.mean((norms - 1.0) ** 2), rtol=RTOL)


def test_dragan_penalty_seeds():
    real = _images(5)

    def penalty(seed):
        return float(_np(losses.dragan_penalty(_quadratic_critic, real, seed=seed)))

    assert penalty(1) == penalty(1)
    assert penalty(1) != penalty(2)
    generator = keras.random.SeedGenerator(5)
    assert penalty(generator) != penalty(generator)


# --- Drift --------------------------------------------------------------------------------------


@pytest.mark.parametrize("column", [False, True])
def test_drift_penalty(column):
    logits = REAL[:, None] if column else REAL
    np.testing.assert_allclose(
        _np(losses.drift_penalty(logits)), 0.001 * np.mean(REAL**2), rtol=RTOL
    )
    np.testing.assert_allclose(
        _np(losses.drift_penalty(logits, weight=0.5)), 0.5 * np.mean(REAL**2), rtol=RTOL
    )


# --- Orthogonal ---------------------------------------------------------------------------------


def _numpy_orthogonal(kernels, weight):
    total = 0.0
    for k in kernels:
        if k.ndim < 2:
            continue
        w = k.reshape(-1, k.shape[-1]).astype("float64")
        gram = w.T @ w
        total += np.sum((gram * (1.0 - np.eye(gram.shape[0]))) ** 2)
    return weight * total


def _random_kernels():
    rng = np.random.default_rng(0)
    return [
        rng.normal(size=(5, 3)).astype("float32"),  # Dense (in, out)
        rng.normal(size=(3, 3, 2, 4)).astype("float32"),  # Conv2D (kh, kw, in, out)
        rng.normal(size=(4,)).astype("float32"),  # a bias: skipped
    ]


def test_orthogonal_penalty_matches_numpy():
    kernels = _random_kernels()
    value = losses.orthogonal_penalty([ops.convert_to_tensor(k) for k in kernels], weight=0.01)
    np.testing.assert_allclose(_np(value), _numpy_orthogonal(kernels, 0.01), rtol=RTOL)
    # A single kernel, and keras Variables, are accepted.
    single = losses.orthogonal_penalty(keras.Variable(kernels[1]), weight=1.0)
    np.testing.assert_allclose(_np(single), _numpy_orthogonal(kernels[1:2], 1.0), rtol=RTOL)
    assert float(_np(losses.orthogonal_penalty([kernels[2]]))) == 0.0


def test_orthogonal_penalty_is_zero_for_orthogonal_columns():
    q, _ = np.linalg.qr(np.random.default_rng(1).normal(size=(18, 4)))
    kernel = (q * np.array([0.5, 1.0, 2.0, 3.0])).astype("float32")  # orthogonal, not unit
    assert float(_np(losses.orthogonal_penalty([kernel], weight=1.0))) == pytest.approx(
        0.0, abs=1e-9
    )
    conv = kernel.reshape(3, 3, 2, 4)
    assert float(_np(losses.orthogonal_penalty([conv], weight=1.0))) == pytest.approx(0.0, abs=1e-9)


def test_orthogonal_penalty_gradient_is_twice_biggan_pytorch():
    strength = 1e-2
    kernel = _random_kernels()[1]  # keras layout (kh, kw, in, out)
    # BigGAN-PyTorch utils.ortho, in torch layout (out, in, kh, kw):
    param = kernel.transpose(3, 2, 0, 1).astype("float64")
    w = param.reshape(param.shape[0], -1)
    grad = 2 * ((w @ w.T) * (1.0 - np.eye(w.shape[0]))) @ w
    biggan = (strength * grad).reshape(param.shape).transpose(2, 3, 1, 0)

    def penalty(k):
        return losses.orthogonal_penalty([k], weight=strength)

    _, ours = kbackend.input_gradient(penalty, ops.convert_to_tensor(kernel))
    np.testing.assert_allclose(_np(ours), 2.0 * biggan, rtol=1e-4, atol=1e-6)
    _, matched = kbackend.input_gradient(
        lambda k: losses.orthogonal_penalty([k], weight=strength / 2),
        ops.convert_to_tensor(kernel),
    )
    np.testing.assert_allclose(_np(matched), biggan, rtol=1e-4, atol=1e-6)


# --- Differentiability with respect to the critic's parameters ----------------------------------
# The penalty is a function of the critic's weights `w`; `input_gradient` (which nests, and is
# differentiable again) gives its gradient with respect to `w` without a train step.


def _penalty_gradient(penalty_of_w, w):
    value, grad = kbackend.input_gradient(penalty_of_w, ops.convert_to_tensor(w))
    return _np(value), _np(grad)


@pytest.mark.parametrize("name", ["gradient_penalty", "dragan_penalty"])
def test_interpolation_penalties_are_differentiable_in_critic_weights(name):
    norm = 2.5
    w = _unit_weights((4, 4, 3), norm)
    real, fake = _images(1), _images(2)

    def penalty_of_w(w):
        critic = _linear_critic(w)
        if name == "gradient_penalty":
            return losses.gradient_penalty(critic, real, fake, seed=0, weight=10.0)
        return losses.dragan_penalty(critic, real, seed=0, weight=10.0)

    value, grad = _penalty_gradient(penalty_of_w, w)
    np.testing.assert_allclose(value, 10.0 * (norm - 1.0) ** 2, rtol=RTOL)
    # d/dw 10 (||w|| - 1)^2 = 20 (||w|| - 1) w / ||w||
    np.testing.assert_allclose(grad, 20.0 * (norm - 1.0) * w / norm, rtol=1e-4, atol=1e-6)


def test_r1_penalty_is_differentiable_in_critic_weights():
    w = _unit_weights((4, 4, 3), 1.5)
    _, grad = _penalty_gradient(
        lambda w: losses.r1_penalty(_linear_critic(w), _images(1), weight=10.0), w
    )
    # d/dw 10/2 ||w||^2 = 10 w
    np.testing.assert_allclose(grad, 10.0 * w, rtol=1e-4, atol=1e-6)


# --- Docstring examples -------------------------------------------------------------------------

_MODULES = [
    "absolute",
    "non_saturating",
    "minimax",
    "hinge",
    "wasserstein",
    "least_squares",
    "least_squares_pearson",
    "relativistic_average",
    "registry",
    "gradient_penalty",
    "dragan_penalty",
    "r1_penalty",
    "drift_penalty",
    "orthogonal_penalty",
    "local_gradient_penalty",
    "absolute",
    "mmd",
]


@pytest.mark.parametrize("module", _MODULES)
def test_docstring_examples(module):
    mod = importlib.import_module(f"kerasgan.losses.{module}")
    result = doctest.testmod(mod, verbose=False, report=True)
    assert result.attempted > 0
    assert result.failed == 0
