"""A small MNIST classifier: features for MNIST FID/KID and digit labels for Stacked-MNIST."""

import os
import warnings

import keras
import numpy as np

from kerasgan.utils.files import sha256_of_file

NAME = "mnist_classifier_v1"
WEIGHTS_PATH = os.path.join(os.path.dirname(__file__), "weights", "mnist_classifier.weights.h5")
# sha256 of the shipped weights file, written by recipes/train_mnist_classifier.py. Feature
# statistics record (NAME, SHA256) so that statistics of different extractors are never mixed.
SHA256 = "486bbce9a1c52936582734c1fac938fad43a85d3bb8884a33a9687ff0173424e"

NUM_CLASSES = 10
# Inputs may exceed [-1, 1] by float rounding (a tanh in float16, a resize); beyond this
# tolerance the images are on another scale (e.g. [0, 255]).
_RANGE_TOLERANCE = 0.01
_ACCEPTED_SHAPES = ((28, 28, 1), (32, 32, 1))


def _conv_block(x, filters, kernel_size, strides, name):
    x = keras.layers.Conv2D(
        filters, kernel_size, strides=strides, padding="same", use_bias=False, name=f"{name}_conv"
    )(x)
    x = keras.layers.BatchNormalization(name=f"{name}_bn")(x)
    return keras.layers.ReLU(name=f"{name}_relu")(x)


def _to_numpy_images(images):
    if isinstance(images, np.ndarray):
        return images
    if isinstance(images, (list, tuple)):
        return np.asarray(images)
    try:
        return np.asarray(keras.ops.convert_to_numpy(images))
    except Exception as error:  # the message names what was received
        raise TypeError(
            "MNISTClassifier expects images as a numpy array or a backend tensor; received an "
            f"object of type {type(images).__name__} ({error})."
        ) from error


def _check_images(images):
    """Validates images and returns float32 (N, 28, 28, 1) numpy images (32×32 center-cropped)."""
    x = _to_numpy_images(images)
    if x.dtype.kind in "biu":
        raise TypeError(
            "MNISTClassifier expects floating-point images scaled to [-1, 1]; received dtype "
            f"{x.dtype}. Convert uint8 images in [0, 255] with kerasgan.data.scale_images(images)."
        )
    if x.dtype.kind != "f":
        raise TypeError(
            "MNISTClassifier expects floating-point images scaled to [-1, 1]; received dtype "
            f"{x.dtype}."
        )
    if x.ndim != 4 or x.shape[1:] not in _ACCEPTED_SHAPES:
        raise ValueError(
            "MNISTClassifier expects images of shape (batch, 28, 28, 1) or (batch, 32, 32, 1) "
            f"(channels last; 32×32 is center-cropped to 28×28); received shape {x.shape}."
        )
    if x.shape[1] == 32:
        x = x[:, 2:30, 2:30, :]
    x = np.ascontiguousarray(x, dtype="float32")
    if x.shape[0] == 0:
        return x
    finite = np.isfinite(x)
    if not finite.all():
        raise ValueError(
            "MNISTClassifier expects finite images in [-1, 1]; received "
            f"{int(x.size - finite.sum())} NaN or infinite value(s)."
        )
    low, high = float(x.min()), float(x.max())
    if low < -1.0 - _RANGE_TOLERANCE or high > 1.0 + _RANGE_TOLERANCE:
        raise ValueError(
            "MNISTClassifier expects images scaled to [-1, 1] (background -1, as from "
            f"kerasgan.data.scale_images; tolerance {_RANGE_TOLERANCE}); received values in "
            f"[{low:.4g}, {high:.4g}]."
        )
    if low > -0.5:
        warnings.warn(
            f"MNISTClassifier received images with no value below -0.5 (min {low:.4g}). MNIST "
            "backgrounds are -1 in this scaling: images in [0, 1] must be mapped with 2 * x - 1.",
            stacklevel=4,
        )
    return x


@keras.saving.register_keras_serializable(package="kerasgan")
class MNISTClassifier(keras.Model):
    """A small CNN that classifies MNIST digits: the evaluator behind MNIST FID/KID and Stacked-MNIST.

    Three convolution blocks (Conv–BatchNorm–ReLU; 32 filters 4×4 stride 2 → 14×14, 64 filters
    3×3 + max-pool → 7×7, 128 filters 3×3 + max-pool → 3×3), a `feature_dim`-unit dense
    feature layer (Dense–BatchNorm–ReLU) and 10 logits, with dropout before each dense layer.
    `features` returns the feature layer's activations (the embedding for FID/KID, as the
    pool3 features of Inception-v3 for ImageNet-like data); `predict_digits` the arg-max digits
    (each channel of a Stacked-MNIST image is classified on its own). The shipped weights
    (`MNISTClassifier.pretrained()`) were trained by `recipes/train_mnist_classifier.py` on the
    part of the 5k MNIST training subset disjoint from the MNIST test set; their measured
    accuracy on the 10k MNIST test set is in `kerasgan/metrics/weights/mnist_classifier.md`.

    Inputs are float images in [-1, 1] (the scaling of `kerasgan.data.scale_images`: background
    -1, ink +1) of shape `(N, 28, 28, 1)`. `features`, `logits` and `predict_digits` also accept
    `(N, 32, 32, 1)` images — MNIST padded with 2 background pixels a side, as 32×32 GAN
    architectures produce — and center-crop them to 28×28 (the border is discarded, so it should
    be background). They validate their input: integer dtypes, values outside [-1.01, 1.01],
    NaN/inf and other shapes raise errors naming what was expected and received. Calling the
    model directly (`model(x)`, `fit`, `predict`) returns logits with no validation.

    Reference:
        Stacked-MNIST mode counting with a pretrained MNIST classifier: Metz et al., "Unrolled
        Generative Adversarial Networks", ICLR 2017 (https://arxiv.org/abs/1611.02163).
        FID with a domain classifier's features: Heusel et al., "GANs Trained by a Two
        Time-Scale Update Rule Converge to a Local Nash Equilibrium", NeurIPS 2017
        (https://arxiv.org/abs/1706.08500).

    Args:
        feature_dim: units of the penultimate (feature) layer, the `D` of `features`.
        dropout: dropout rate before the feature layer and the logits (training only).
        **kwargs: base `keras.Model` keyword arguments (`name`, ...).

    Example:

    >>> from kerasgan.data import load_mnist_test
    >>> from kerasgan.metrics.mnist_classifier import MNISTClassifier
    >>> x, y = load_mnist_test()
    >>> clf = MNISTClassifier.pretrained()  # checks the weights' sha256 first
    >>> clf.features(x[:100]).shape
    (100, 128)
    >>> bool((clf.predict_digits(x[:100]) == y[:100]).mean() >= 0.95)
    True
    """

    NAME = NAME
    SHA256 = SHA256
    WEIGHTS_PATH = WEIGHTS_PATH
    NUM_CLASSES = NUM_CLASSES

    def __init__(self, feature_dim=128, dropout=0.3, **kwargs):
        if isinstance(feature_dim, bool) or not isinstance(feature_dim, int) or feature_dim < 1:
            raise ValueError(
                f"`feature_dim` must be a positive integer; received feature_dim={feature_dim!r}."
            )
        if (
            isinstance(dropout, bool)
            or not isinstance(dropout, (int, float))
            or not 0 <= dropout < 1
        ):
            raise ValueError(f"`dropout` must be a number in [0, 1); received dropout={dropout!r}.")
        kwargs.setdefault("name", "mnist_classifier")
        inputs = keras.Input((28, 28, 1), name="images")
        x = _conv_block(inputs, 32, 4, 2, "block1")  # 14×14
        x = _conv_block(x, 64, 3, 1, "block2")
        x = keras.layers.MaxPooling2D(name="block2_pool")(x)  # 7×7
        x = _conv_block(x, 128, 3, 1, "block3")
        x = keras.layers.MaxPooling2D(name="block3_pool")(x)  # 3×3
        x = keras.layers.Flatten(name="flatten")(x)
        x = keras.layers.Dropout(dropout, name="feature_dropout")(x)
        x = keras.layers.Dense(feature_dim, use_bias=False, name="feature_dense")(x)
        x = keras.layers.BatchNormalization(name="feature_bn")(x)
        features = keras.layers.ReLU(name="features")(x)
        x = keras.layers.Dropout(dropout, name="logits_dropout")(features)
        logits = keras.layers.Dense(NUM_CLASSES, name="logits")(x)
        super().__init__(inputs=inputs, outputs=logits, **kwargs)
        self.feature_dim = feature_dim
        self.dropout = dropout

    def get_config(self):
        return {
            "name": self.name,
            "trainable": self.trainable,
            "feature_dim": self.feature_dim,
            "dropout": self.dropout,
        }

    @classmethod
    def from_config(cls, config, custom_objects=None):
        return cls(**config)

    @classmethod
    def pretrained(cls, weights_path=None):
        """The classifier with the shipped weights, after checking their sha256.

        Args:
            weights_path: a copy of the weights file to load instead of the shipped one
                (`WEIGHTS_PATH`); it must have the same sha256 (`SHA256`).

        Returns:
            An `MNISTClassifier` with the weights of `recipes/train_mnist_classifier.py`.

        Raises:
            FileNotFoundError: the weights file is missing.
            ValueError: its sha256 is not `SHA256` (nothing is loaded).
        """
        path = WEIGHTS_PATH if weights_path is None else os.fspath(weights_path)
        if not os.path.isfile(path):
            raise FileNotFoundError(
                f"MNISTClassifier weights not found at {path!r}. They ship with kerasgan "
                "(package data metrics/weights/); reinstall kerasgan or recreate them with "
                "`python recipes/train_mnist_classifier.py`."
            )
        received = sha256_of_file(path)
        if received != SHA256:
            raise ValueError(
                f"Refusing to load MNISTClassifier weights from {path!r}: sha256 mismatch; "
                f"expected {SHA256}, received {received}. The file is corrupted or is not the "
                f"{NAME!r} weights this kerasgan version ships; reinstall kerasgan."
            )
        model = cls()
        model.load_weights(path)
        return model

    def _extractor(self):
        # A functional view sharing this model's layers, giving (features, logits) in one pass.
        # Cached outside Keras's attribute tracking so it is not saved as a second model.
        extractor = self.__dict__.get("_kerasgan_extractor")
        if extractor is None:
            extractor = keras.Model(
                self.inputs, [self.get_layer("features").output, self.outputs[0]]
            )
            object.__setattr__(self, "_kerasgan_extractor", extractor)
        return extractor

    def _features_and_logits(self, images, batch_size):
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(
                f"`batch_size` must be a positive integer; received batch_size={batch_size!r}."
            )
        x = _check_images(images)
        if x.shape[0] == 0:
            return np.zeros((0, self.feature_dim), "float32"), np.zeros((0, NUM_CLASSES), "float32")
        features, logits = self._extractor().predict(x, batch_size=batch_size, verbose=0)
        return np.asarray(features, "float32"), np.asarray(logits, "float32")

    def features(self, images, batch_size=500):
        """Penultimate-layer activations, numpy float32 of shape `(N, feature_dim)`.

        Args:
            images: float images in [-1, 1], `(N, 28, 28, 1)` or `(N, 32, 32, 1)`.
            batch_size: images per forward pass.
        """
        return self._features_and_logits(images, batch_size)[0]

    def logits(self, images, batch_size=500):
        """Class logits, numpy float32 of shape `(N, 10)`; arguments as in `features`."""
        return self._features_and_logits(images, batch_size)[1]

    def predict_digits(self, images, batch_size=500):
        """Predicted digits (arg-max of the logits), numpy int64 of shape `(N,)`."""
        return np.argmax(self.logits(images, batch_size), axis=-1).astype("int64")
