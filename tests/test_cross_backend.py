"""Weights trained under the current backend give the same samples under the other two."""

import os
import subprocess
import sys

import keras
import numpy as np
import pytest
from gan_cases import CASES

BACKENDS = ("tensorflow", "jax", "torch")
WORKER = os.path.join(os.path.dirname(__file__), "cross_backend_worker.py")


def _run(backend, *args):
    env = dict(os.environ, KERAS_BACKEND=backend)
    result = subprocess.run([sys.executable, WORKER, *args], env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{backend} {args}:\n{result.stderr[-3000:]}"


@pytest.mark.parametrize("case", sorted(CASES))
def test_samples_match_across_backends(case, tmp_path):
    here = keras.backend.backend()
    _run(here, "train", case, str(tmp_path))
    for other in BACKENDS:
        if other != here:
            _run(other, "check", case, str(tmp_path))
    reference = np.load(tmp_path / f"samples_{here}.npy")
    assert np.std(reference) > 0
    for other in BACKENDS:
        if other != here:
            np.testing.assert_allclose(np.load(tmp_path / f"samples_{other}.npy"), reference, atol=1e-5, err_msg=f"{here} -> {other}")
