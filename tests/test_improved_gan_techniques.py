"""Salimans et al.'s techniques ("Improved Techniques for Training GANs", openai/improved-gan):
each trains, resumes and saves on the backend under test, computes the paper's formula, and
refuses the models it cannot work with."""

import keras
import numpy as np
import pytest
from technique_check import check_trains_resumes_and_saves

import kerasgan
from kerasgan import techniques
from kerasgan.core.step_context import StepContext
from kerasgan.models import DCGAN
from kerasgan.models import SNGAN
from kerasgan.models import WGANGP


def _x(n=32, seed=0):
    return np.random.default_rng(seed).uniform(-1, 1, (n, 8, 8, 1)).astype("float32")


def _dcgan(*chosen, seed=0):
    gan = DCGAN(image_shape=(8, 8, 1), latent_dim=4, base_filters=4, seed=seed, techniques=list(chosen))
    gan.compile()
    return gan


@pytest.mark.parametrize("make", [lambda: techniques.OneSidedLabelSmoothing(0.9),
                                  lambda: techniques.FeatureMatching(),
                                  lambda: techniques.FeatureMatching("absolute", 0.5, keep_adversarial=True)],
                         ids=["label_smoothing", "feature_matching", "feature_matching_kept"])
def test_trains_resumes_and_saves(make, tmp_path):
    check_trains_resumes_and_saves(lambda seed: _dcgan(make(), seed=seed), _x(), tmp_path)


def test_the_paper_trio_composes(tmp_path):
    trio = (techniques.FeatureMatching(), techniques.OneSidedLabelSmoothing(0.9))
    _, history = check_trains_resumes_and_saves(lambda seed: _dcgan(*trio, seed=seed), _x(), tmp_path)
    assert set(history.history) == {"d_loss", "g_loss", "feature_matching", "label_smoothing"}


def _sigmoid_cross_entropy(logits, target):
    p = 1.0 / (1.0 + np.exp(-logits.astype("float64")))
    return np.mean(-target * np.log(p) - (1 - target) * np.log(1 - p))


@pytest.mark.parametrize("loss", ["non_saturating", "minimax"])
def test_label_smoothing_is_the_cross_entropy_with_target_alpha(loss):
    real, fake = np.random.default_rng(1).normal(0, 3, (2, 16)).astype("float32")
    gan = DCGAN(image_shape=(8, 8, 1), base_filters=4, adversarial_loss=loss,
                techniques=[techniques.OneSidedLabelSmoothing(0.9)])
    step = StepContext(real_logits=keras.ops.convert_to_tensor(real), fake_logits=keras.ops.convert_to_tensor(fake))
    smoothed = gan._adversarial.discriminator(real, fake) + gan.techniques[0].discriminator_terms(gan, step)[
        "label_smoothing"]
    expected = _sigmoid_cross_entropy(real, 0.9) + _sigmoid_cross_entropy(fake, 0.0)  # Salimans et al., 3.4
    np.testing.assert_allclose(float(smoothed), expected, rtol=1e-5)


@pytest.mark.parametrize("distance", ["squared", "absolute"])
def test_feature_matching_is_the_gap_between_mean_features(distance):
    real, fake = np.random.default_rng(2).normal(0, 1, (2, 16, 3, 5)).astype("float32")
    step = StepContext(real_features=keras.ops.convert_to_tensor(real), fake_features=keras.ops.convert_to_tensor(fake))
    term = techniques.FeatureMatching(distance, weight=2.0).generator_terms(None, step)["feature_matching"]
    gap = real.reshape(16, -1).mean(0) - fake.reshape(16, -1).mean(0)  # improved-gan: m1 - m2 over features
    expected = 2.0 * (np.mean(gap**2) if distance == "squared" else np.mean(np.abs(gap)))
    np.testing.assert_allclose(float(term), expected, rtol=1e-5)


def test_feature_matching_replaces_the_generator_loss_unless_kept():
    replaced = _dcgan(techniques.FeatureMatching()).fit(_x(16), batch_size=8, epochs=1, verbose=0).history
    np.testing.assert_allclose(replaced["g_loss"], replaced["feature_matching"], rtol=1e-6)
    kept = _dcgan(techniques.FeatureMatching(keep_adversarial=True)).fit(_x(16), batch_size=8, epochs=1, verbose=0)
    adversarial = np.array(kept.history["g_loss"]) - np.array(kept.history["feature_matching"])
    assert (adversarial > 0.1).all(), kept.history  # the non-saturating loss, −log D(G(z)), is still there


def test_models_the_techniques_cannot_work_with_are_refused():
    with pytest.raises(ValueError, match=r"OneSidedLabelSmoothing smooths .* WGANGP trains with 'wasserstein'"):
        WGANGP(image_shape=(8, 8, 1), g_filters=4, d_filters=4, techniques=[techniques.OneSidedLabelSmoothing()])
    with pytest.raises(ValueError, match=r"OneSidedLabelSmoothing smooths .* SNGAN trains with 'hinge'"):
        SNGAN(image_shape=(32, 32, 3), g_filters=8, d_filters=8, techniques=[techniques.OneSidedLabelSmoothing()])
    with pytest.raises(ValueError, match=r"WeightClipping keeps a Wasserstein critic .* DCGAN .* 'non_saturating'"):
        DCGAN(image_shape=(8, 8, 1), base_filters=4, techniques=[techniques.WeightClipping()])
    gan = DCGAN(image_shape=(8, 8, 1), base_filters=4, adversarial_loss="hinge")
    with pytest.raises(ValueError, match=r"OneSidedLabelSmoothing smooths .* DCGAN trains with 'hinge'"):
        gan.add_techniques(techniques.R1Penalty(), techniques.OneSidedLabelSmoothing())
    assert gan.techniques == [] and gan.step_techniques == []  # the refused call added nothing
    for bad, match in ((lambda: techniques.OneSidedLabelSmoothing(0), r"`alpha`, the real target, in \(0, 1\]"),
                       (lambda: techniques.FeatureMatching("l1"), r"`distance` in \('squared', 'absolute'\)"),
                       (lambda: techniques.FeatureMatching(weight=-1), r"`weight` as a number >= 0"),
                       (lambda: techniques.FeatureMatching(keep_adversarial=1), r"True or False; received 1")):
        with pytest.raises(ValueError, match=match):
            bad()


def _reference_minibatch_features(x, theta, log_scale, offset):
    """openai/improved-gan `nn.MinibatchLayer.get_output_for` (init=False), in numpy: the
    weight-normalised tensor, L1 distances with 1e6 on the diagonal, exp(−·) summed, plus b."""
    w = theta * (np.exp(log_scale) / np.sqrt(np.sum(np.square(theta), axis=0)))[None]
    activation = np.tensordot(x, w, [[1], [0]])
    abs_dif = (np.sum(np.abs(activation[:, :, :, None] - activation.transpose(1, 2, 0)[None]), axis=2)
               + 1e6 * np.eye(x.shape[0])[:, None, :])
    return np.sum(np.exp(-abs_dif), axis=2) + offset[None]


def test_minibatch_discrimination_is_the_reference_layer_before_the_output_layer():
    gan = _dcgan(techniques.MinibatchDiscrimination(num_kernels=6, kernel_dim=3))
    mbd = gan.techniques[0]
    rng = np.random.default_rng(3)
    for variable in (mbd.log_scale, mbd.offset):
        variable.assign(rng.normal(0, 0.3, variable.shape).astype("float32"))
    images = _x(8)
    _, features = gan.discriminator.call_with_features(images)
    features = keras.ops.convert_to_numpy(features)
    mine = keras.ops.convert_to_numpy(mbd.closeness(features))
    reference = _reference_minibatch_features(features.astype("float64"), *(
        keras.ops.convert_to_numpy(v.value).astype("float64") for v in (mbd.theta, mbd.log_scale, mbd.offset)))
    np.testing.assert_allclose(mine, reference, rtol=1e-4, atol=1e-5)
    # The paper's layout: [features, o(features)] into the output layer, whose new columns are v.
    dense = gan.discriminator.layers[-1]
    kernel = np.concatenate([keras.ops.convert_to_numpy(dense.kernel)[:, 0], keras.ops.convert_to_numpy(
        mbd.output_weights.value)])
    concatenated = np.concatenate([features, reference], axis=1) @ kernel
    np.testing.assert_allclose(keras.ops.convert_to_numpy(gan.discriminate(images))[:, 0], concatenated, rtol=1e-4,
                               atol=1e-4)
    same = np.repeat(features[:1], 8, axis=0)  # a collapsed batch: every example as close as can be
    np.testing.assert_allclose(keras.ops.convert_to_numpy(mbd.closeness(same)),
                               np.tile(7.0 + keras.ops.convert_to_numpy(mbd.offset.value), (8, 1)), rtol=1e-5)


def test_minibatch_discrimination_trains_resumes_and_saves(tmp_path):
    def build(seed):
        return _dcgan(techniques.MinibatchDiscrimination(10, 3), techniques.FeatureMatching(), seed=seed)

    whole, _ = check_trains_resumes_and_saves(build, _x(), tmp_path)
    for trained, start in zip(whole.techniques[0].variables, build(0).techniques[0].variables, strict=True):
        assert not np.allclose(keras.ops.convert_to_numpy(trained.value), keras.ops.convert_to_numpy(start.value)), (
            f"{trained.name} did not train with the discriminator")


def test_minibatch_discrimination_needs_features_and_one_gan():
    critic = keras.Sequential([keras.Input((8, 8, 1)), keras.layers.Flatten(), keras.layers.Dense(1)])
    generator = DCGAN(image_shape=(8, 8, 1), latent_dim=4, base_filters=4).generator
    with pytest.raises(ValueError, match=r"MinibatchDiscrimination needs the discriminator's penultimate features"):
        kerasgan.GAN(generator, critic, techniques=[techniques.MinibatchDiscrimination()])
    shared = techniques.MinibatchDiscrimination(4, 2)
    _dcgan(shared)
    with pytest.raises(ValueError, match=r"belongs to one GAN; give each GAN its own"):
        _dcgan(shared)
    averaging = techniques.HistoricalAveraging()
    _dcgan(averaging)
    with pytest.raises(ValueError, match=r"HistoricalAveraging holds the state of another GAN"):
        DCGAN(image_shape=(8, 8, 1), latent_dim=4, base_filters=4).add_techniques(averaging)
    stateless = techniques.R1Penalty(1.0)  # nothing to share: two GANs may use one
    _dcgan(stateless), _dcgan(stateless)
    with pytest.raises(ValueError, match=r"`num_kernels` as an int >= 1; received 0"):
        techniques.MinibatchDiscrimination(0)


def _values(variables):
    return [keras.ops.convert_to_numpy(v.value).astype("float64") for v in variables]


def test_historical_averaging_is_the_distance_to_the_average_of_past_parameters():
    gan = _dcgan(techniques.HistoricalAveraging(0.5))
    averaging = gan.techniques[0]
    assert float(keras.ops.convert_to_numpy(averaging._term(gan, "discriminator"))) == 0.0  # no past yet
    seen = {"discriminator": [], "generator": []}
    for i in range(3):  # one D and one G update per fit
        gan.fit(_x(8, seed=i), batch_size=8, epochs=1, verbose=0)
        for player in seen:
            seen[player].append(_values(getattr(gan, player).trainable_variables))
    for player, snapshots in seen.items():
        assert int(averaging.updates[player].numpy()) == 3
        averages = [np.mean(values, axis=0) for values in zip(*snapshots, strict=True)]
        for mine, expected in zip(_values(averaging.averages[player]), averages, strict=True):
            np.testing.assert_allclose(mine, expected, rtol=1e-5, atol=1e-6)
        now = _values(getattr(gan, player).trainable_variables)
        expected = 0.5 * sum(np.sum((v - a) ** 2) for v, a in zip(now, averages, strict=True))
        np.testing.assert_allclose(keras.ops.convert_to_numpy(averaging._term(gan, player)), expected, rtol=1e-4)


def test_historical_averaging_trains_resumes_and_saves(tmp_path):
    _, history = check_trains_resumes_and_saves(lambda seed: _dcgan(techniques.HistoricalAveraging(), seed=seed), _x(),
                                                tmp_path)
    assert history.history["historical_d"][-1] > 0 and history.history["historical_g"][-1] > 0


def test_historical_averaging_refuses_a_critic_schedule():
    with pytest.raises(ValueError, match=r"HistoricalAveraging averages every generator .* DCGAN has a critic"):
        _dcgan(techniques.CriticSchedule(), techniques.HistoricalAveraging())


def test_r2_penalty_is_r1_on_the_fakes(tmp_path):
    gan = _dcgan(techniques.R2Penalty(10.0))
    fake, other = _x(8, seed=1), _x(8, seed=2)
    step = StepContext(real=_x(8, seed=3), fake=keras.ops.convert_to_tensor(fake))
    term = gan.techniques[0].discriminator_terms(gan, step)["r2"]
    expected = kerasgan.losses.r1_penalty(lambda x: gan.discriminate(x, training=True), fake, weight=10.0)
    np.testing.assert_allclose(keras.ops.convert_to_numpy(term), keras.ops.convert_to_numpy(expected), rtol=1e-5)
    moved_real = gan.techniques[0].discriminator_terms(gan, step.replace(real=other))["r2"]
    np.testing.assert_allclose(keras.ops.convert_to_numpy(moved_real), keras.ops.convert_to_numpy(term), rtol=1e-6)
    check_trains_resumes_and_saves(lambda seed: _dcgan(techniques.R2Penalty(10.0), techniques.GradientPenalty(
        one_sided=True), seed=seed), _x(), tmp_path)
