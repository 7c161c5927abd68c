"""MNISTClassifier: the shipped weights (sha256, accuracy on every backend) and input validation."""

import gzip
import hashlib
import os
import shutil

import numpy as np
import pytest

from kerasgan import data as kg_data
from kerasgan.data import scale_images
from kerasgan.data.mnist_idx import MNIST_TEST_MD5
from kerasgan.data.mnist_idx import load_idx
from kerasgan.metrics import mnist_classifier as mc
from kerasgan.metrics.mnist_classifier import MNISTClassifier

SHARED_MNIST = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data", "mnist")
IMAGES, LABELS = "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"

# Logits of the first four test images (digits 7, 2, 1, 0), computed once with the shipped weights
# on TensorFlow; JAX and torch agreed to 1e-4. Pins the weights' meaning across backends.
REFERENCE_LOGITS = np.array(
    [
        [-5.0248, -1.0089, 2.4151, -1.2610, -3.5858, -5.9217, -10.3920, 15.7602, -4.9822, -0.1251],
        [-2.3764, -0.4143, 16.0629, -0.7694, -5.1329, -9.5674, -1.9058, -3.7725, -2.9114, -2.2790],
        [-2.4121, 10.7870, -4.8424, -3.9512, -0.0038, -0.2501, -0.6518, 0.4548, -2.4129, -2.9892],
        [13.7005, -8.9574, -1.4124, -5.2779, -6.4527, -4.6638, 3.4224, -7.1631, 0.8796, 0.9489],
    ],
    "float32",
)


def _md5(path):
    with open(path, "rb") as f:
        return hashlib.md5(f.read()).hexdigest()


@pytest.fixture(scope="module")
def test_set():
    """The official MNIST test set from ../shared/data/mnist (else the copy kerasgan embeds)."""
    if os.path.isfile(os.path.join(SHARED_MNIST, IMAGES)):
        paths = os.path.join(SHARED_MNIST, IMAGES), os.path.join(SHARED_MNIST, LABELS)
    elif os.path.isfile(getattr(kg_data, "MNIST_TEST_IMAGES", "")):
        paths = kg_data.MNIST_TEST_IMAGES, kg_data.MNIST_TEST_LABELS
    else:
        pytest.skip(
            f"the MNIST test set is neither in {os.path.abspath(SHARED_MNIST)} nor embedded"
        )
    for path in paths:
        assert _md5(path) == MNIST_TEST_MD5[os.path.basename(path)], path
    images, labels = load_idx(*paths)
    return scale_images(images), labels.astype("int64")


@pytest.fixture(scope="module")
def clf():
    return MNISTClassifier.pretrained()


@pytest.fixture(scope="module")
def test_logits(clf, test_set):
    return clf.logits(test_set[0])


def test_shipped_weights_match_constants():
    assert mc.NAME == MNISTClassifier.NAME == "mnist_classifier_v1"
    with open(mc.WEIGHTS_PATH, "rb") as f:
        assert hashlib.sha256(f.read()).hexdigest() == mc.SHA256 == MNISTClassifier.SHA256
    assert os.path.getsize(mc.WEIGHTS_PATH) < 2 * 1024 * 1024


def test_accuracy_on_the_mnist_test_set(test_set, test_logits):
    x, y = test_set
    assert x.shape == (10000, 28, 28, 1) and test_logits.shape == (10000, 10)
    assert test_logits.dtype == np.float32 and np.isfinite(test_logits).all()
    accuracy = float(np.mean(np.argmax(test_logits, axis=-1) == y))
    assert accuracy >= 0.98, f"test accuracy {accuracy:.4f}, expected >= 0.98"


def test_card_reports_the_measured_accuracy(test_set, test_logits):
    accuracy = np.mean(np.argmax(test_logits, axis=-1) == test_set[1])
    card_path = os.path.join(os.path.dirname(mc.WEIGHTS_PATH), "mnist_classifier.md")
    with open(card_path, encoding="utf-8") as f:
        card = f.read()
    assert mc.SHA256 in card
    assert f"**{100 * accuracy:.2f} %**" in card


def test_same_logits_on_every_backend(clf, test_set, test_logits):
    np.testing.assert_allclose(test_logits[:4], REFERENCE_LOGITS, atol=1e-3)
    np.testing.assert_array_equal(clf.predict_digits(test_set[0][:4]), test_set[1][:4])


def test_features(clf, test_set):
    x = test_set[0][:64]
    features = clf.features(x, batch_size=16)
    assert features.shape == (64, 128) and features.dtype == np.float32
    assert np.isfinite(features).all() and (features >= 0).all()  # ReLU activations
    np.testing.assert_allclose(clf.features(x, batch_size=64), features, atol=1e-5)
    assert clf.features(x[:0]).shape == (0, 128)
    assert clf.predict_digits(x[:0]).shape == (0,)


def test_32x32_padded_input_is_center_cropped(clf, test_set):
    x = test_set[0][:8]
    padded = np.pad(x, ((0, 0), (2, 2), (2, 2), (0, 0)), constant_values=-1.0)
    np.testing.assert_allclose(clf.logits(padded), clf.logits(x), atol=1e-5)
    digits = clf.predict_digits(padded)
    assert digits.dtype == np.int64 and digits.shape == (8,)


def test_corrupted_weights_are_rejected(tmp_path):
    copy = tmp_path / "mnist_classifier.weights.h5"
    shutil.copyfile(mc.WEIGHTS_PATH, copy)
    assert MNISTClassifier.pretrained(copy).count_params() > 0  # an intact copy loads
    raw = bytearray(copy.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    copy.write_bytes(bytes(raw))
    received = hashlib.sha256(bytes(raw)).hexdigest()
    with pytest.raises(
        ValueError, match=rf"sha256 mismatch; expected {mc.SHA256}, received {received}"
    ) as info:
        MNISTClassifier.pretrained(copy)
    assert str(copy) in str(info.value)


def test_missing_weights_file(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"weights not found at .*nowhere\.weights\.h5"):
        MNISTClassifier.pretrained(tmp_path / "nowhere.weights.h5")


@pytest.mark.parametrize("dtype", ["uint8", "int32", "bool"])
def test_integer_images_are_rejected(clf, dtype):
    x = np.zeros((2, 28, 28, 1), dtype)
    with pytest.raises(
        TypeError,
        match=rf"floating-point images scaled to \[-1, 1\]; received dtype {dtype}\..*scale_images",
    ):
        clf.predict_digits(x)


def test_out_of_range_images_are_rejected(clf):
    x = np.full((2, 28, 28, 1), -1.0, "float32")
    x[0, 5, 5, 0] = 255.0
    with pytest.raises(ValueError, match=r"scaled to \[-1, 1\].*received values in \[-1, 255\]"):
        clf.features(x)
    x[0, 5, 5, 0] = 1.005  # float round-off is tolerated
    assert clf.features(x).shape == (2, 128)


def test_non_finite_images_are_rejected(clf):
    x = np.full((2, 28, 28, 1), -1.0, "float32")
    x[1, 0, 0, 0] = np.nan
    with pytest.raises(ValueError, match=r"received 1 NaN or infinite value"):
        clf.logits(x)


@pytest.mark.parametrize(
    "shape", [(2, 28, 28), (2, 1, 28, 28), (2, 28, 28, 3), (2, 64, 64, 1), (28, 28, 1)]
)
def test_wrong_shapes_are_rejected(clf, shape):
    x = np.full(shape, -1.0, "float32")
    expected = r"\(batch, 28, 28, 1\) or \(batch, 32, 32, 1\).*received shape " + str(
        shape
    ).replace("(", r"\(").replace(")", r"\)")
    with pytest.raises(ValueError, match=expected):
        clf.predict_digits(x)


def test_images_in_0_1_warn(clf):
    with pytest.warns(UserWarning, match=r"no value below -0.5.*2 \* x - 1"):
        clf.predict_digits(np.full((2, 28, 28, 1), 0.2, "float32"))


@pytest.mark.parametrize("batch_size", [0, -1, 2.0, True])
def test_bad_batch_size(clf, batch_size):
    with pytest.raises(ValueError, match=r"`batch_size` must be a positive integer"):
        clf.features(np.zeros((2, 28, 28, 1), "float32"), batch_size=batch_size)


def test_config_round_trip_and_argument_checks():
    model = MNISTClassifier(feature_dim=16, dropout=0.1)
    clone = MNISTClassifier.from_config(model.get_config())
    assert (clone.feature_dim, clone.dropout) == (16, 0.1)
    assert clone.count_params() == model.count_params()
    with pytest.raises(
        ValueError, match=r"`feature_dim` must be a positive integer; received feature_dim=0"
    ):
        MNISTClassifier(feature_dim=0)
    with pytest.raises(
        ValueError, match=r"`dropout` must be a number in \[0, 1\); received dropout=1.5"
    ):
        MNISTClassifier(dropout=1.5)


def _write_idx(path, array, type_code=0x08):
    header = bytes([0, 0, type_code, array.ndim]) + b"".join(
        int(d).to_bytes(4, "big") for d in array.shape
    )
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "wb") as f:
        f.write(header + array.tobytes())


def test_load_idx_round_trip_and_errors(tmp_path):
    images = np.arange(2 * 3 * 4, dtype="uint8").reshape(2, 3, 4)
    labels = np.array([7, 1], "uint8")
    _write_idx(tmp_path / "x.gz", images)
    _write_idx(tmp_path / "y", labels)  # plain, not gzipped
    x, y = load_idx(tmp_path / "x.gz", tmp_path / "y")
    np.testing.assert_array_equal(x, images)
    np.testing.assert_array_equal(y, labels)
    with pytest.raises(ValueError, match=r"expected an IDX file with 3 dimension\(s\); received 1"):
        load_idx(tmp_path / "y", tmp_path / "y")
    _write_idx(tmp_path / "y3", np.array([1, 2, 3], "uint8"))
    with pytest.raises(ValueError, match=r"holds 2 images but .* holds 3 labels"):
        load_idx(tmp_path / "x.gz", tmp_path / "y3")
    (tmp_path / "short").write_bytes((tmp_path / "y").read_bytes()[:-1])
    with pytest.raises(ValueError, match=r"truncated or corrupted"):
        load_idx(tmp_path / "x.gz", tmp_path / "short")
    (tmp_path / "junk").write_bytes(b"PK\x03\x04junk")
    with pytest.raises(ValueError, match=r"is not an IDX file.*received bytes 504b0304"):
        load_idx(tmp_path / "junk", tmp_path / "y")
