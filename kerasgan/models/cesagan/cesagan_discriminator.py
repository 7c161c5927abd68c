import keras

from kerasgan.layers.self_attention import SelfAttention
from kerasgan.layers.sn_conv2d import SNConv2D
from kerasgan.layers.sn_dense import SNDense
from kerasgan.models.cesagan.cesagan_generator import spatial_embedding
from kerasgan.models.network import Network
from kerasgan.models.network import image_shape_arg


@keras.saving.register_keras_serializable(package="kerasgan")
class CESAGANDiscriminator(Network):
    """The CESAGAN discriminator (Torrado et al., CoG 2020): a conditional SAGAN discriminator of
    one-hot (or generated softmax) tile maps.

    As in the paper, the embedding t(u) = W_t·u of the level's property vector is concatenated
    with the self-attention layer's output. Layers (**our choices**, SAGAN style, see
    `CESAGANGenerator`): spectrally normalized conv 4×4/2 to 8×8×f → LeakyReLU(0.1) →
    self-attention → concatenate t(u) at every cell → conv 4×4/2 to 4×4×2f → LeakyReLU(0.1) →
    conv 3×3 to 4f → LeakyReLU(0.1) → linear to one logit.

    Args:
        image_shape: (16, 16, tiles).
        condition_dim: size of u.
        filters: f.
        embedding_dim: size of t(u).

    Example:

    ```python
    d = kerasgan.models.CESAGANDiscriminator()
    logits = d([np.zeros((2, 16, 16, 8), "float32"), np.zeros((2, 8), "float32")])  # (2, 1)
    ```
    """

    def __init__(self, image_shape=(16, 16, 8), condition_dim=8, filters=64, embedding_dim=32, num_classes=0,
                 name="cesagan_discriminator", **kwargs):
        image_shape = image_shape_arg(image_shape, "CESAGANDiscriminator")
        if image_shape[:2] != (16, 16):
            raise ValueError(f"CESAGANDiscriminator reads 16×16 tile maps; received image_shape={image_shape}.")
        if num_classes:
            raise ValueError(f"CESAGANDiscriminator is conditioned on vectors; received num_classes={num_classes}.")
        if filters % 8:
            raise ValueError(f"`filters` must be a multiple of 8 (self-attention); received {filters}.")
        x = keras.Input(image_shape, name="tiles")
        u = keras.Input((condition_dim,), name="conditions")
        t = SNDense(embedding_dim, name="embedding")(u)
        h = keras.layers.LeakyReLU(0.1)(SNConv2D(filters, 4, strides=2)(x))
        h = SelfAttention(kernel_initializer="glorot_uniform", name="attention_8x8")(h)
        h = keras.layers.Concatenate()([h, spatial_embedding(t, 8)])
        h = keras.layers.LeakyReLU(0.1)(SNConv2D(2 * filters, 4, strides=2)(h))
        h = keras.layers.LeakyReLU(0.1)(SNConv2D(4 * filters, 3)(h))
        h = keras.layers.Flatten()(h)
        logits = SNDense(1, dtype="float32")(h)
        config = dict(image_shape=image_shape, condition_dim=condition_dim, filters=filters,
                      embedding_dim=embedding_dim, num_classes=0)
        super().__init__([x, u], logits, config, features=h, name=name, **kwargs)
