import numpy as np
import pytest

from kerasgan.metrics import ClassCoverage


class _ClassPainter:
    """A stand-in GAN whose images carry a class id in their first pixel, drawn from `shares`."""

    def __init__(self, shares):
        self.shares = np.asarray(shares, dtype="float64")
        self.calls = []

    def generate(self, n, seed=None):
        self.calls.append((n, seed))
        counts = np.round(self.shares * n).astype(int)
        images = np.zeros((counts.sum(), 2, 2, 1), "float32")
        images[:, 0, 0, 0] = np.repeat(np.arange(len(counts)), counts)
        return images


def _read_first_pixel(images):
    return np.asarray(images)[:, 0, 0, 0].astype("int64")


def test_uniform_skewed_and_missing_classes():
    coverage = ClassCoverage(_read_first_pixel, num_classes=4, num_samples=400, seed=5)
    uniform = _ClassPainter([0.25] * 4)
    assert coverage.evaluate(uniform) == pytest.approx({"class_entropy": 1.0, "rarest_class_share": 1.0})
    assert uniform.calls == [(400, 5)]
    skewed = coverage.evaluate(_ClassPainter([0.5, 0.3, 0.1, 0.1]))
    expected = -(0.5 * np.log(0.5) + 0.3 * np.log(0.3) + 0.2 * np.log(0.1)) / np.log(4)
    assert skewed == pytest.approx({"class_entropy": expected, "rarest_class_share": 0.4})
    missing = coverage.evaluate(_ClassPainter([0.5, 0.5, 0.0, 0.0]))
    assert missing == pytest.approx({"class_entropy": 0.5, "rarest_class_share": 0.0})
    np.testing.assert_allclose(coverage.histogram(_ClassPainter([0.5, 0.5, 0, 0]).generate(10)), [0.5, 0.5, 0, 0])


def test_clear_errors():
    with pytest.raises(TypeError, match="callable from images to class ids.*received str"):
        ClassCoverage("classifier", num_classes=10)
    with pytest.raises(ValueError, match="`num_classes` must be an int >= 2; received 1"):
        ClassCoverage(_read_first_pixel, num_classes=1)
    with pytest.raises(ValueError, match="`num_samples` must be an int >= 1; received 0"):
        ClassCoverage(_read_first_pixel, num_classes=3, num_samples=0)
    coverage = ClassCoverage(_read_first_pixel, num_classes=3)
    with pytest.raises(ValueError, match=r"class ids in \[0, 3\).*ids in \[0, 3\]"):
        coverage.histogram(_ClassPainter([0.25] * 4).generate(8))
