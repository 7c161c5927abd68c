"""The runnable examples in kerasgan.metrics docstrings."""

import doctest
import importlib

import pytest

_MODULES = [
    "feature_statistics",
    "frechet",
    "frechet_distance_metric",
    "inception_score",
    "kernel_distance_metric",
    "kid",
    "mnist_classifier",
    "precision_recall",
]


@pytest.mark.parametrize("module", _MODULES)
def test_docstring_examples(module):
    mod = importlib.import_module(f"kerasgan.metrics.{module}")
    result = doctest.testmod(mod, verbose=False, report=True)
    assert result.attempted > 0
    assert result.failed == 0
