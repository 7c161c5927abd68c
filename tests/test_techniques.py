"""Techniques compose on a shipped model: three together train with `fit`, save, load and resume
exactly on the backend under test; each hook does what its docstring says (what D sees, terms,
before/after an update, a critic schedule, features); bad compositions are refused."""

import re
import textwrap

import keras
import numpy as np
import pytest
from technique_check import check_trains_resumes_and_saves

import kerasgan
from kerasgan import techniques
from kerasgan.models import DCGAN


def _x(n=32, seed=0):
    return np.random.default_rng(seed).uniform(-1, 1, (n, 8, 8, 1)).astype("float32")


def _composed(seed=0):
    gan = DCGAN(
        image_shape=(8, 8, 1), latent_dim=4, base_filters=4, n_critic=2, seed=seed,
        techniques=[
            techniques.DiffAugment("color,translation", adaptive=True, adjust_every=1, adjust_images=64, seed=1),
            techniques.R1Penalty(1.0),
            techniques.CriticSchedule(steps=2, warmup_steps=4, warmup_generator_steps=1, every=0),
        ],
    )
    gan.compile()
    return gan


def test_three_techniques_train_save_load_and_resume_exactly(tmp_path):
    whole, history = check_trains_resumes_and_saves(_composed, _x(), tmp_path)
    assert set(history.history) == {"d_loss", "g_loss", "r1", "ada_p"}
    # 8 iterations of 2 critic updates; 4 critic updates before the first generator update, 2 after.
    assert int(whole.d_optimizer.iterations.numpy()) == 16
    assert int(whole.g_optimizer.iterations.numpy()) == 7
    assert 0.0 <= history.history["ada_p"][-1] <= 1.0  # ADA's probability, logged
    loaded = keras.saving.load_model(tmp_path / "model.keras")
    assert [type(t).__name__ for t in loaded.techniques] == ["DiffAugment", "R1Penalty", "CriticSchedule"]
    assert int(loaded.critic_updates.numpy()) == int(whole.critic_updates.numpy())


def test_critic_schedule_keeps_the_generator_still_until_due():
    gan = DCGAN(image_shape=(8, 8, 1), latent_dim=4, base_filters=4, seed=0,
                techniques=[techniques.CriticSchedule(steps=1, warmup_steps=3, warmup_generator_steps=2, every=0)])
    gan.compile()
    start = [np.array(v.numpy()) for v in gan.generator.trainable_variables]
    gan.fit(_x(16), batch_size=8, epochs=1, shuffle=False, verbose=0)  # 2 critic updates: none due
    assert int(gan.g_optimizer.iterations.numpy()) == 0
    for a, b in zip(gan.generator.trainable_variables, start, strict=True):  # (BN statistics move in D's step)
        np.testing.assert_array_equal(a.numpy(), b)
    gan.fit(_x(48), batch_size=8, epochs=1, shuffle=False, verbose=0)  # 6 more: due at 3, 6, then every 1
    assert int(gan.g_optimizer.iterations.numpy()) == 4
    assert int(gan.d_optimizer.iterations.numpy()) == 8


def test_weight_clipping_clamps_the_critic_before_each_update():
    gan = DCGAN(image_shape=(8, 8, 1), latent_dim=4, base_filters=4, seed=0, adversarial_loss="wasserstein",
                techniques=[techniques.WeightClipping(0.01)])
    gan.compile(g_optimizer=keras.optimizers.RMSprop(5e-5), d_optimizer=keras.optimizers.SGD(0.0))
    for variable in gan.discriminator.trainable_variables:
        variable.assign(keras.ops.full(variable.shape, 0.5))
    gan.fit(_x(8), batch_size=8, epochs=1, verbose=0)
    for variable in gan.discriminator.trainable_variables:  # no step (lr 0): what the clamp left
        np.testing.assert_allclose(keras.ops.convert_to_numpy(variable.value), 0.01)


def test_weight_clipping_keeps_the_critic_within_the_bound_after_fit():
    gan = DCGAN(image_shape=(8, 8, 1), latent_dim=4, base_filters=4, seed=0, adversarial_loss="wasserstein",
                techniques=[techniques.MinibatchDiscrimination(4, 2), techniques.WeightClipping(0.01)])
    gan.compile(g_optimizer=keras.optimizers.RMSprop(5e-5), d_optimizer=keras.optimizers.SGD(10.0))  # big steps
    gan.fit(_x(16), batch_size=8, epochs=2, verbose=0)
    weights = [keras.ops.convert_to_numpy(v.value) for v in gan.discriminator_variables]
    assert len(weights) > len(gan.discriminator.trainable_variables)  # the head's weights count too
    assert max(float(np.abs(w).max()) for w in weights) <= 0.01


class _Recorder(techniques.Technique):
    """Blanks the reals the discriminator sees and records what the generator update is shown
    (run eagerly, so the values are concrete)."""

    uses_features = True
    generator_sees_real = True
    loss_terms = ("feature_gap",)

    def see_real(self, gan, images, step):
        return images * 0.0

    def generator_terms(self, gan, step):
        blank = gan.discriminate(keras.ops.zeros_like(step.real), training=True)
        self.seen = dict(update=step.update, features=tuple(step.fake_features.shape),
                         real_logits=keras.ops.convert_to_numpy(step.real_logits),
                         blank=keras.ops.convert_to_numpy(blank))
        gap = keras.ops.mean(step.real_features, 0) - keras.ops.mean(step.fake_features, 0)
        return {"feature_gap": keras.ops.mean(keras.ops.square(gap))}


def test_hooks_see_what_the_discriminator_sees():
    recorder = _Recorder()
    gan = DCGAN(image_shape=(8, 8, 1), latent_dim=4, base_filters=4, seed=0, techniques=[recorder])
    gan.compile(run_eagerly=True)
    history = gan.fit(_x(8), batch_size=8, epochs=1, verbose=0)
    assert recorder.seen["update"] == "generator" and recorder.seen["features"] == (8, 4 * 4 * 4)
    np.testing.assert_allclose(recorder.seen["real_logits"], recorder.seen["blank"], atol=1e-5)
    assert history.history["feature_gap"][0] > 0


def _discriminators():
    """A tiny instance of every discriminator kerasgan ships, with inputs for two examples."""
    from kerasgan.levels import encode_levels
    from kerasgan.levels import level_conditions
    from kerasgan.levels import load_zelda_levels

    models = kerasgan.models
    levels = load_zelda_levels()[:2]
    x = {shape: np.random.default_rng(0).uniform(-1, 1, (2, *shape)).astype("float32")
         for shape in ((8, 8, 1), (8, 8, 3), (32, 32, 1), (32, 32, 3), (2,))}
    labels = np.array([0, 2], "int32")
    return {
        "DCGANDiscriminator": lambda: (models.DCGANDiscriminator((8, 8, 1), 4), x[8, 8, 1]),
        "WGANGPResNetCritic": lambda: (models.WGANGPResNetCritic((8, 8, 1), 4), x[8, 8, 1]),
        "WGANGPDCGANCritic": lambda: (models.WGANGPDCGANCritic((8, 8, 1), 4), x[8, 8, 1]),
        "SNGANResNetDiscriminator": lambda: (models.SNGANResNetDiscriminator((8, 8, 3), 4, num_classes=3),
                                             [x[8, 8, 3], labels]),
        "SNGANCNNDiscriminator": lambda: (models.SNGANCNNDiscriminator((8, 8, 3), 4), x[8, 8, 3]),
        "MLPDiscriminator": lambda: (models.MLPDiscriminator(units=8, num_pieces=3, num_layers=2), x[(2,)]),
        "ProGANDiscriminator": lambda: (models.ProGANDiscriminator((8, 8, 1), 32, fmap_max=8), x[8, 8, 1]),
        "BigGANDiscriminator": lambda: (models.BigGANDiscriminator((32, 32, 1), 3, 2), [x[32, 32, 1], labels]),
        "IVGANDiscriminator": lambda: (models.IVGANDiscriminator((32, 32, 3), 4, num_blocks=4), x[32, 32, 3]),
        "SSGANDiscriminator": lambda: (models.SSGANDiscriminator((8, 8, 1), 3, units=(6, 4)), x[8, 8, 1]),
        "MMDGANCritic": lambda: (models.MMDGANCritic((8, 8, 1), 2, feature_dim=3), x[8, 8, 1]),
        "CESAGANDiscriminator": lambda: (
            models.CESAGANDiscriminator(condition_dim=level_conditions(levels).shape[1], filters=8, embedding_dim=4),
            [encode_levels(levels), level_conditions(levels)]),
    }


def test_the_feature_convention_covers_every_shipped_discriminator():
    shipped = {name for name in kerasgan.models.__all__ if name.endswith(("Discriminator", "Critic"))}
    assert shipped == set(_discriminators())


@pytest.mark.parametrize("name", sorted(_discriminators()))
def test_every_shipped_discriminator_gives_its_features(name):
    d, inputs = _discriminators()[name]()
    outputs, features = d.call_with_features(inputs)
    for a, b in zip(keras.tree.flatten(outputs), keras.tree.flatten(d(inputs)), strict=True):
        np.testing.assert_allclose(keras.ops.convert_to_numpy(a), keras.ops.convert_to_numpy(b), atol=1e-5)
    assert len(features.shape) == 2 and features.shape[0] == 2 and d.gives_features


def test_compositions_that_cannot_work_are_refused():
    with pytest.raises(ValueError, match=r"R1Penalty logs `r1`, which R1Penalty logs already"):
        DCGAN(image_shape=(8, 8, 1), base_filters=4, techniques=[techniques.R1Penalty(), techniques.R1Penalty()])
    with pytest.raises(ValueError, match=r"GradientPenalty logs `gp`, which GradientPenalty logs already.*WGANGP"):
        kerasgan.models.WGANGP(image_shape=(8, 8, 1), g_filters=4, d_filters=4,
                               techniques=[techniques.GradientPenalty()])
    with pytest.raises(TypeError, match=r"list of kerasgan.techniques.Technique; received str"):
        DCGAN(image_shape=(8, 8, 1), base_filters=4, techniques=["r1"])
    critic = keras.Sequential([keras.Input((8, 8, 1)), keras.layers.Flatten(), keras.layers.Dense(1)])
    generator = kerasgan.models.DCGANGenerator(4, (8, 8, 1), 4)
    with pytest.raises(ValueError, match=r"_Recorder needs the discriminator's penultimate features.*Sequential"):
        kerasgan.GAN(generator, critic, techniques=[_Recorder()])
    with pytest.raises(ValueError, match=r"One critic schedule per GAN; received CriticSchedule, CriticSchedule"):
        DCGAN(image_shape=(8, 8, 1), base_filters=4,
              techniques=[techniques.CriticSchedule(), techniques.CriticSchedule()])
    gan = DCGAN(image_shape=(8, 8, 1), base_filters=4)
    gan.compile()
    with pytest.raises(ValueError, match=r"Add techniques before compile\(\)"):
        gan.add_techniques(techniques.R1Penalty())
    for bad, match in ((lambda: techniques.WeightClipping(0), r"`clip` as a number > 0; received 0"),
                       (lambda: techniques.R1Penalty(-1), r"R1Penalty expects `weight` as a number >= 0; received -1"),
                       (lambda: techniques.CriticSchedule(steps=0), r"`steps` as an int >= 1; received 0"),
                       (lambda: techniques.InstanceNoise("x"), r"a standard deviation >= 0 .* received 'x'")):
        with pytest.raises(ValueError, match=match):
            bad()


@pytest.mark.parametrize("module", sorted(m for m in dir(techniques) if not m.startswith("_") and m[0].isupper()))
def test_docstring_examples_run(module):
    code = re.findall(r"```python\n(.*?)```", getattr(techniques, module).__doc__, re.S)
    assert code, f"{module} has no example"
    exec(textwrap.dedent(code[0]), {"np": np, "keras": keras, "kerasgan": kerasgan})
