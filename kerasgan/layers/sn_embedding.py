import keras
from keras import ops

from kerasgan.layers._spectral_norm_layer import SpectralNormLayer


@keras.saving.register_keras_serializable(package="kerasgan")
class SNEmbedding(SpectralNormLayer):
    """Embedding lookup into a spectrally normalized table.

    Gathers rows of `E / sigma(E)`, where `E` is the `(input_dim, output_dim)` embedding table and
    `sigma(E)` its largest singular value, estimated by power iteration as in Chainer's `SNEmbedID`.
    The normalized table is computed on the fly and the trainable table is never overwritten; only
    the vector `u` (non-trainable, shape `(1, input_dim)`) is stored, and it is updated in training
    mode only. The power iteration runs in the variables' dtype (float32 under mixed precision).
    This is the class embedding of the projection discriminator.

    Integer ids of shape `(N,)` or `(N, 1)` give an output of shape `(N, output_dim)`; more
    generally a trailing axis of size 1 is dropped and the output is `ids.shape + (output_dim,)`.

    Reference:
        Miyato & Koyama, "cGANs with Projection Discriminator", ICLR 2018
        (https://arxiv.org/abs/1802.05637); code: pfnet-research/sngan_projection.

    Args:
        input_dim: positive int, number of rows (e.g. classes).
        output_dim: positive int, size of each embedding vector.
        embeddings_initializer: initializer for the table.
        power_iterations: positive int, power-iteration steps per call.
        epsilon: positive float added to norms in the power iteration.
        inference: `"power_iteration"` (one step from `u` outside training, as the authors) or
            `"stored"` (σ of the stored `u` and `v`, as `torch.nn.utils.spectral_norm`).
        **kwargs: base `keras.layers.Layer` arguments (`name`, `dtype`, ...).

    Example:

    >>> import numpy as np
    >>> from kerasgan.layers import SNEmbedding
    >>> layer = SNEmbedding(10, 16)
    >>> tuple(layer(np.array([[1], [7]]), training=True).shape)
    (2, 16)
    """

    def __init__(
        self,
        input_dim,
        output_dim,
        embeddings_initializer="glorot_uniform",
        power_iterations=1,
        epsilon=1e-12,
        **kwargs,
    ):
        super().__init__(power_iterations=power_iterations, epsilon=epsilon, **kwargs)
        for name, value in (("input_dim", input_dim), ("output_dim", output_dim)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"`{name}` must be a positive integer. Received: {name}={value}")
        self.input_dim = input_dim
        self.output_dim = output_dim
        self.embeddings_initializer = keras.initializers.get(embeddings_initializer)

    def build(self, input_shape=None):
        self.embeddings = self.add_weight(
            name="embeddings",
            shape=(self.input_dim, self.output_dim),
            initializer=self.embeddings_initializer,
            autocast=False,
        )
        self.add_power_iteration_vector(self.input_dim, self.output_dim)

    def call(self, inputs, training=None):
        embeddings = self.normalized(self.embeddings, self.embeddings, training)
        ids = ops.cast(inputs, "int32")
        if len(ids.shape) >= 2 and ids.shape[-1] == 1:
            ids = ops.squeeze(ids, axis=-1)
        return ops.take(embeddings, ids, axis=0)

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        if len(input_shape) >= 2 and input_shape[-1] == 1:
            input_shape = input_shape[:-1]
        return input_shape + (self.output_dim,)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "input_dim": self.input_dim,
                "output_dim": self.output_dim,
                "embeddings_initializer": keras.initializers.serialize(self.embeddings_initializer),
            }
        )
        return config
