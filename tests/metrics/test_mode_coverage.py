"""Mode-coverage metrics (Gaussian mixtures, Stacked MNIST) against closed forms."""

import doctest
import importlib
import math

import numpy as np
import pytest
from keras import ops
from scipy import stats

from kerasgan.data import GaussianMixtureSpec
from kerasgan.data import grid_of_gaussians
from kerasgan.data import load_mnist_subset
from kerasgan.data import make_stacked_mnist
from kerasgan.data import ring_of_gaussians
from kerasgan.data import sample_mixture
from kerasgan.metrics.mixtures import assign_modes
from kerasgan.metrics.mixtures import mixture_mode_metrics
from kerasgan.metrics.stacked_mnist import stacked_mnist_classes
from kerasgan.metrics.stacked_mnist import stacked_mnist_metrics

# In 2-D the standardized distance of a true sample is Rayleigh: P(d < 3) = 1 - exp(-9/2).
TRUE_HIGH_QUALITY = 1.0 - math.exp(-4.5)


def _kl_to_uniform(counts):
    """Independent closed form: scipy's relative entropy to the uniform distribution."""
    counts = np.asarray(counts, dtype="float64")
    return float(stats.entropy(counts / counts.sum(), np.full(len(counts), 1.0 / len(counts))))


# --- Layouts -------------------------------------------------------------------------------------


def test_reference_layouts():
    ring = ring_of_gaussians()
    angles = 2 * np.pi * np.arange(8) / 8
    np.testing.assert_allclose(
        ring.centers, np.stack([np.cos(angles), np.sin(angles)], 1), atol=1e-12
    )
    assert ring.std == 0.01 and ring.num_modes == 8

    grid = grid_of_gaussians()
    expected = [(i, j) for i in range(-4, 5, 2) for j in range(-4, 5, 2)]  # the reference's order
    np.testing.assert_array_equal(grid.centers, np.array(expected, "float64"))
    assert grid.std == 0.05 and grid.num_modes == 25

    big = ring_of_gaussians(radius=2.0, std=0.02)
    np.testing.assert_allclose(np.linalg.norm(big.centers, axis=1), 2.0)


# --- Gaussian mixtures ---------------------------------------------------------------------------


@pytest.mark.parametrize("spec", [ring_of_gaussians(), grid_of_gaussians()], ids=["ring", "grid"])
def test_real_mixture_samples(spec):
    n = 20000
    x, modes = sample_mixture(spec, n, seed=1, return_modes=True)
    assert x.shape == (n, 2) and x.dtype == np.float32
    # Uniform over modes and nearest-mode assignment recovers the generating mode.
    assert stats.chisquare(np.bincount(modes, minlength=spec.num_modes)).pvalue > 1e-4
    assigned, _ = assign_modes(x, spec)
    np.testing.assert_array_equal(assigned, modes)

    m = mixture_mode_metrics(x, spec)
    assert m["modes_covered"] == spec.num_modes == m["num_modes"]
    assert m["num_samples"] == n
    # ~98.9 % by definition (not 100 %): within 5 binomial standard errors.
    se = math.sqrt(TRUE_HIGH_QUALITY * (1 - TRUE_HIGH_QUALITY) / n)
    assert abs(m["high_quality_fraction"] - TRUE_HIGH_QUALITY) < 5 * se
    assert m["high_quality_percent"] == pytest.approx(100 * m["high_quality_fraction"])
    # Sampling noise only: E[KL] ~ (M - 1) / (2 N_hq).
    assert 0.0 <= m["reverse_kl"] < 5 * (spec.num_modes - 1) / (2 * n)


def test_sampling_is_reproducible():
    spec = grid_of_gaussians()
    np.testing.assert_array_equal(
        sample_mixture(spec, 50, seed=3), sample_mixture(spec, 50, seed=3)
    )
    assert not np.array_equal(sample_mixture(spec, 50, seed=3), sample_mixture(spec, 50, seed=4))


def test_standard_deviation_of_real_samples():
    spec = ring_of_gaussians(std=0.01)
    x, modes = sample_mixture(spec, 20000, seed=0, return_modes=True)
    residual = x.astype("float64") - spec.centers[modes]
    assert np.std(residual) == pytest.approx(0.01, rel=0.02)


@pytest.mark.parametrize("counts", [[7], [5, 3, 2], [1, 1, 1, 1], [10, 1, 0, 4, 0, 0, 2]])
def test_samples_from_a_few_modes(counts):
    spec = grid_of_gaussians()
    rng = np.random.default_rng(0)
    chosen = rng.choice(spec.num_modes, size=len(counts), replace=False)
    # Points within 1 sigma of their mode: all high quality.
    x = np.concatenate(
        [
            spec.centers[j] + 0.5 * spec.std * rng.uniform(-1, 1, size=(c, 2))
            for j, c in zip(chosen, counts, strict=True)
        ]
    )
    m = mixture_mode_metrics(x, spec)
    k = int(np.count_nonzero(counts))
    assert m["modes_covered"] == k
    assert m["high_quality_fraction"] == 1.0
    full = np.zeros(spec.num_modes)
    full[chosen] = counts
    assert m["reverse_kl"] == pytest.approx(_kl_to_uniform(full), rel=1e-12, abs=1e-12)
    if len(set(c for c in counts if c)) == 1:  # k equally used modes: KL = log(M / k)
        assert m["reverse_kl"] == pytest.approx(math.log(spec.num_modes / k))


def test_reverse_kl_counts_only_high_quality_samples():
    spec = ring_of_gaussians()
    good = np.repeat(spec.centers[:2], [3, 1], axis=0)
    far = np.array([[10.0, 10.0]] * 50)  # nearest mode 1 but not high quality
    m = mixture_mode_metrics(np.concatenate([good, far]), spec)
    assert m["modes_covered"] == 2
    assert m["high_quality_fraction"] == pytest.approx(4 / 54)
    assert m["reverse_kl"] == pytest.approx(_kl_to_uniform([3, 1, 0, 0, 0, 0, 0, 0]))


def test_far_points_are_not_high_quality():
    spec = grid_of_gaussians()
    far = np.array([[100.0, 100.0], [1.0, 1.0], [-3.0, 0.0], [0.0, 5.0]])  # >= 3 sigma from all
    m = mixture_mode_metrics(far, spec)
    assert m["modes_covered"] == 0 and m["high_quality_fraction"] == 0.0
    assert math.isnan(m["reverse_kl"])  # no high-quality sample: p is undefined


def test_threshold_is_strict_at_three_sigma():
    spec = GaussianMixtureSpec([[0.0, 0.0]], std=0.5)
    _, dist = assign_modes([[1.5, 0.0], [1.4, 0.0]], spec)
    np.testing.assert_allclose(dist, [3.0, 2.8])
    m = mixture_mode_metrics([[1.5, 0.0], [1.4, 0.0]], spec)
    assert m["high_quality_fraction"] == 0.5  # d == 3 is not high quality (the reference's `<`)
    assert mixture_mode_metrics([[1.5, 0.0]], spec, threshold=3.5)["modes_covered"] == 1


def test_nearest_mode_uses_standardized_distance():
    spec = GaussianMixtureSpec([[0.0, 0.0], [3.0, 0.0]], std=[1.0, 0.1])
    x = np.array([[2.0, 0.0], [2.8, 0.0], [-1.0, 0.0]])
    modes, dist = assign_modes(x, spec)
    # (2, 0): Euclidean-nearest is mode 1 (1.0 vs 2.0), but 2 sigma from mode 0 and 10 from mode 1.
    np.testing.assert_array_equal(modes, [0, 1, 0])
    np.testing.assert_allclose(dist, [2.0, 2.0, 1.0])
    m = mixture_mode_metrics(x, spec)
    assert m["modes_covered"] == 2 and m["high_quality_fraction"] == 1.0


def test_non_finite_samples_are_not_high_quality():
    spec = ring_of_gaussians()
    x = np.array([[np.nan, 0.0], [np.inf, 1.0], [1.0, 0.0]])
    m = mixture_mode_metrics(x, spec)
    assert m["modes_covered"] == 1 and m["high_quality_fraction"] == pytest.approx(1 / 3)


def test_accepts_backend_tensors():
    spec = ring_of_gaussians()
    x = sample_mixture(spec, 500, seed=0)
    expected = mixture_mode_metrics(x, spec)
    assert mixture_mode_metrics(ops.convert_to_tensor(x), spec) == expected


def test_mixture_bad_input():
    spec = ring_of_gaussians()
    with pytest.raises(ValueError, match=r"samples of shape \(N, 2\).*received shape \(4, 3\)"):
        mixture_mode_metrics(np.zeros((4, 3)), spec)
    with pytest.raises(ValueError, match=r"received shape \(0, 2\)"):
        mixture_mode_metrics(np.zeros((0, 2)), spec)
    with pytest.raises(TypeError, match=r"real-valued samples; received dtype bool"):
        mixture_mode_metrics(np.zeros((4, 2), bool), spec)
    with pytest.raises(TypeError, match=r"GaussianMixtureSpec.*received ndarray"):
        mixture_mode_metrics(np.zeros((4, 2)), np.zeros((8, 2)))
    with pytest.raises(ValueError, match=r"positive finite `threshold`; received 0"):
        mixture_mode_metrics(np.zeros((4, 2)), spec, threshold=0)
    with pytest.raises(ValueError, match=r"`n` to be a positive int; received n=0"):
        sample_mixture(spec, 0)
    with pytest.raises(ValueError, match=r"`seed` to be an int or None; received seed=1.5"):
        sample_mixture(spec, 4, seed=1.5)
    with pytest.raises(ValueError, match=r"positive finite standard deviations"):
        ring_of_gaussians(std=0.0)
    with pytest.raises(ValueError, match=r"`radius` to be a positive number; received radius=-1"):
        ring_of_gaussians(radius=-1)
    with pytest.raises(ValueError, match=r"`side` to be a positive int; received side=2.5"):
        grid_of_gaussians(side=2.5)
    with pytest.raises(
        ValueError, match=r"`centers` of shape \(num_modes, dim\).*received shape \(3,\)"
    ):
        GaussianMixtureSpec([1.0, 2.0, 3.0], std=1.0)
    with pytest.raises(
        ValueError,
        match=r"`std` to be a float or of shape \(num_modes,\) = \(2,\); received shape \(3,\)",
    ):
        GaussianMixtureSpec([[0.0, 0.0], [1.0, 1.0]], std=[1.0, 1.0, 1.0])


# --- Stacked MNIST -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mnist():
    return load_mnist_subset()


@pytest.fixture(scope="module")
def lookup_classifier(mnist):
    """A stub classifier returning each real digit image's true label (exact lookup)."""
    x, y = mnist
    table = {
        image.astype("float32").tobytes(): int(label) for image, label in zip(x, y, strict=True)
    }
    calls = []

    def classify(batch):
        assert batch.shape[1:] == (28, 28, 1) and batch.dtype == np.float32
        calls.append(batch.shape[0])
        return np.array([table[image.tobytes()] for image in batch], "int32")

    classify.calls = calls
    return classify


def _brightness_classifier(batch):
    """A stub classifier reading a digit written as the image's constant value d / 4.5 - 1."""
    return np.rint((np.asarray(batch)[:, 0, 0, 0] + 1.0) * 4.5).astype("int64")


def _samples_for_classes(classes, size=28):
    classes = np.asarray(classes)
    digits = np.stack([classes // 100, classes // 10 % 10, classes % 10], axis=1)
    values = (digits / 4.5 - 1.0).astype("float32")
    return np.broadcast_to(values[:, None, None, :], (len(classes), size, size, 3)).copy()


def test_make_stacked_mnist_labels_agree_with_channels(mnist, lookup_classifier):
    x, y = mnist
    stacked, classes = make_stacked_mnist(x, y, n=300, seed=0)
    assert stacked.shape == (300, 28, 28, 3) and stacked.dtype == np.float32
    assert classes.shape == (300,) and classes.dtype == np.int32
    assert stacked.min() >= -1.0 and stacked.max() <= 1.0
    for i in range(0, 300, 37):
        for c, place in enumerate((100, 10, 1)):
            j = np.flatnonzero((x[:, :, :, 0] == stacked[i, :, :, c]).all(axis=(1, 2)))
            assert len(j) >= 1 and classes[i] // place % 10 == y[j[0]]
    np.testing.assert_array_equal(
        stacked_mnist_classes(stacked, lookup_classifier, batch_size=64), classes
    )
    assert lookup_classifier.calls[-5:] == [192, 192, 192, 192, 3 * 44]  # three channels per sample
    # Reproducible, and channels are drawn independently.
    again, classes_again = make_stacked_mnist(x, y, n=300, seed=0)
    np.testing.assert_array_equal(again, stacked)
    np.testing.assert_array_equal(classes_again, classes)
    assert np.mean(classes // 100 == classes % 10) < 0.3


def test_stacked_mnist_metrics_on_real_data(mnist, lookup_classifier):
    x, y = mnist
    stacked, classes = make_stacked_mnist(x, y, n=3000, seed=1)
    m = stacked_mnist_metrics(stacked, lookup_classifier, batch_size=500)
    counts = np.bincount(classes, minlength=1000)
    assert m == {
        "modes_covered": int(np.count_nonzero(counts)),
        "kl_to_uniform": pytest.approx(_kl_to_uniform(counts), rel=1e-12),
        "num_samples": 3000,
    }
    assert m["modes_covered"] > 900  # ~1000 (1 - exp(-3)) = 950 for a uniform source


def test_stacked_mnist_32x32_samples_are_center_cropped(mnist, lookup_classifier):
    x, y = mnist
    stacked, classes = make_stacked_mnist(x, y, n=40, seed=2)
    padded = np.pad(stacked, ((0, 0), (2, 2), (2, 2), (0, 0)), constant_values=-1.0)
    np.testing.assert_array_equal(stacked_mnist_classes(padded, lookup_classifier), classes)
    # The crop inverts the project's own 28 -> 32 padding.
    x32, _ = load_mnist_subset(pad_to=32)
    np.testing.assert_array_equal(x32[:, 2:30, 2:30], x)


def test_uniform_classes_give_all_modes_and_zero_kl():
    classes = np.tile(np.arange(1000), 3)
    m = stacked_mnist_metrics(_samples_for_classes(classes), _brightness_classifier, batch_size=700)
    assert m["modes_covered"] == 1000 and m["num_samples"] == 3000
    assert m["kl_to_uniform"] == pytest.approx(0.0, abs=1e-12)


def test_random_uniform_classes_have_small_kl():
    n = 20000
    classes = np.random.default_rng(0).integers(0, 1000, size=n)
    m = stacked_mnist_metrics(
        _samples_for_classes(classes), _brightness_classifier, batch_size=4096
    )
    counts = np.bincount(classes, minlength=1000)
    assert m["modes_covered"] == np.count_nonzero(counts) == 1000
    assert m["kl_to_uniform"] == pytest.approx(_kl_to_uniform(counts), rel=1e-10)
    assert m["kl_to_uniform"] < 3 * 999 / (2 * n)  # E[KL] ~ (K - 1) / (2 N)


def test_one_class_gives_log_1000():
    m = stacked_mnist_metrics(_samples_for_classes([407] * 50), _brightness_classifier)
    assert m == {
        "modes_covered": 1,
        "kl_to_uniform": pytest.approx(math.log(1000)),
        "num_samples": 50,
    }


def test_known_label_set_closed_form():
    classes = np.array([0, 0, 0, 999, 999, 123, 456, 456, 456, 456])
    m = stacked_mnist_metrics(
        _samples_for_classes(classes, size=32), _brightness_classifier, batch_size=3
    )
    assert m["modes_covered"] == 4
    expected = sum(p * math.log(1000 * p) for p in (0.3, 0.2, 0.1, 0.4))
    assert m["kl_to_uniform"] == pytest.approx(expected, rel=1e-12)
    assert m["kl_to_uniform"] == pytest.approx(_kl_to_uniform(np.bincount(classes, minlength=1000)))


def test_stacked_mnist_accepts_backend_tensors():
    classes = np.array([5, 50, 500, 555])
    samples = ops.convert_to_tensor(_samples_for_classes(classes))
    tensor_classifier = lambda batch: ops.convert_to_tensor(_brightness_classifier(batch))  # noqa: E731
    np.testing.assert_array_equal(stacked_mnist_classes(samples, tensor_classifier), classes)


def test_stacked_mnist_bad_input(mnist):
    x, y = mnist
    ok = lambda batch: np.zeros(len(batch), "int32")  # noqa: E731
    with pytest.raises(
        ValueError,
        match=r"stacked_mnist_metrics expects .*\(N, 28, 28, 3\) or \(N, 32, 32, 3\).*received shape \(2, 28, 28, 1\)",
    ):
        stacked_mnist_metrics(np.zeros((2, 28, 28, 1), "float32"), ok)
    with pytest.raises(ValueError, match=r"received shape \(2, 3, 28, 28\)"):
        stacked_mnist_metrics(np.zeros((2, 3, 28, 28), "float32"), ok)
    with pytest.raises(ValueError, match=r"received shape \(2, 64, 64, 3\)"):
        stacked_mnist_metrics(np.zeros((2, 64, 64, 3), "float32"), ok)
    with pytest.raises(
        TypeError, match=r"floating-point `samples` scaled to \[-1, 1\]; received dtype uint8"
    ):
        stacked_mnist_metrics(np.zeros((2, 28, 28, 3), "uint8"), ok)
    with pytest.raises(ValueError, match=r"scaled to \[-1, 1\]; received values in \[0, 255\]"):
        stacked_mnist_metrics(
            np.linspace(0, 255, 2 * 28 * 28 * 3, dtype="float32").reshape(2, 28, 28, 3), ok
        )
    with pytest.raises(ValueError, match=r"finite `samples`"):
        stacked_mnist_metrics(np.full((2, 28, 28, 3), np.nan, "float32"), ok)
    with pytest.raises(TypeError, match=r"`classify_digits` to be a callable.*received ndarray"):
        stacked_mnist_metrics(np.zeros((2, 28, 28, 3), "float32"), np.zeros(3))
    with pytest.raises(
        ValueError, match=r"return 6 int digits.*received dtype float32 and shape \(6, 10\).*argmax"
    ):
        stacked_mnist_metrics(
            np.zeros((2, 28, 28, 3), "float32"), lambda b: np.zeros((len(b), 10), "float32")
        )
    with pytest.raises(ValueError, match=r"digits in 0\.\.9; received values in \[10, 10\]"):
        stacked_mnist_metrics(np.zeros((2, 28, 28, 3), "float32"), lambda b: np.full(len(b), 10))
    with pytest.raises(
        ValueError, match=r"`batch_size` to be a positive int; received batch_size=0"
    ):
        stacked_mnist_metrics(np.zeros((2, 28, 28, 3), "float32"), ok, batch_size=0)
    with pytest.raises(
        TypeError, match=r"floating-point `images`.*received dtype uint8.*scale_images"
    ):
        make_stacked_mnist(np.zeros((4, 28, 28, 1), "uint8"), y[:4], n=2)
    with pytest.raises(
        ValueError, match=r"shape \(N, 28, 28, 1\).*received shape \(4, 28, 28, 3\)"
    ):
        make_stacked_mnist(np.zeros((4, 28, 28, 3), "float32"), y[:4], n=2)
    with pytest.raises(
        ValueError, match=r"labels` of shape \(4,\).*received dtype int32 and shape \(5,\)"
    ):
        make_stacked_mnist(x[:4], y[:5], n=2)
    with pytest.raises(ValueError, match=r"received dtype float64 and shape \(4,\)"):
        make_stacked_mnist(x[:4], y[:4].astype("float64"), n=2)
    with pytest.raises(ValueError, match=r"digit labels in 0\.\.9; received values in \[0, 12\]"):
        make_stacked_mnist(x[:4], np.array([0, 1, 2, 12]), n=2)
    with pytest.raises(ValueError, match=r"`n` to be a positive int; received n=0"):
        make_stacked_mnist(x[:4], y[:4], n=0)
    with pytest.raises(ValueError, match=r"scaled to \[-1, 1\]; received values in \[0, 255\]"):
        make_stacked_mnist((x[:4] + 1) * 127.5, y[:4], n=2)


@pytest.mark.parametrize("module", ["mixtures", "stacked_mnist"])
def test_docstring_examples(module):
    mod = importlib.import_module(f"kerasgan.metrics.{module}")
    result = doctest.testmod(mod, verbose=False, report=True)
    assert result.attempted > 0
    assert result.failed == 0
