import keras
from keras import ops


@keras.saving.register_keras_serializable(package="kerasgan")
class VirtualBatchNormalization(keras.layers.Layer):
    """Virtual batch normalisation: each example normalised with the statistics of a fixed
    reference batch and of itself, so that no example's output depends on its batchmates.

    Salimans, Goodfellow, Zaremba, Cheung, Radford & Chen, "Improved Techniques for Training GANs",
    NeurIPS 2016, section 3.4. Follows openai/improved-gan's `VBN` (`imagenet/model.py`; TF1, not
    run here: the tests replicate its arithmetic in NumPy): the input holds the reference batch
    in its first `reference_size` rows (`kerasgan.layers.ReferenceBatch` puts it there and takes it
    off at the end). The reference rows are normalised with their own mean and mean square over
    the batch and spatial axes; every other example with `1/(R+1)` of its own spatial mean (and
    mean square) and `R/(R+1)` of the reference's, where R is `reference_size`. Output:
    `(x − μ) / sqrt(ε + E[x²] − μ²) · γ + β`, γ ~ N(1, 0.02), β = 0, one per channel. There are no
    running statistics: training and inference compute the same thing. Statistics in float32.

    Args:
        reference_size: R, the rows of the reference batch at the start of every input.
        epsilon: ε (1e-5 in the reference).

    Input shape: `(R + N, ..., C)`; output: the same.

    Example:

    >>> import numpy as np
    >>> layer = VirtualBatchNormalization(reference_size=4)
    >>> tuple(layer(np.random.rand(4 + 2, 3, 3, 8).astype("float32")).shape)
    (6, 3, 3, 8)
    """

    def __init__(self, reference_size, epsilon=1e-5, **kwargs):
        super().__init__(**kwargs)
        if isinstance(reference_size, bool) or not isinstance(reference_size, int) or reference_size < 1:
            raise ValueError(f"VirtualBatchNormalization expects `reference_size` as a positive int; received "
                             f"{reference_size!r}.")
        self.reference_size = reference_size
        self.epsilon = float(epsilon)

    def build(self, input_shape):
        channels = input_shape[-1]
        self.gamma = self.add_weight(shape=(channels,), initializer=keras.initializers.RandomNormal(1.0, 0.02),
                                     name="gamma")
        self.beta = self.add_weight(shape=(channels,), initializer="zeros", name="beta")

    def call(self, inputs):
        x = ops.cast(inputs, "float32")
        spatial = tuple(range(1, len(x.shape) - 1))
        reference, live = x[: self.reference_size], x[self.reference_size:]
        mean = ops.mean(reference, axis=(0, *spatial), keepdims=True)
        mean_sq = ops.mean(ops.square(reference), axis=(0, *spatial), keepdims=True)
        own = 1.0 / (self.reference_size + 1.0)
        own_mean = ops.mean(live, axis=spatial, keepdims=True) if spatial else live
        own_mean_sq = ops.mean(ops.square(live), axis=spatial, keepdims=True) if spatial else ops.square(live)
        live_mean = own * own_mean + (1.0 - own) * mean
        live_mean_sq = own * own_mean_sq + (1.0 - own) * mean_sq
        out = ops.concatenate(
            [self._normalize(reference, mean, mean_sq), self._normalize(live, live_mean, live_mean_sq)], axis=0)
        return ops.cast(out, self.compute_dtype)

    def _normalize(self, x, mean, mean_sq):
        std = ops.sqrt(self.epsilon + mean_sq - ops.square(mean))
        return (x - mean) / std * ops.cast(self.gamma, "float32") + ops.cast(self.beta, "float32")

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "reference_size": self.reference_size, "epsilon": self.epsilon}
