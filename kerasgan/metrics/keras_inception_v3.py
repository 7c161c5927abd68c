"""Keras's ImageNet Inception-v3 as an alternative feature network. NOT the FID network."""

import keras

from kerasgan.metrics.fid_inception_v3 import RESOLUTION
from kerasgan.metrics.fid_inception_v3 import _predict_batches

KERAS_WEIGHTS_URL = (
    "https://storage.googleapis.com/tensorflow/keras-applications/inception_v3/"
    "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5"
)


@keras.saving.register_keras_serializable(package="kerasgan")
class KerasInceptionV3Features(keras.Model):
    """2048-d features of `keras.applications.InceptionV3` (ImageNet). Its FIDs are NOT comparable
    with published FIDs.

    Reference: Szegedy et al., "Rethinking the Inception Architecture for Computer Vision", CVPR
    2016; weights: Keras Applications' ImageNet training, not the 2015-12-05 TF graph of the FID
    papers. Published FIDs (Heusel et al., NeurIPS 2017, and every paper since) use
    `FIDInceptionV3` (pytorch-fid / TTUR weights). This network differs in weights, in its pools
    (no FID patches) and has no 1008-way head, so FIDs computed with it are on another scale:
    use it to compare your own runs with each other, never with numbers from papers. `NAME` and
    `COMPARABLE_WITH_PUBLISHED_FID` say so, for reports that record the feature network.

    Called on float images in [-1, 1] of shape `(N, H, W, 3)` (any H, W >= 1, channels last; the
    range Keras's `inception_v3.preprocess_input` produces), it resizes them to 299x299 (bilinear,
    half-pixel centres, no antialiasing, as `FIDInceptionV3`) and returns the global-average-pooled
    features `(N, 2048)`. `features()` takes NumPy arrays, in batches, with input checks and
    grayscale support.

    Args:
        weights: `"imagenet"` (downloaded by Keras's own `keras.utils.get_file` with its md5 from
            `KERAS_WEIGHTS_URL` into `~/.keras/models/` — `$KERAS_HOME/models/` if KERAS_HOME is
            set; without network, place `inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5`
            there), `None` (random weights, for tests) or the path of that `.h5` file.
        name: the model's name.
        **kwargs: `keras.Model` arguments.

    Example:

    ```python
    import numpy as np
    from kerasgan.metrics.keras_inception_v3 import KerasInceptionV3Features

    model = KerasInceptionV3Features(weights=None)  # weights="imagenet" downloads ~84 MB
    model.features(np.zeros((2, 32, 32, 3), "float32")).shape  # (2, 2048)
    ```
    """

    NAME = "keras_inception_v3_imagenet_not_comparable_with_published_fid"
    COMPARABLE_WITH_PUBLISHED_FID = False
    RESOLUTION = RESOLUTION
    FEATURE_DIM = 2048

    def __init__(self, weights="imagenet", name="keras_inception_v3_features", **kwargs):
        try:
            backbone = keras.applications.InceptionV3(
                include_top=False, weights=weights, input_shape=(RESOLUTION, RESOLUTION, 3),
                pooling="avg",
            )
        except ValueError:
            raise
        except Exception as e:  # noqa: BLE001 - get_file raises bare Exception on URL errors
            raise OSError(
                f"Could not get Keras's InceptionV3 ImageNet weights ({e}). Without network: "
                f"download {KERAS_WEIGHTS_URL} and place it in $KERAS_HOME/models/ (default "
                "~/.keras/models/), or pass its path as `weights=`."
            ) from e
        inputs = keras.Input((None, None, 3), name="images", dtype="float32")
        x = keras.layers.Resizing(RESOLUTION, RESOLUTION, interpolation="bilinear",
                                  antialias=False, name="resize_299", dtype="float32")(inputs)
        features = backbone(x)
        super().__init__(inputs=inputs, outputs=features, name=name, **kwargs)
        # A fixed metric network: frozen, so BatchNorm always uses its moving statistics.
        self.trainable = False
        self.weights_source = weights

    def get_config(self):
        return {"name": self.name, "trainable": self.trainable, "weights": self.weights_source}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        return cls(**config)

    def features(self, images, batch_size=50):
        """Pooled features, float32 NumPy `(N, 2048)`, of float images in [-1, 1] shaped
        `(N, H, W, C)`, C = 1 (repeated to RGB) or 3; computed `batch_size` images at a time.
        NOT comparable with features of `FIDInceptionV3`."""
        return _predict_batches(self, images, batch_size, type(self).__name__)
