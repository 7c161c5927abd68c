"""Generator export: TF SavedModel on TensorFlow/JAX, a clear error on torch; ONNX where installed."""

import importlib.util

import keras
import numpy as np
import pytest

from kerasgan.models import DCGAN
from kerasgan.models import SNGAN

BACKEND = keras.backend.backend()


@pytest.fixture(scope="module")
def gan():
    gan = SNGAN(image_shape=(8, 8, 1), latent_dim=4, g_filters=4, d_filters=4, num_classes=3, ema_decay=0.5, seed=0)
    gan.compile()
    return gan


@pytest.mark.skipif(BACKEND == "torch", reason="SavedModel export needs TF or JAX; torch's error is tested below")
def test_saved_model_generate_signature(gan, tmp_path):
    tf = pytest.importorskip("tensorflow")
    path = str(tmp_path / "generator")
    gan.export_generator(path)
    reloaded = tf.saved_model.load(path)
    z = np.random.default_rng(0).standard_normal((3, 4)).astype("float32")
    labels = np.array([0, 1, 2], "int32")
    out = reloaded.generate(tf.constant(z), tf.constant(labels)).numpy()
    expected = keras.ops.convert_to_numpy(gan.ema_generator([z, labels], training=False))
    np.testing.assert_allclose(out, expected, atol=1e-5)


@pytest.mark.skipif(BACKEND != "torch", reason="torch only")
def test_saved_model_on_torch_names_alternatives(gan, tmp_path):
    with pytest.raises(RuntimeError, match=r"TensorFlow or JAX backend.*format='onnx'.*save the weights"):
        gan.export_generator(str(tmp_path / "generator"))


def test_unknown_format(gan, tmp_path):
    with pytest.raises(ValueError, match=r"one of \('tf_saved_model', 'onnx'\); received 'tflite'"):
        gan.export_generator(str(tmp_path / "g"), format="tflite")


ONNX_EXPORTER = {"tensorflow": "tf2onnx", "jax": "jax2onnx", "torch": "onnxscript"}[BACKEND]


@pytest.mark.skipif(importlib.util.find_spec(ONNX_EXPORTER) is not None, reason="exporter installed")
def test_onnx_without_exporter_names_the_package(tmp_path):
    gan = DCGAN(image_shape=(28, 28, 1), latent_dim=4, base_filters=4)
    with pytest.raises(ImportError, match=rf"needs the `{ONNX_EXPORTER}` package.*pip install {ONNX_EXPORTER}"):
        gan.export_generator(str(tmp_path / "g.onnx"), format="onnx")


@pytest.mark.skipif(importlib.util.find_spec(ONNX_EXPORTER) is None, reason=f"{ONNX_EXPORTER} not installed")
def test_onnx_export_runs(tmp_path):
    ort = pytest.importorskip("onnxruntime")
    gan = DCGAN(image_shape=(28, 28, 1), latent_dim=4, base_filters=4)
    path = str(tmp_path / "g.onnx")
    gan.export_generator(path, format="onnx")
    session = ort.InferenceSession(path)
    z = np.random.default_rng(0).uniform(-1, 1, (2, 4)).astype("float32")
    out = session.run(None, {session.get_inputs()[0].name: z})[0]
    np.testing.assert_allclose(out, keras.ops.convert_to_numpy(gan.generator(z)), atol=1e-4)


@pytest.mark.skipif(importlib.util.find_spec(ONNX_EXPORTER) is None, reason=f"{ONNX_EXPORTER} not installed")
def test_onnx_export_conditional_ema_generator(gan, tmp_path):
    ort = pytest.importorskip("onnxruntime")
    path = str(tmp_path / "g.onnx")
    gan.export_generator(path, format="onnx")
    session = ort.InferenceSession(path)
    z = np.random.default_rng(1).standard_normal((3, 4)).astype("float32")
    labels = np.array([2, 0, 1], "int32")
    names = [i.name for i in session.get_inputs()]
    out = session.run(None, dict(zip(names, [z, labels], strict=True)))[0]
    expected = keras.ops.convert_to_numpy(gan.ema_generator([z, labels], training=False))
    np.testing.assert_allclose(out, expected, atol=1e-4)
