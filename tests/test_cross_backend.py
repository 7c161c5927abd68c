"""Weights trained under the current backend give the same samples under another.

Each backend's run checks the next one in the cycle tensorflow -> jax -> torch -> tensorflow, so the
three runs of the suite together save under and load into every backend (and each run pays for one
other backend's start-up, not two). The cases are trained in this process by `trained_case`, which
the training tests share: each training step is compiled once per session.
"""

import os
import subprocess
import sys
import traceback

import keras
import numpy as np
import pytest
from cross_backend_worker import write_samples
from gan_cases import CASES
from gan_cases import trained_case

BACKENDS = ("tensorflow", "jax", "torch")
WORKER = os.path.join(os.path.dirname(__file__), "cross_backend_worker.py")
HERE = keras.backend.backend()
NEXT = BACKENDS[(BACKENDS.index(HERE) + 1) % len(BACKENDS)]


def _save_trained(case, out):
    os.makedirs(out, exist_ok=True)
    try:
        gan = trained_case(case)[0]
        gan.save_weights(os.path.join(out, "gan.weights.h5"))
        write_samples(gan, out)
    except Exception:
        (out / f"error_{HERE}.txt").write_text(traceback.format_exc())


@pytest.fixture(scope="module")
def exchanged(tmp_path_factory):
    """Every case trained here, then loaded by the next backend (one process for all cases)."""
    root = tmp_path_factory.mktemp("cross_backend")
    for case in sorted(CASES):
        _save_trained(case, root / case)
    env = dict(os.environ, KERAS_BACKEND=NEXT)
    result = subprocess.run([sys.executable, WORKER, str(root), *sorted(CASES)], env=env,
                            capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, f"{NEXT} check:\n{result.stderr[-3000:]}"
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
