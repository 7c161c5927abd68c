import numpy as np
import pytest

from kerasgan.metrics import ClassConditionalAccuracy
from kerasgan.models import DCGAN


class _LabelPainter:
    """A stand-in conditional GAN whose images carry the asked-for label in their first pixel."""

    num_classes = 4

    def __init__(self, wrong_class=None):
        self.wrong_class = wrong_class
        self.calls = []

    def generate(self, n, seed=None, labels=None):
        self.calls.append((n, seed, np.asarray(labels).copy()))
        painted = np.array(labels)
        if self.wrong_class is not None:
            painted[painted == self.wrong_class] = (self.wrong_class + 1) % self.num_classes
        images = np.zeros((n, 2, 2, 1), "float32")
        images[:, 0, 0, 0] = painted
        return images


def _read_first_pixel(images):
    return np.asarray(images)[:, 0, 0, 0].astype("int64")


def test_counts_each_class_and_reports_the_worst():
    gan = _LabelPainter(wrong_class=2)
    accuracy = ClassConditionalAccuracy(_read_first_pixel, samples_per_class=5, seed=7)
    np.testing.assert_array_equal(accuracy.per_class(gan), [1.0, 1.0, 0.0, 1.0])
    assert accuracy.evaluate(gan) == {"class_accuracy": 0.75, "class_accuracy_min": 0.0}
    n, seed, labels = gan.calls[0]
    assert (n, seed) == (20, 7)
    np.testing.assert_array_equal(labels, np.repeat(np.arange(4), 5))
    assert ClassConditionalAccuracy(_read_first_pixel).evaluate(_LabelPainter()) == {
        "class_accuracy": 1.0, "class_accuracy_min": 1.0
    }


def test_clear_errors():
    with pytest.raises(TypeError, match="callable from images to class ids.*received int"):
        ClassConditionalAccuracy(3)
    with pytest.raises(ValueError, match="positive int; received 0"):
        ClassConditionalAccuracy(_read_first_pixel, samples_per_class=0)
    unconditional = DCGAN(image_shape=(28, 28, 1), latent_dim=4, base_filters=2)
    with pytest.raises(ValueError, match="class-conditional GAN .*DCGAN has num_classes=0"):
        ClassConditionalAccuracy(_read_first_pixel).evaluate(unconditional)
