import keras

from kerasgan.layers.global_sum_pooling2d import GlobalSumPooling2D
from kerasgan.layers.optimized_residual_block_down import OptimizedResidualBlockDown
from kerasgan.layers.residual_block_down import ResidualBlockDown
from kerasgan.layers.self_attention import SelfAttention
from kerasgan.layers.sn_dense import SNDense
from kerasgan.layers.sn_embedding import SNEmbedding
from kerasgan.models.biggan.biggan_layout import D_ARCH
from kerasgan.models.biggan.biggan_layout import check_resolution
from kerasgan.models.biggan.biggan_layout import initializer
from kerasgan.models.network import Network
from kerasgan.models.network import image_shape_arg


@keras.saving.register_keras_serializable(package="kerasgan")
class BigGANDiscriminator(Network):
    """The projection discriminator of BigGAN (Brock et al., ICLR 2019).

    Follows ajbrock/BigGAN-PyTorch `BigGAN.py` `Discriminator`: the `D_arch` table of the
    resolution (32: four blocks of 4·ch maps, the first two downsampling; 128: ch, 2ch, 4ch, 8ch,
    16ch, 16ch), wide residual down-blocks with SN convolutions (the first without
    pre-activation: conv → ReLU → conv → avg-pool, shortcut avg-pool → conv 1×1; the others ReLU →
    conv → ReLU → conv [→ avg-pool], shortcut conv 1×1 [→ avg-pool] when the width changes or the
    block downsamples), self-attention after the blocks whose output resolution is in
    `attention`, then ReLU → sum over space → SN linear to one logit plus the projection
    `<SNEmbedding(y), h>`. Weights: `init` ("ortho" default). Deviation: spectral-norm ε 1e-12.

    Args:
        image_shape: (size, size, channels), size 32, 64 or 128.
        num_classes: number of classes.
        ch: the channel multiplier (`D_ch`).
        attention: resolutions after whose block self-attention is inserted.
        init: weight initialisation.
        sn_inference: the spectral norm outside training: `"power_iteration"` (the reference: one
            step from the stored `u`) or `"stored"` (`torch.nn.utils.spectral_norm`: σ of the
            stored `u`, `v`; OpenMMLab's BigGAN CIFAR checkpoint).

    Example:

    ```python
    d = kerasgan.models.BigGANDiscriminator(image_shape=(32, 32, 3), num_classes=10, ch=8)
    d([np.zeros((2, 32, 32, 3), "float32"), np.array([0, 1])]).shape  # (2, 1)
    ```
    """

    def __init__(self, image_shape=(32, 32, 3), num_classes=10, ch=64, attention=(), init="ortho",
                 sn_inference="power_iteration", name="biggan_discriminator", **kwargs):
        image_shape = image_shape_arg(image_shape, "BigGANDiscriminator")
        arch = D_ARCH[check_resolution(image_shape, "BigGANDiscriminator")]
        if isinstance(num_classes, bool) or not isinstance(num_classes, int) or num_classes < 1:
            raise ValueError(f"BigGANDiscriminator is class-conditional: `num_classes` >= 1; received {num_classes!r}.")
        attention = tuple(int(a) for a in attention)
        kinit = initializer(init)
        sn = dict(sn_inference=sn_inference)
        images = keras.Input(image_shape, name="images")
        labels = keras.Input((), dtype="int32", name="labels")
        h = images
        for i, (filters, down) in enumerate(zip(arch["out_channels"], arch["downsample"], strict=True)):
            if i == 0:
                block = OptimizedResidualBlockDown(filters * ch, kernel_initializer=kinit, shortcut_initializer=kinit,
                                                   name="block0", **sn)
            else:
                block = ResidualBlockDown(filters * ch, downsample=down, wide=True, kernel_initializer=kinit,
                                          shortcut_initializer=kinit, name=f"block{i}", **sn)
            h = block(h)
            if arch["resolution"][i] in attention:
                h = SelfAttention(kernel_initializer=kinit, name=f"attention{i}", **sn)(h)
        h = keras.layers.ReLU()(h)
        h = GlobalSumPooling2D()(h)
        logits = SNDense(1, kernel_initializer=kinit, inference=sn_inference, name="linear")(h)
        embedded = SNEmbedding(num_classes, h.shape[-1], embeddings_initializer=kinit, inference=sn_inference,
                               name="embed")(labels)
        projection = keras.layers.Dot(axes=1, name="projection")([embedded, h])
        logits = keras.layers.Add(name="logits", dtype="float32")([logits, projection])
        config = dict(image_shape=image_shape, num_classes=num_classes, ch=ch, attention=attention, init=init,
                      sn_inference=sn_inference)
        super().__init__([images, labels], logits, config, features=h, name=name, **kwargs)
