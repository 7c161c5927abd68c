"""The runnable examples in the docstrings of kerasgan.metrics and of the data they measure."""

import doctest
import importlib

import pytest

_MODULES = [
    "kerasgan.metrics.feature_statistics",
    "kerasgan.metrics.frechet",
    "kerasgan.metrics.frechet_distance_metric",
    "kerasgan.metrics.inception_score",
    "kerasgan.metrics.kernel_distance_metric",
    "kerasgan.metrics.kid",
    "kerasgan.metrics.mixtures",
    "kerasgan.metrics.mnist_classifier",
    "kerasgan.metrics.precision_recall",
    "kerasgan.metrics.stacked_mnist",
    "kerasgan.data.gaussian_mixture",
    "kerasgan.data.stacked_mnist",
]


@pytest.mark.parametrize("module", _MODULES)
def test_docstring_examples(module):
    mod = importlib.import_module(module)
    result = doctest.testmod(mod, verbose=False, report=True)
    assert result.attempted > 0
    assert result.failed == 0
