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

    Publisher variant: OpenMMLab's `ProjDiscriminator` (mmgeneration `sngan_proj`, the
    `sngan_projection_cifar10` checkpoint) is this network with a bias on the final linear layer
    (`final_bias=True`) and `torch.nn.utils.spectral_norm`'s inference (`sn_inference="stored"`).

    Args:
        image_shape: input images (32×32 in the reference; any even size ≥ 8 works).
        filters: channels of every block (128 in the reference).
        num_classes: 0 for unconditional, else the number of classes (projection).
        final_bias: a bias on the final linear layer (the reference has none).
        sn_inference: the spectral norm outside training: `"power_iteration"` (the reference) or
            `"stored"` (`torch.nn.utils.spectral_norm`).

    Example:

    ```python
    d = kerasgan.models.SNGANResNetDiscriminator()
    logits = d(np.zeros((2, 32, 32, 3), "float32"))  # (2, 1)
    ```
    """

    def __init__(self, image_shape=(32, 32, 3), filters=128, num_classes=0, final_bias=False,
                 sn_inference="power_iteration", name="sngan_resnet_discriminator", **kwargs):
        image_shape = image_shape_arg(image_shape, "SNGANResNetDiscriminator")
        x = keras.Input(image_shape, name="images")
        inputs = x
        if num_classes:
            labels = keras.Input((), dtype="int32", name="labels")
            inputs = [x, labels]
        sn = dict(spectral_norm=True, sn_inference=sn_inference)
        h = OptimizedResidualBlockDown(filters, **sn)(x)
        h = ResidualBlockDown(filters, downsample=True, **sn)(h)
        h = ResidualBlockDown(filters, downsample=False, **sn)(h)
        h = ResidualBlockDown(filters, downsample=False, **sn)(h)
        h = keras.layers.ReLU()(h)
        # The sum over positions and the logit in float32 under mixed precision (a sum of 64+ ReLU maps).
        h = GlobalSumPooling2D(dtype="float32")(h)
        logits = SNDense(1, use_bias=final_bias, kernel_initializer="glorot_uniform", inference=sn_inference,
                         dtype="float32")(h)
        if num_classes:
            embedded = SNEmbedding(num_classes, filters, embeddings_initializer="glorot_uniform",
                                   inference=sn_inference)(labels)
            projection = keras.layers.Dot(axes=1, dtype="float32", name="projection")([embedded, h])
            logits = keras.layers.Add(dtype="float32", name="logits")([logits, projection])
        config = dict(image_shape=image_shape, filters=filters, num_classes=num_classes, final_bias=final_bias,
                      sn_inference=sn_inference)
        super().__init__(inputs, logits, config, features=h, name=name, **kwargs)
