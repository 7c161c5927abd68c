"""What every technique must do on the backend under test: a GAN that composes it trains with
`fit`, resumes from a training checkpoint exactly, and saves and loads with its techniques."""

import json

import keras
import numpy as np

from kerasgan.callbacks import load_training_state
from kerasgan.callbacks import save_training_state
from kerasgan.callbacks.training_checkpoint import training_state


def state_of(gan):
    return [np.array(keras.ops.convert_to_numpy(v.value)) for v in training_state(gan)]


def check_trains_resumes_and_saves(build, x, tmp_path, batch_size=8):
    """`build(seed)` gives the compiled GAN; returns the uninterrupted run's model and history.

    Two epochs in one go and one epoch, a checkpoint, a model built with other seeds that loads
    it, and the second epoch end in the same training state; the saved `.keras` file rebuilds the
    same techniques (config and state) and draws the same samples."""
    whole = build(0)
    history = whole.fit(x, batch_size=batch_size, epochs=2, shuffle=False, verbose=0)
    assert all(np.isfinite(v).all() for v in history.history.values()), history.history

    first = build(0)
    first.fit(x, batch_size=batch_size, epochs=1, shuffle=False, verbose=0)
    save_training_state(first, tmp_path / "checkpoint.npz", {"epoch": 1})
    resumed = build(5)  # other initial weights and streams: the checkpoint overwrites them
    load_training_state(resumed, tmp_path / "checkpoint.npz")
    resumed.fit(x, batch_size=batch_size, epochs=2, initial_epoch=1, shuffle=False, verbose=0)
    for a, b in zip(state_of(resumed), state_of(whole), strict=True):
        np.testing.assert_allclose(a, b, atol=1e-6)

    path = tmp_path / "model.keras"
    whole.save(path)
    loaded = keras.saving.load_model(path)
    configs = [_as_saved([t.get_config() for t in gan.techniques]) for gan in (loaded, whole)]
    assert configs[0] == configs[1]
    for a, b in zip(loaded.techniques, whole.techniques, strict=True):
        for u, v in zip(a.variables, b.variables, strict=True):
            np.testing.assert_array_equal(keras.ops.convert_to_numpy(u.value), keras.ops.convert_to_numpy(v.value))
    np.testing.assert_allclose(loaded.generate(4, seed=0), whole.generate(4, seed=0), atol=1e-6)
    return whole, history


def _as_saved(config):
    """`config` as the saved file holds it (JSON: tuples become lists)."""
    return json.loads(json.dumps(config))
