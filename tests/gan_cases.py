"""Tiny configurations of every GAN model, shared by the model tests.

A new model is tested by adding a case here: the training, save/load, resume and cross-backend
tests run over all cases.
"""

import keras
import numpy as np

from kerasgan.models import CESAGAN
from kerasgan.models import DCGAN
from kerasgan.models import HGAN
from kerasgan.models import IVGAN
from kerasgan.models import SNGAN
from kerasgan.models import WGANGP
from kerasgan.models import BigGAN
from kerasgan.models import MixtureGAN
from kerasgan.models import MLPDiscriminator
from kerasgan.models import MLPGenerator
from kerasgan.models import ProGAN
from kerasgan.models import ProGANSchedule

BATCH = 8


def _images(shape, n=2 * BATCH, seed=0):
    rng = np.random.default_rng(seed)
    return rng.uniform(-1, 1, (n, *shape)).astype("float32")


def dcgan():
    gan = DCGAN(image_shape=(28, 28, 1), latent_dim=8, base_filters=4, seed=1)
    schedule = keras.optimizers.schedules.PolynomialDecay(1e-3, decay_steps=10, end_learning_rate=0.0)
    # TTUR: separate optimizers and learning rates, the generator's on a schedule.
    gan.compile(
        g_optimizer=keras.optimizers.Adam(schedule, beta_1=0.5),
        d_optimizer=keras.optimizers.Adam(4e-4, beta_1=0.5),
    )
    return gan, (_images((28, 28, 1)),)


def wgangp():
    gan = WGANGP(image_shape=(8, 8, 1), latent_dim=8, g_filters=4, d_filters=4, n_critic=2, seed=2)
    gan.compile()
    return gan, (_images((8, 8, 1), n=2 * BATCH * 2),)


def sngan_projection():
    gan = SNGAN(
        image_shape=(8, 8, 3),
        latent_dim=8,
        g_filters=4,
        d_filters=4,
        num_classes=3,
        n_critic=2,
        ema_decay=0.9,
        g_batch_size=6,
        seed=3,
    )
    gan.compile()
    x = _images((8, 8, 3), n=2 * BATCH * 2)
    return gan, (x, np.arange(len(x)) % 3)


def mixture():
    from kerasgan.data import ring_of_gaussians
    from kerasgan.data import sample_mixture

    gan = MixtureGAN(
        MLPGenerator(latent_dim=2, units=16, num_layers=2),
        MLPDiscriminator(units=8, num_pieces=3, num_layers=2),
        seed=4,
    )
    gan.compile()
    return gan, (sample_mixture(ring_of_gaussians(), 2 * BATCH, seed=0),)


def progan():
    # Fully grown (initial resolution = resolution): the shared tests count optimizer steps, and
    # growth resets them; tests/test_progan.py covers growing.
    schedule = ProGANSchedule(8, initial_resolution=8)
    gan = ProGAN(image_shape=(8, 8, 1), latent_dim=8, fmap_base=32, fmap_max=8, schedule=schedule, seed=5)
    gan.compile()
    return gan, (_images((8, 8, 1)),)


def biggan():
    # The ImageNet-style path: shared embedding, hierarchical z (4 chunks of 2), attention (in G at 32×32).
    # One D step per G step: the largest case compiles in every test that trains it (n_critic 2:
    # 40 s -> 26 s on JAX); the wgangp and sngan_projection cases cover the split into D steps.
    gan = BigGAN(
        image_shape=(32, 32, 1),
        latent_dim=8,
        num_classes=3,
        ch=2,
        shared_dim=4,
        hierarchical=True,
        attention=(32,),
        n_critic=1,
        ema_decay=0.9,
        ema_start=0,
        seed=6,
    )
    gan.compile()
    x = _images((32, 32, 1), n=2 * BATCH)
    return gan, (x, np.arange(len(x)) % 3)


def ivgan():
    # Two encoder steps per iteration (the reference: 10) and constant instance noise.
    gan = IVGAN(
        image_shape=(32, 32, 3),
        latent_dim=8,
        num_blocks=4,
        g_filters=4,
        d_filters=4,
        e_filters=4,
        encoder_steps=2,
        instance_noise=0.05,
        seed=7,
    )
    gan.compile()
    return gan, (_images((32, 32, 3)),)


def hgan():
    from kerasgan.data import load_mnist_subset

    gan = HGAN(
        image_shape=(8, 8, 1),
        latent_dim=8,
        base_filters=4,
        teacher_filters=4,
        teacher_blocks=1,
        teacher_bank_size=16,
        seed=8,
    )
    gan.compile()
    x, _ = load_mnist_subset()
    return gan, (x[: 2 * BATCH, 10:18, 10:18],)


def cesagan():
    from kerasgan.levels import encode_levels
    from kerasgan.levels import level_conditions
    from kerasgan.levels import load_zelda_levels

    levels = load_zelda_levels()
    gan = CESAGAN(latent_dim=8, filters=8, embedding_dim=4, seed=9)
    gan.set_training_levels(levels)
    gan.compile()
    order = np.arange(2 * BATCH) % len(levels)
    return gan, (encode_levels(levels)[order], level_conditions(levels)[order])


CASES = {
    "dcgan": dcgan,
    "wgangp": wgangp,
    "sngan_projection": sngan_projection,
    "mixture": mixture,
    "progan": progan,
    "biggan": biggan,
    "ivgan": ivgan,
    "hgan": hgan,
    "cesagan": cesagan,
}

# Updates per training step of each auxiliary network's optimizer.
AUXILIARY_UPDATES = {"ivgan": {"encoder": 2}, "hgan": {"teacher": 1, "teacher_discriminator": 1}}

# The models of issue 6, whose generator export the shared tests check (the others have their own).
EXPORT_CASES = ("ivgan", "hgan", "cesagan")

# Variables whose gradient is identically zero under the model's objective, with the reason.
INVARIANT = {
    # The Wasserstein loss E[D(fake)] - E[D(real)] and the gradient penalty do not depend on the
    # critic's output bias.
    "wgangp": lambda gan: [gan.discriminator.layers[-1].bias],
    # Fully grown ProGAN: the 4×4 toRGB/fromRGB are faded out (blend weight 0) and the critic's
    # output bias cancels in the Wasserstein loss and the penalty (the drift term E[D(x)^2] does
    # depend on it, so it is not listed).
    "progan": lambda gan: [
        *gan.generator.get_layer("to_rgb_4x4").trainable_variables,
        *gan.discriminator.get_layer("from_rgb_4x4").trainable_variables,
    ],
}


# Hinge loss: while every real and fake logit lies inside the margin (|D| < 1, as in the first steps
# of the tiny case), the critic's output bias gets gradient -1 (reals) + 1 (fakes) = 0.
INVARIANT["cesagan"] = lambda gan: [gan.discriminator.layers[-1].bias]


def invariant_paths(name, gan):
    return {v.path for v in INVARIANT.get(name, lambda gan: [])(gan)}


def fit_batch_size(gan):
    return gan.iteration_batch_size(BATCH)


def generator_inputs(gan, n, seed=0):
    """A latent batch and, for conditional models, labels or condition vectors."""
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((n, gan.latent_dim)).astype("float32")
    if gan.num_classes:
        return [z, (np.arange(n) % gan.num_classes).astype("int32")]
    if gan.condition_dim:
        return [z, rng.uniform(0, 4, (n, gan.condition_dim)).astype("float32")]
    return z


_TRAINED = {}


def trained_case(name):
    """`(gan, data, before, history)`: the case trained for one epoch (Keras's global seed 0, no
    shuffling), with its variables before training. Trained once per test session: the training
    tests and the cross-backend exchange share it (each training step compiles)."""
    if name not in _TRAINED:
        keras.utils.set_random_seed(0)
        gan, data = CASES[name]()
        before = {v.path: np.array(v.numpy()) for v in gan.variables}
        history = gan.fit(*data, batch_size=fit_batch_size(gan), epochs=1, verbose=0, shuffle=False)
        _TRAINED[name] = gan, data, before, history
    return _TRAINED[name]
