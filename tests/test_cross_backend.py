"""Weights trained under the current backend give the same samples under another.

Each backend's run checks the next one in the cycle tensorflow -> jax -> torch -> tensorflow, so the
three runs of the suite together save under and load into every backend (and each run pays for one
other backend's start-up, not two).
"""

import os
import subprocess
import sys

import keras
import numpy as np
import pytest
from gan_cases import CASES

BACKENDS = ("tensorflow", "jax", "torch")
WORKER = os.path.join(os.path.dirname(__file__), "cross_backend_worker.py")
HERE = keras.backend.backend()
NEXT = BACKENDS[(BACKENDS.index(HERE) + 1) % len(BACKENDS)]


def _run(backend, mode, root):
    env = dict(os.environ, KERAS_BACKEND=backend)
    result = subprocess.run([sys.executable, WORKER, mode, str(root), *sorted(CASES)], env=env,
                            capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, f"{backend} {mode}:\n{result.stderr[-3000:]}"


@pytest.fixture(scope="module")
def exchanged(tmp_path_factory):
    """Every case trained here once, then loaded by the next backend (one process each)."""
    root = tmp_path_factory.mktemp("cross_backend")
    _run(HERE, "train", root)
    _run(NEXT, "check", root)
    return root


@pytest.mark.parametrize("case", sorted(CASES))
def test_samples_match_across_backends(case, exchanged):
    out = exchanged / case
    for backend in (HERE, NEXT):
        error = out / f"error_{backend}.txt"
        assert not error.exists(), f"{case} under {backend}:\n{error.read_text()[-3000:]}"
    reference = np.load(out / f"samples_{HERE}.npy")
    assert np.std(reference) > 0
    np.testing.assert_allclose(np.load(out / f"samples_{NEXT}.npy"), reference, atol=1e-5, err_msg=f"{HERE} -> {NEXT}")
