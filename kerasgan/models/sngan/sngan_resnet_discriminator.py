import keras

from kerasgan.layers.global_sum_pooling2d import GlobalSumPooling2D
from kerasgan.layers.optimized_residual_block_down import OptimizedResidualBlockDown
from kerasgan.layers.residual_block_down import ResidualBlockDown
from kerasgan.layers.sn_dense import SNDense
from kerasgan.layers.sn_embedding import SNEmbedding
from kerasgan.models.network import Network
from kerasgan.models.network import image_shape_arg


@keras.saving.register_keras_serializable(package="kerasgan")
class SNGANResNetDiscriminator(Network):
    """The SN-GAN ResNet discriminator for 32×32 images, with an optional projection head
    (Miyato et al., 2018; Miyato & Koyama, "cGANs with Projection Discriminator", 2018).

    Follows pfnet-research/sngan_projection `dis_models/snresnet_32.py`: optimized block (3×3,
    ReLU, 3×3, pool; pool + 1×1 shortcut) → down block → two plain blocks, all `filters` channels
    and spectrally normalized → ReLU → global *sum* pooling → SN linear to one logit (no bias).
    With `num_classes > 0` the projection term ⟨SNEmbedding(y), h⟩ is added to the logit.

    Args:
        image_shape: input images (32×32 in the reference; any even size ≥ 8 works).
        filters: channels of every block (128 in the reference).
        num_classes: 0 for unconditional, else the number of classes (projection).

    Example:

    ```python
    d = kerasgan.models.SNGANResNetDiscriminator()
    logits = d(np.zeros((2, 32, 32, 3), "float32"))  # (2, 1)
    ```
    """

    def __init__(self, image_shape=(32, 32, 3), filters=128, num_classes=0,
                 name="sngan_resnet_discriminator", **kwargs):
        image_shape = image_shape_arg(image_shape, "SNGANResNetDiscriminator")
        x = keras.Input(image_shape, name="images")
        inputs = x
        if num_classes:
            labels = keras.Input((), dtype="int32", name="labels")
            inputs = [x, labels]
        h = OptimizedResidualBlockDown(filters, spectral_norm=True)(x)
        h = ResidualBlockDown(filters, downsample=True, spectral_norm=True)(h)
        h = ResidualBlockDown(filters, downsample=False, spectral_norm=True)(h)
        h = ResidualBlockDown(filters, downsample=False, spectral_norm=True)(h)
        h = keras.layers.ReLU()(h)
        h = GlobalSumPooling2D()(h)
        logits = SNDense(1, use_bias=False, kernel_initializer="glorot_uniform")(h)
        if num_classes:
            embedded = SNEmbedding(num_classes, filters, embeddings_initializer="glorot_uniform")(labels)
            projection = keras.layers.Dot(axes=1, name="projection")([embedded, h])
            logits = keras.layers.Add(name="logits")([logits, projection])
        config = dict(image_shape=image_shape, filters=filters, num_classes=num_classes)
        super().__init__(inputs, logits, config, name=name, **kwargs)
