"""TrainingCheckpoint: the whole training state in one file, written so that a failure mid-write
(a full disk, a kill) leaves the previous checkpoint whole, and refused by a different model."""

import errno
import os

import numpy as np
import pytest

from kerasgan.callbacks import TrainingCheckpoint
from kerasgan.callbacks import load_training_state
from kerasgan.callbacks import save_training_state
from kerasgan.callbacks.training_checkpoint import training_state
from kerasgan.models import DCGAN


def _gan(base_filters=4):
    gan = DCGAN(image_shape=(8, 8, 1), latent_dim=4, base_filters=base_filters, seed=0, augment="translation")
    gan.compile()
    return gan


def _values(gan):
    return [np.array(v.numpy()) for v in training_state(gan)]


def test_checkpoint_restores_every_variable_and_survives_a_failed_write(tmp_path, monkeypatch):
    x = np.random.default_rng(0).uniform(-1, 1, (16, 8, 8, 1)).astype("float32")
    gan = _gan()
    path = tmp_path / "checkpoint.npz"
    gan.fit(x, batch_size=8, epochs=2, verbose=0, callbacks=[TrainingCheckpoint(path)])
    saved = _values(gan)
    assert int(gan.g_optimizer.iterations.numpy()) == 4

    def full_disk(file, **arrays):
        file.write(b"PK\x03\x04 half a checkpoint")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(np, "savez", full_disk)
    with pytest.raises(OSError, match="No space left"):
        save_training_state(gan, path, {"epoch": 3})
    monkeypatch.undo()
    assert sorted(os.listdir(tmp_path)) == ["checkpoint.npz"]

    fresh = _gan()
    assert load_training_state(fresh, path) == {"epoch": 2}
    for a, b in zip(_values(fresh), saved, strict=True):
        np.testing.assert_array_equal(a, b)


def test_a_different_model_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "checkpoint.npz"
    save_training_state(_gan(), path, {"epoch": 1})
    other = _gan(base_filters=8)
    before = _values(other)
    with pytest.raises(ValueError, match=r"does not fit this DCGAN: variable .* of shape .* is saved where the model"):
        load_training_state(other, path)
    for a, b in zip(_values(other), before, strict=True):
        np.testing.assert_array_equal(a, b)
    with pytest.raises(FileNotFoundError, match="No training checkpoint at"):
        load_training_state(other, tmp_path / "none.npz")
