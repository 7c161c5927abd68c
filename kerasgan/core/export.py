"""Export of a generator for serving: TF SavedModel with a `generate` endpoint, or ONNX."""

import os

import keras
import numpy as np

from kerasgan import backend

FORMATS = ("tf_saved_model", "onnx")


def export_generator(generator, latent_dim, num_classes, filepath, format="tf_saved_model", condition_dim=0):
    if format not in FORMATS:
        raise ValueError(f"`format` must be one of {FORMATS}; received {format!r}.")
    filepath = os.fspath(filepath)
    if format == "onnx":
        return _export_onnx(generator, latent_dim, num_classes, filepath, condition_dim)
    if backend.name() == "torch":
        raise RuntimeError(
            "TF SavedModel export needs the TensorFlow or JAX backend (on torch Keras would need "
            "torch_xla). On torch use `export_generator(path, format='onnx')`, or save the weights "
            "(`gan.save_weights('g.weights.h5')`) and export under KERAS_BACKEND=tensorflow or jax: "
            "the weights are portable across backends."
        )
    archive = keras.export.ExportArchive()
    archive.track(generator)
    z_spec = keras.InputSpec(shape=(None, latent_dim), dtype="float32")
    if num_classes or condition_dim:
        if condition_dim:
            label_spec = keras.InputSpec(shape=(None, condition_dim), dtype="float32")
        else:
            label_spec = keras.InputSpec(shape=(None,), dtype="int32")

        def generate(z, labels):
            return generator([z, labels], training=False)

        archive.add_endpoint("generate", generate, input_signature=[z_spec, label_spec])
    else:

        def generate(z):
            return generator(z, training=False)

        archive.add_endpoint("generate", generate, input_signature=[z_spec])
    archive.write_out(filepath, verbose=False)
    return filepath


def _export_onnx(generator, latent_dim, num_classes, filepath, condition_dim=0):
    needs = {"tensorflow": "tf2onnx", "jax": "jax2onnx", "torch": "onnxscript"}[backend.name()]
    try:
        __import__(needs)
    except ImportError as e:
        raise ImportError(
            f"ONNX export on the {backend.name()} backend needs the `{needs}` package (and `onnx`); "
            f"install it with `pip install {needs} onnx`, or use format='tf_saved_model' on the "
            "TensorFlow/JAX backends."
        ) from e
    # Keras's ONNX exporter reads the input signature from a model that has been called once.
    z = np.zeros((1, latent_dim), "float32")
    if condition_dim:
        generator([z, np.zeros((1, condition_dim), "float32")], training=False)
    else:
        generator([z, np.zeros((1,), "int32")] if num_classes else z, training=False)
    generator.export(filepath, format="onnx", verbose=False)
    return filepath
