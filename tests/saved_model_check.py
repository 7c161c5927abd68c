"""One check shared by the model tests: the exported generator reproduces `expected`."""

import keras
import numpy as np
import pytest


def check_saved_model_export(gan, path, inputs, expected, atol=1e-5):
    """Export `gan`'s generator (EMA copy when kept) as a SavedModel at `path` and compare its
    `generate(*inputs)` with `expected`; on torch, check the documented error instead."""
    path = str(path)
    if keras.backend.backend() == "torch":
        with pytest.raises(RuntimeError, match="format='onnx'"):
            gan.export_generator(path)
        return
    gan.export_generator(path)
    import tensorflow as tf

    exported = tf.saved_model.load(path)
    out = exported.generate(*[tf.constant(x) for x in inputs]).numpy()
    np.testing.assert_allclose(out, expected, rtol=1e-4, atol=atol)
