import keras
from keras import ops


@keras.saving.register_keras_serializable(package="kerasgan")
class ReferenceBatch(keras.layers.Layer):
    """Keeps the fixed reference batch of a generator with virtual batch normalisation: puts it
    before the input's examples (`mode="prepend"`, on the latents) or takes it off the output
    (`mode="drop"`, on the images).

    Salimans et al., "Improved Techniques for Training GANs", NeurIPS 2016, section 3.4: "a
    reference batch of examples that are chosen once and fixed at the start of training". Here
    the reference batch is `reference_size` latents drawn from `distribution` (the GAN's latent
    distribution) when the layer is built (under the model's seed), kept as a non-trainable
    weight, saved and restored with the model; the generator runs on it and the live batch
    together, and every
    `kerasgan.layers.VirtualBatchNormalization` takes its statistics from the first
    `reference_size` rows.

    Args:
        reference_size: the rows of the reference batch.
        mode: `"prepend"` or `"drop"`.
        distribution: of the reference latents, `"normal"` (N(0, I)) or `"uniform"` (U[-1, 1]).

    Example:

    >>> import numpy as np
    >>> z = np.zeros((2, 16), "float32")
    >>> tuple(ReferenceBatch(8)(z).shape), tuple(ReferenceBatch(8, mode="drop")(np.zeros((10, 3))).shape)
    ((10, 16), (2, 3))
    """

    def __init__(self, reference_size, mode="prepend", distribution="normal", **kwargs):
        super().__init__(**kwargs)
        if isinstance(reference_size, bool) or not isinstance(reference_size, int) or reference_size < 1:
            raise ValueError(f"ReferenceBatch expects `reference_size` as a positive int; received {reference_size!r}.")
        if mode not in ("prepend", "drop"):
            raise ValueError(f"ReferenceBatch expects `mode` 'prepend' or 'drop'; received {mode!r}.")
        if distribution not in ("normal", "uniform"):
            raise ValueError(f"ReferenceBatch expects `distribution` 'normal' or 'uniform'; received {distribution!r}.")
        self.reference_size = reference_size
        self.mode = mode
        self.distribution = distribution

    def build(self, input_shape):
        if self.mode == "prepend":
            self.reference = self.add_weight(shape=(self.reference_size, *input_shape[1:]),
                                             initializer=_INITIALIZERS[self.distribution](),
                                             trainable=False, name="reference")

    def call(self, inputs):
        if self.mode == "drop":
            return inputs[self.reference_size:]
        return ops.concatenate([ops.cast(self.reference, inputs.dtype), inputs], axis=0)

    def compute_output_shape(self, input_shape):
        batch = input_shape[0]
        if batch is not None:
            batch = batch + self.reference_size if self.mode == "prepend" else batch - self.reference_size
        return (batch, *input_shape[1:])

    def get_config(self):
        return {**super().get_config(), "reference_size": self.reference_size, "mode": self.mode,
                "distribution": self.distribution}


_INITIALIZERS = {"normal": lambda: keras.initializers.RandomNormal(0.0, 1.0),
                 "uniform": lambda: keras.initializers.RandomUniform(-1.0, 1.0)}
