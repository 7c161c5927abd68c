import math

import keras
import numpy as np
from keras import ops

from kerasgan.layers.masked_conv2d import MaskedConv2D
from kerasgan.models.network import Network
from kerasgan.models.network import image_shape_arg


def to_levels(images, num_levels):
    """Images in [-1, 1] → integer intensity levels 0..num_levels-1 (255 ↔ 1 for 8-bit data)."""
    levels = ops.round((ops.clip(images, -1.0, 1.0) + 1.0) * 0.5 * (num_levels - 1))
    return ops.cast(levels, "int32")


def from_levels(levels, num_levels):
    """Integer levels → images in [-1, 1]."""
    return ops.cast(levels, "float32") / (num_levels - 1) * 2.0 - 1.0


@keras.saving.register_keras_serializable(package="kerasgan")
class PixelCNN(Network):
    """PixelCNN (van den Oord et al., 2016): an autoregressive image model with exact likelihood
    and exact sampling, p(x) = Π_i p(x_i | x_<i) over pixels in raster order (and R, G, B within a
    pixel), each a categorical over `num_levels` intensities.

    Architecture of the paper's PixelCNN ("Pixel Recurrent Neural Networks", ICML 2016, section
    3.4, Figure 5 and Table 1): a 7×7 masked convolution of type A to `filters` (= 2h) maps, then
    `num_residual_blocks` residual blocks (ReLU → 1×1 to h → ReLU → 3×3 mask B → ReLU → 1×1 to
    2h, plus the input), then ReLU → 1×1 (mask B) → ReLU → 1×1 (mask B) to `channels ·
    num_levels` logits, a 256-way softmax per colour channel. Masks are applied on the fly
    (`MaskedConv2D`). Our choices: the widths and depth are arguments (the paper's models are
    larger and were trained on binarized MNIST and CIFAR-10); inputs are the images in [-1, 1]
    themselves.

    Outputs logits of shape `(batch, height, width, channels, num_levels)`. `log_prob`,
    `bits_per_dim` and `sample` are the model's likelihood and exact ancestral sampler; `fit_nll`
    trains it by maximum likelihood on its own.

    Args:
        image_shape: (height, width, channels).
        filters: 2h, the maps of the residual stream.
        num_residual_blocks: residual blocks after the first layer.
        num_levels: intensity levels per channel (256 for 8-bit images).

    Example:

    ```python
    teacher = kerasgan.models.PixelCNN(image_shape=(28, 28, 1), filters=32, num_residual_blocks=2)
    x, _ = kerasgan.data.load_mnist_subset()
    teacher.fit_nll(x[:512], epochs=1, batch_size=64)
    teacher.bits_per_dim(x[:256])
    digits = teacher.sample(4, seed=0)   # (4, 28, 28, 1) in [-1, 1]
    ```
    """

    def __init__(
        self,
        image_shape=(28, 28, 1),
        filters=64,
        num_residual_blocks=5,
        num_levels=256,
        num_classes=0,
        name="pixelcnn",
        **kwargs,
    ):
        image_shape = image_shape_arg(image_shape, "PixelCNN")
        channels = image_shape[-1]
        for key, value, low in (
            ("filters", filters, 2),
            ("num_residual_blocks", num_residual_blocks, 0),
            ("num_levels", num_levels, 2),
        ):
            if isinstance(value, bool) or not isinstance(value, int) or value < low:
                raise ValueError(f"PixelCNN expects an int `{key}` >= {low}; received {key}={value!r}.")
        if filters % (2 * channels):
            raise ValueError(
                f"PixelCNN `filters` must be a multiple of 2 × channels = {2 * channels}; received {filters}."
            )
        if num_classes:
            raise ValueError(f"PixelCNN is unconditional here; received num_classes={num_classes}.")

        x = keras.Input(image_shape, name="images")
        h = _features(_make_layers(filters, num_residual_blocks, channels), x)
        logits = MaskedConv2D(
            channels * num_levels, 1, mask_type="B", color_channels=channels, dtype="float32", name="output_conv"
        )(h)
        logits = keras.layers.Reshape((*image_shape, num_levels), dtype="float32", name="logits")(logits)
        config = dict(
            image_shape=image_shape,
            filters=filters,
            num_residual_blocks=num_residual_blocks,
            num_levels=num_levels,
            num_classes=0,
        )
        super().__init__(x, logits, config, name=name, **kwargs)

    @property
    def receptive_rows(self):
        """Rows above a pixel its conditional can see: 3 (the 7×7 A layer) + 1 per 3×3 layer."""
        return 3 + self.num_residual_blocks

    def nll(self, images, training=False):
        """Negative log-likelihood of each image in nats, shape `(batch,)` (uses the model's
        discretization of the images into `num_levels` levels)."""
        logits = self(images, training=training)
        targets = to_levels(images, self.num_levels)
        per_value = keras.losses.sparse_categorical_crossentropy(targets, logits, from_logits=True)
        return ops.sum(ops.reshape(per_value, (ops.shape(images)[0], -1)), axis=1)

    def log_prob(self, images, batch_size=256):
        """log p(x) in nats for each image (numpy float64, `(N,)`), from the compiled forward
        pass (`predict_on_batch`) and a float64 log-softmax."""
        images = np.asarray(images, "float32")
        targets = ops.convert_to_numpy(to_levels(images, self.num_levels))
        out = []
        for i in range(0, len(images), batch_size):
            logits = np.asarray(self.predict_on_batch(images[i : i + batch_size]), "float64")
            logits -= logits.max(axis=-1, keepdims=True)
            log_norm = np.log(np.exp(logits).sum(axis=-1))
            picked = np.take_along_axis(logits, targets[i : i + batch_size][..., None], axis=-1)[..., 0]
            out.append((picked - log_norm).reshape(len(logits), -1).sum(axis=1))
        return np.concatenate(out)

    def bits_per_dim(self, images, batch_size=256):
        """Mean negative log-likelihood in bits per dimension (pixel and channel)."""
        dims = int(np.prod(self.image_shape))
        return float(-np.mean(self.log_prob(images, batch_size)) / (dims * math.log(2.0)))

    def fit_nll(self, images, epochs=1, batch_size=64, optimizer=None, verbose="auto", **kwargs):
        """Train by maximum likelihood alone (a separate `fit`, e.g. to pretrain HGAN's teacher).

        The optimizer (default Adam(1e-3)) belongs to this call only; nothing is compiled into the
        PixelCNN itself. Returns the `History` (loss in nats per image).
        """
        trainer = _LikelihoodTrainer(self)
        trainer.compile(optimizer=optimizer or keras.optimizers.Adam(1e-3))
        return trainer.fit(
            np.asarray(images, "float32"), epochs=epochs, batch_size=batch_size, verbose=verbose, **kwargs
        )

    def sample(self, n, seed=None, batch_size=256, return_log_prob=False):
        """Exact ancestral samples as float images in [-1, 1] (numpy).

        Pixels are drawn one at a time in raster order (and R, G, B within a pixel), each from the
        model's categorical p(x_i | x_<i) given the values drawn so far, with
        `numpy.random.default_rng(seed)` (the same samples on every backend and for any
        `batch_size`: one uniform per value, drawn up front, picks its level). Each conditional is
        computed on a fixed-size window (`receptive_rows` + 1 rows, 2·`receptive_rows` + 1
        columns) that holds its masked receptive field and whose edges are either the image's
        edges or beyond that field — exact, since the masks make the rest irrelevant — not on the
        whole image; one window shape keeps compiled backends from retracing. `return_log_prob=True` also returns
        log p(sample) summed from the sampler's own conditionals.
        """
        if not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"`n` must be a positive int; received {n!r}.")
        rng = np.random.default_rng(seed)
        layers = {layer.name: layer for layer in self.layers}
        head = self.get_layer("output_conv")
        height, width, channels = self.image_shape
        reach = self.receptive_rows
        rows, cols = min(height, reach + 1), min(width, 2 * reach + 1)
        uniforms = rng.random((n, height, width, channels))
        images, log_probs = [], []
        for start in range(0, n, batch_size):
            m = min(batch_size, n - start)
            x = np.full((m, height, width, channels), -1.0, "float32")
            total = np.zeros(m)
            for i in range(height):
                top = min(max(0, i - reach), height - rows)
                for j in range(width):
                    left = min(max(0, j - reach), width - cols)
                    for c in range(channels):
                        window = x[:, top : top + rows, left : left + cols]
                        feats = _features(layers, window)[:, i - top : i - top + 1, j - left : j - left + 1]
                        logits = ops.convert_to_numpy(head(feats))[:, 0, 0].reshape(m, channels, self.num_levels)[:, c]
                        logits = logits.astype("float64") - logits.max(axis=1, keepdims=True)
                        probs = np.exp(logits)
                        probs /= probs.sum(axis=1, keepdims=True)
                        u = uniforms[start : start + m, i, j, c][:, None]
                        level = np.minimum((np.cumsum(probs, axis=1) < u).sum(axis=1), self.num_levels - 1)
                        total += np.log(probs[np.arange(m), level])
                        x[:, i, j, c] = level / (self.num_levels - 1) * 2.0 - 1.0
            images.append(x)
            log_probs.append(total)
        images = np.concatenate(images)
        return (images, np.concatenate(log_probs)) if return_log_prob else images


def _make_layers(filters, num_residual_blocks, channels):
    def masked(units, size, kind, name):
        return MaskedConv2D(units, size, mask_type=kind, color_channels=channels, name=name)

    layers = {"input_conv": masked(filters, 7, "A", "input_conv"), "head_conv": masked(filters, 1, "B", "head_conv")}
    for b in range(num_residual_blocks):
        layers[f"block{b}_reduce"] = masked(filters // 2, 1, "B", f"block{b}_reduce")
        layers[f"block{b}_conv"] = masked(filters // 2, 3, "B", f"block{b}_conv")
        layers[f"block{b}_expand"] = masked(filters, 1, "B", f"block{b}_expand")
    return layers


def _features(layers, x):
    """The PixelCNN trunk up to the output layer, from its layers by name (any spatial size)."""
    relu = keras.activations.relu
    h = layers["input_conv"](x)
    b = 0
    while f"block{b}_conv" in layers:
        r = layers[f"block{b}_reduce"](relu(h))
        r = layers[f"block{b}_conv"](relu(r))
        h = h + layers[f"block{b}_expand"](relu(r))
        b += 1
    return relu(layers["head_conv"](relu(h)))


class _LikelihoodTrainer(keras.Model):
    """A throw-away model whose `fit` trains a PixelCNN by maximum likelihood."""

    def __init__(self, pixelcnn, **kwargs):
        super().__init__(name="likelihood_trainer", **kwargs)
        self.pixelcnn = pixelcnn

    def call(self, images, training=False):
        return self.pixelcnn(images, training=training)

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        targets = to_levels(x, self.pixelcnn.num_levels)
        per_value = keras.losses.sparse_categorical_crossentropy(targets, y_pred, from_logits=True)
        return ops.mean(ops.sum(ops.reshape(per_value, (ops.shape(x)[0], -1)), axis=1))
