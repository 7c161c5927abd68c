"""GANEvaluator and EvaluationCallback: metrics of a GAN during and after `fit`."""

import numpy as np
import pytest

import kerasgan
from kerasgan.metrics import FeatureStatistics
from kerasgan.metrics import GANEvaluator
from kerasgan.metrics import fid_from_features
from kerasgan.metrics import kernel_inception_distance
from kerasgan.models import DCGAN


class ProjectionExtractor:
    """A fixed random projection of the pixels: a deterministic stand-in feature extractor."""

    NAME = "projection_test_extractor"
    SHA256 = "0" * 64

    def __init__(self, dim=16):
        self.w = np.random.default_rng(0).standard_normal((28 * 28, dim)) / 28.0

    def features(self, images, batch_size=None):
        return np.asarray(images, "float64").reshape(len(images), -1) @ self.w

    def logits(self, images, batch_size=None):
        return self.features(images)[:, :10]


@pytest.fixture(scope="module")
def gan():
    gan = DCGAN(image_shape=(28, 28, 1), latent_dim=4, base_filters=4, seed=0)
    gan.compile()
    return gan


@pytest.fixture(scope="module")
def reference():
    return np.random.default_rng(1).uniform(-1, 1, (300, 28, 28, 1)).astype("float32")


def test_evaluate_matches_the_metric_functions(gan, reference):
    ex = ProjectionExtractor()
    ev = GANEvaluator(
        ex,
        reference_images=reference,
        metrics=("fid", "kid", "precision_recall", "density_coverage", "is"),
        num_samples=200,
        kid_subset_size=100,
        kid_subsets=10,
        seed=3,
    )
    results = ev.evaluate(gan)
    fake = ex.features(gan.generate(200, seed=3))
    real = ex.features(reference)
    assert results["fid"] == pytest.approx(fid_from_features(real, fake), rel=1e-9)
    kid, kid_std = kernel_inception_distance(real, fake, num_subsets=10, subset_size=100, seed=3)
    assert results["kid"] == pytest.approx(kid) and results["kid_std"] == pytest.approx(kid_std)
    assert set(results) == {"fid", "kid", "kid_std", "precision", "recall", "density", "coverage", "is", "is_std"}
    assert results["fid"] > 0 and 0 <= results["precision"] <= 1 and 0 <= results["coverage"] <= 1


def test_reference_statistics_are_reused(gan, reference, tmp_path):
    ex = ProjectionExtractor()
    stats = FeatureStatistics().update(ex.features(reference))
    path = tmp_path / "ref.npz"
    stats.save(path, ex.NAME, ex.SHA256)
    from_file = GANEvaluator(
        ex, reference_statistics=FeatureStatistics.load(path, extractor=ex.NAME), metrics=("fid",), num_samples=50
    )
    from_images = GANEvaluator(ex, reference_images=reference, metrics=("fid",), num_samples=50)
    assert from_file.evaluate(gan)["fid"] == pytest.approx(from_images.evaluate(gan)["fid"], rel=1e-9)


def test_callable_metrics(gan):
    ev = GANEvaluator(metrics=(lambda s: {"mean_pixel": s.mean()},), num_samples=10)
    assert ev.evaluate(gan)["mean_pixel"] == pytest.approx(float(gan.generate(10, seed=0).mean()))


def test_bad_arguments(reference):
    ex = ProjectionExtractor()
    with pytest.raises(ValueError, match=r"names from .*'fid'.*received 'fidd'"):
        GANEvaluator(ex, reference_images=reference, metrics=("fidd",))
    with pytest.raises(ValueError, match=r"\['kid'\] need `reference_images`"):
        GANEvaluator(ex, reference_statistics=FeatureStatistics().update(ex.features(reference)), metrics=("kid",))
    with pytest.raises(ValueError, match=r"need a feature `extractor`"):
        GANEvaluator(None, reference_images=reference, metrics=("fid",))


def test_callback_logs_metrics_every_n_epochs(reference):
    gan = DCGAN(image_shape=(28, 28, 1), latent_dim=4, base_filters=4, seed=0)
    gan.compile()
    ev = GANEvaluator(ProjectionExtractor(), reference_images=reference, metrics=("fid",), num_samples=50)
    cb = kerasgan.callbacks.EvaluationCallback(ev, every_n_epochs=2)
    history = gan.fit(reference[:32], batch_size=16, epochs=3, verbose=0, callbacks=[cb])
    assert [h["epoch"] for h in cb.history] == [1, 2]  # every 2nd epoch, and always the last
    assert len(history.history["fid"]) == 2 and all(np.isfinite(history.history["fid"]))
    with pytest.raises(TypeError, match=r"`evaluate\(gan\) -> dict`"):
        kerasgan.callbacks.EvaluationCallback(object())
