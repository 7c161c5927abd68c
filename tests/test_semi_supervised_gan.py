"""The semi-supervised GAN (Salimans et al.; openai/improved-gan's MNIST feature-matching model):
its weight-normalised layers and losses equal the reference's expressions, its batches are built
as the reference builds them, it trains, resumes and saves exactly on the backend under test, and
bad labels are refused with the counts."""

import keras
import numpy as np
import pytest
from technique_check import state_of

from kerasgan.callbacks import load_training_state
from kerasgan.callbacks import save_training_state
from kerasgan.core.step_context import StepContext
from kerasgan.data import SemiSupervisedBatches
from kerasgan.data import keep_labels
from kerasgan.layers import WeightNormalizedDense
from kerasgan.losses import semi_supervised_discriminator_loss
from kerasgan.models import SemiSupervisedGAN
from kerasgan.models import SSGANDiscriminator
from kerasgan.models import SSGANGenerator
from kerasgan.utils.seeding import seeded_construction


def _np(x):
    return np.asarray(keras.ops.convert_to_numpy(x), dtype="float64")


def _softplus(x):
    return np.logaddexp(0.0, x)


def _lse(x):
    m = x.max(axis=1)
    return m + np.log(np.exp(x - m[:, None]).sum(axis=1))


def _data(n=40, classes=3, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, (n, 6, 6, 1)).astype("float32")
    y = np.arange(n) % classes
    return x, keep_labels(y, per_class=2, num_classes=classes)


def _build(seed, classes=3, **kwargs):
    with seeded_construction(seed):
        networks = SSGANGenerator(8, (6, 6, 1), units=(16,)), SSGANDiscriminator((6, 6, 1), classes, units=(12, 10))
    gan = SemiSupervisedGAN(*networks, seed=seed, **kwargs)
    gan.compile()
    return gan


def test_weight_normalized_dense_is_the_references_layer():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(32, 5)).astype("float32")
    layer = WeightNormalizedDense(4, "relu")
    layer.build((None, 5))
    theta = _np(layer.theta)
    # nn.DenseLayer: W = θ · g / ‖θ‖ (column norms); init=True: g ← g/σ, b ← −μ/σ of x·W.
    pre = x @ (theta / np.sqrt((theta ** 2).sum(0)))
    mean, std = pre.mean(0), np.sqrt(((pre - pre.mean(0)) ** 2).mean(0))
    out = _np(layer.initialize_from_data(x))
    np.testing.assert_allclose(out, np.maximum((pre - mean) / std, 0), atol=1e-5)
    np.testing.assert_allclose(_np(layer.scale), 1 / std, rtol=1e-5)
    np.testing.assert_allclose(_np(layer.bias), -mean / std, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(_np(layer(x)), np.maximum((pre - mean) / std, 0), atol=1e-5)
    assert not layer.scale.trainable and WeightNormalizedDense(4, train_scale=True).train_scale


def test_losses_are_the_references_expressions():
    rng = np.random.default_rng(1)
    l_unl, l_fake = rng.normal(0, 3, (16, 10)), rng.normal(0, 3, (16, 10))
    # train_mnist_feature_matching.py: loss_unl =
    #   −½ mean(lse_unl) + ½ mean softplus(lse_unl) + ½ mean softplus(lse_fake)
    expected = -0.5 * _lse(l_unl).mean() + 0.5 * _softplus(_lse(l_unl)).mean() + 0.5 * _softplus(_lse(l_fake)).mean()
    got = semi_supervised_discriminator_loss(_lse(l_unl)[:, None].astype("float32"),
                                             _lse(l_fake)[:, None].astype("float32"))
    np.testing.assert_allclose(_np(got), expected, rtol=1e-5)

    gan = _build(0)
    images = np.random.default_rng(2).uniform(-1, 1, (8, 6, 6, 1)).astype("float32")
    labels = np.array([0, 1, 2, 0, 1, 2, 0, 1], "int32")
    gan.discriminator.get_layer("input_noise").stddev = 0.0  # deterministic, to compare
    for index in range(2):
        gan.discriminator.get_layer(f"noise_{index}").stddev = 0.0
    term = gan.discriminator_terms(StepContext(labelled=(images, labels)))["classification"]
    logits = _np(gan.discriminator(images))
    # loss_lab = −mean(l_lab[y]) + mean(lse(l_lab))
    np.testing.assert_allclose(_np(term), -logits[np.arange(8), labels].mean() + _lse(logits).mean(), rtol=1e-5)
    np.testing.assert_allclose(_np(gan.discriminate(images))[:, 0], _lse(logits), rtol=1e-5)


def test_keep_labels_and_batches_follow_the_reference():
    y = np.random.default_rng(3).integers(0, 4, 200)
    kept = keep_labels(y, per_class=3, seed=1, num_classes=4)
    order = np.random.RandomState(1).permutation(200)
    for label in range(4):
        np.testing.assert_array_equal(np.flatnonzero(kept == label), np.sort(order[y[order] == label][:3]))
    assert (kept[kept >= 0] == y[kept >= 0]).all() and (kept >= 0).sum() == 12

    x = np.random.default_rng(4).uniform(-1, 1, (200, 2, 2, 1)).astype("float32")
    batches = SemiSupervisedBatches(x, kept, batch_size=50, seed=7)
    assert len(batches) == 4
    pools = []
    for index in range(len(batches)):
        (unlabelled, labelled), labels = batches[index]
        assert unlabelled.shape == labelled.shape == (50, 2, 2, 1) and labels.shape == (50,)
        rows = [int(np.flatnonzero((x == image).all(axis=(1, 2, 3)))[0]) for image in labelled]
        np.testing.assert_array_equal(kept[rows], labels)
        pools.append(batches.order()[index * 50:(index + 1) * 50])
    assert sorted(np.concatenate(pools)) == list(range(200))  # every image once per epoch, labelled ones too
    # each labelled image appears in every run of 12 consecutive labelled slots (fresh permutations)
    counts = np.bincount(batches.labelled_order()[:192], minlength=200)
    assert set(counts[kept >= 0]) == {16} and counts[kept < 0].sum() == 0
    again = SemiSupervisedBatches(x, kept, batch_size=50, seed=7)
    np.testing.assert_array_equal(again[2][1], batches[2][1])
    batches.set_epoch(1)
    assert not np.array_equal(batches[0][1], again[0][1])


def test_trains_resumes_and_saves(tmp_path):
    x, y = _data()
    whole = _build(0)
    history = whole.fit(x, y, batch_size=8, epochs=2, verbose=0)
    assert set(history.history) == {"d_loss", "g_loss", "classification", "feature_matching"}
    assert all(np.isfinite(v).all() for v in history.history.values())

    first = _build(0)
    first.fit(x, y, batch_size=8, epochs=1, verbose=0)
    save_training_state(first, tmp_path / "checkpoint.npz", {"epoch": 1})
    resumed = _build(5)  # other weights and streams, which the checkpoint overwrites; the data's order as `fit`'s
    load_training_state(resumed, tmp_path / "checkpoint.npz")
    resumed.fit(SemiSupervisedBatches(x, y, batch_size=8, seed=0), epochs=2, initial_epoch=1, verbose=0)
    for a, b in zip(state_of(resumed), state_of(whole), strict=True):
        np.testing.assert_allclose(a, b, atol=1e-6)

    path = tmp_path / "model.keras"
    whole.save(path)
    loaded = keras.saving.load_model(path)
    np.testing.assert_allclose(loaded.classify(x), whole.classify(x), atol=1e-6)
    np.testing.assert_allclose(loaded.generate(4, seed=0), whole.generate(4, seed=0), atol=1e-6)
    probabilities = whole.classify(x)
    assert probabilities.shape == (40, 3)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, rtol=1e-5)
    assert not np.allclose(whole.classify(x, use_average=False), probabilities)


def test_the_average_is_bias_corrected_and_initialisation_is_copied():
    x, y = _data()
    gan = _build(0)
    batches = SemiSupervisedBatches(x, y, batch_size=40, seed=0)
    gan.fit(batches, epochs=1, verbose=0)  # one update: the corrected average equals the weights
    assert int(keras.ops.convert_to_numpy(gan.initialized)) == 1
    for a, b in zip(gan.average_discriminator.get_weights(), gan.discriminator.get_weights(), strict=True):
        np.testing.assert_allclose(a, b, atol=1e-6)


def test_supervised_baseline_ignores_the_unlabelled_images():
    x, y = _data()
    gan = _build(0, unlabeled_weight=0.0)
    history = gan.fit(x, y, batch_size=8, epochs=1, verbose=0)
    np.testing.assert_allclose(history.history["d_loss"], history.history["classification"], rtol=1e-5)


def test_refuses_bad_labels_and_arguments():
    x, y = _data()
    with pytest.raises(ValueError, match=r"received 4 labelled images \(per class: \{0: 2, 1: 2, 2: 0\}\) and none "
                                         r"of class 2; each of the 3 classes"):
        SemiSupervisedBatches(x, np.where(y == 2, -1, y), num_classes=3, batch_size=8)
    with pytest.raises(ValueError, match=r"40 images and no labelled one"):
        SemiSupervisedBatches(x, np.full(40, -1), batch_size=8)
    with pytest.raises(ValueError, match=r"labels in \[0, 3\) or -1 .* received values in \[-1, 5\]"):
        SemiSupervisedBatches(x, np.where(y == 2, 5, y), num_classes=3, batch_size=8)
    gan = _build(0)
    with pytest.raises(ValueError, match=r"none of class 2"):
        gan.fit(x, np.where(y == 2, -1, y), batch_size=8)
    with pytest.raises(ValueError, match=r"expects images `x` with labels `y`"):
        gan.fit(x, batch_size=8)
    with pytest.raises(ValueError, match=r"classifies 3 classes; the SemiSupervisedBatches hold 4"):
        gan.fit(SemiSupervisedBatches(x, np.where(np.arange(40) == 39, 3, y), batch_size=8))
    with pytest.raises(ValueError, match=r"expects images of shape \(N, 6, 6, 1\); received shape \(2, 5, 5, 1\)"):
        gan.classify(np.zeros((2, 5, 5, 1)))
    with pytest.raises(ValueError, match=r"received adversarial_loss='hinge'"):
        SemiSupervisedGAN(adversarial_loss="hinge")
    with pytest.raises(ValueError, match=r"n_critic must be 1, received n_critic=5"):
        SemiSupervisedGAN(n_critic=5)
    with pytest.raises(ValueError, match=r"received inputs ndarray with no labels"):
        gan.unpack_batch((x,))
    with pytest.raises(ValueError, match=r"`unlabeled_weight` as a finite number >= 0; received -1"):
        SemiSupervisedGAN(unlabeled_weight=-1)
    with pytest.raises(ValueError, match=r"class logits .* received a SSGANGenerator"):
        SemiSupervisedGAN(discriminator=SSGANGenerator())
    with pytest.raises(ValueError, match=r"class 1 has 2 images, fewer than per_class=3"):
        keep_labels(np.array([0, 0, 0, 1, 1]), per_class=3)
