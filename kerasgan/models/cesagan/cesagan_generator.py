import keras

from kerasgan.layers.self_attention import SelfAttention
from kerasgan.layers.sn_conv2d import SNConv2D
from kerasgan.layers.sn_conv2d_transpose import SNConv2DTranspose
from kerasgan.layers.sn_dense import SNDense
from kerasgan.models.network import Network
from kerasgan.models.network import image_shape_arg


def spatial_embedding(embedding, size):
    """Broadcast a `(batch, E)` embedding to `(batch, size, size, E)` for concatenation."""
    h = keras.layers.Reshape((1, 1, embedding.shape[-1]))(embedding)
    return keras.layers.UpSampling2D(size=(size, size))(h)


@keras.saving.register_keras_serializable(package="kerasgan")
class CESAGANGenerator(Network):
    """The CESAGAN generator (Torrado et al., "Bootstrapping Conditional GANs for Video Game Level
    Generation", IEEE CoG 2020): a conditional SAGAN generator of one-hot tile maps.

    What the paper states: a SAGAN (Zhang et al., 2019) whose generator and discriminator also
    take an embedding t(u) = W_t·u of a feature vector u of level properties (how many of each
    object), concatenated with the output of the self-attention layer. The reference code is
    not public and the paper's layer table was not available to us, so widths, depth, latent
    size and the 16×16 padding are **our choices**, in SAGAN's style: z ⊕ t(u) → spectrally
    normalized linear to 4×4×4f → BatchNorm → ReLU → transposed conv 4×4/2 to 8×8×2f → BN → ReLU →
    self-attention → concatenate t(u) at every cell → transposed conv 4×4/2 to 16×16×f → BN →
    ReLU → self-attention → 3×3 conv to one logit per tile type → softmax over tiles. Spectral
    norm on every weight layer, as SAGAN's generator.

    Args:
        latent_dim: size of z.
        condition_dim: size of u (8: the count of each Zelda tile type).
        image_shape: (16, 16, tiles).
        filters: f, the maps of the last hidden layer.
        embedding_dim: size of t(u).

    Example:

    ```python
    g = kerasgan.models.CESAGANGenerator()
    tiles = g([np.zeros((2, 32), "float32"), np.zeros((2, 8), "float32")])  # (2, 16, 16, 8), softmax
    ```
    """

    def __init__(
        self,
        latent_dim=32,
        condition_dim=8,
        image_shape=(16, 16, 8),
        filters=64,
        embedding_dim=32,
        num_classes=0,
        name="cesagan_generator",
        **kwargs,
    ):
        image_shape = image_shape_arg(image_shape, "CESAGANGenerator")
        if image_shape[:2] != (16, 16):
            raise ValueError(f"CESAGANGenerator makes 16×16 tile maps; received image_shape={image_shape}.")
        if num_classes:
            raise ValueError(
                f"CESAGANGenerator is conditioned on vectors (condition_dim); received num_classes={num_classes}."
            )
        if isinstance(condition_dim, bool) or not isinstance(condition_dim, int) or condition_dim < 1:
            raise ValueError(f"`condition_dim` must be a positive int; received {condition_dim!r}.")
        if filters % 8:
            raise ValueError(f"`filters` must be a multiple of 8 (self-attention); received {filters}.")
        z = keras.Input((latent_dim,), name="z")
        u = keras.Input((condition_dim,), name="conditions")
        t = SNDense(embedding_dim, name="embedding")(u)
        h = keras.layers.Concatenate()([z, t])
        h = SNDense(4 * 4 * 4 * filters)(h)
        h = keras.layers.Reshape((4, 4, 4 * filters))(h)
        h = keras.layers.ReLU()(keras.layers.BatchNormalization()(h))
        h = SNConv2DTranspose(2 * filters, 4, strides=2)(h)
        h = keras.layers.ReLU()(keras.layers.BatchNormalization()(h))
        h = SelfAttention(kernel_initializer="glorot_uniform", name="attention_8x8")(h)
        h = keras.layers.Concatenate()([h, spatial_embedding(t, 8)])
        h = SNConv2DTranspose(filters, 4, strides=2)(h)
        h = keras.layers.ReLU()(keras.layers.BatchNormalization()(h))
        h = SelfAttention(kernel_initializer="glorot_uniform", name="attention_16x16")(h)
        h = SNConv2D(image_shape[-1], 3)(h)
        tiles = keras.layers.Softmax(axis=-1, dtype="float32")(h)
        config = dict(
            latent_dim=latent_dim,
            condition_dim=condition_dim,
            image_shape=image_shape,
            filters=filters,
            embedding_dim=embedding_dim,
            num_classes=0,
        )
        super().__init__([z, u], tiles, config, name=name, **kwargs)
