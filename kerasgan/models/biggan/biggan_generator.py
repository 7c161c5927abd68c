import keras

from kerasgan.layers.residual_block_up import ResidualBlockUp
from kerasgan.layers.self_attention import SelfAttention
from kerasgan.layers.sn_conv2d import SNConv2D
from kerasgan.layers.sn_dense import SNDense
from kerasgan.models.biggan.biggan_layout import G_ARCH
from kerasgan.models.biggan.biggan_layout import check_resolution
from kerasgan.models.biggan.biggan_layout import initializer
from kerasgan.models.network import OUTPUT_DTYPE
from kerasgan.models.network import Network
from kerasgan.models.network import image_shape_arg


@keras.saving.register_keras_serializable(package="kerasgan")
class BigGANGenerator(Network):
    """The class-conditional BigGAN generator (Brock et al., ICLR 2019).

    Follows ajbrock/BigGAN-PyTorch `BigGAN.py` `Generator` and `layers.py`: the `G_arch` table
    of the resolution (32: three blocks of 4·ch maps; 128: 16ch → 8ch → 4ch → 2ch → ch), an SN
    linear from z (or its first chunk) to 4×4×in_channels[0], residual up-blocks (CBN → ReLU →
    nearest 2× → SN conv 3×3 → CBN → ReLU → SN conv 3×3; shortcut: upsample → SN conv 1×1),
    self-attention after the blocks whose output resolution is in `attention`, then BatchNorm
    (affine) → ReLU → SN conv 3×3 → tanh. Class conditioning: with `shared_dim > 0` a shared
    class embedding (not spectrally normalized, as the reference) whose vector — concatenated
    with one z chunk per block when `hierarchical` — drives each block's CBN through SN linears
    (`LinearConditionalBatchNormalization`: gain 1 + W_g c, bias W_b c); with `shared_dim = 0`
    (the reference's CIFAR setting) the CBN gain and bias are per-class tables (a linear map of
    the one-hot label without SN, as the reference's `nn.Embedding` there; `cbn_spectral_norm`
    overrides the choice). Hierarchical z: `num_blocks + 1` equal chunks, the first to
    the linear layer. Weights: `init` ("ortho" default, "N02", "glorot"), biases zero.
    Deviations: the spectral norm's ε is 1e-12 (reference 1e-6/1e-8); the 4×4 reshape is
    channels-last (a fixed permutation of the linear layer's outputs).

    Args:
        latent_dim: size of z (CIFAR 128; ImageNet 120 = 6 chunks of 20).
        image_shape: (size, size, channels), size 32, 64 or 128.
        num_classes: number of classes.
        ch: the channel multiplier (`G_ch`: 64 for CIFAR, 96 for ImageNet 128).
        shared_dim: size of the shared class embedding (0: none, per-class CBN tables).
        hierarchical: split z across the blocks (needs `shared_dim > 0`).
        attention: resolutions after whose block self-attention is inserted, e.g. (64,).
        init: weight initialisation.
        cbn_spectral_norm: spectrally normalize the CBN gain/bias maps; `None` (default) follows
            the reference: SN with the shared embedding, none for per-class tables.
        sn_inference: the spectral norm outside training: `"power_iteration"` (the reference: one
            step from the stored `u`) or `"stored"` (`torch.nn.utils.spectral_norm`: σ of the
            stored `u`, `v`; OpenMMLab's BigGAN CIFAR checkpoint).

    Example:

    ```python
    g = kerasgan.models.BigGANGenerator(image_shape=(32, 32, 3), num_classes=10, ch=8)
    g([np.zeros((2, 128), "float32"), np.array([0, 1])]).shape  # (2, 32, 32, 3)
    ```
    """

    def __init__(self, latent_dim=128, image_shape=(32, 32, 3), num_classes=10, ch=64, shared_dim=0,
                 hierarchical=False, attention=(), init="ortho", cbn_spectral_norm=None,
                 sn_inference="power_iteration", name="biggan_generator", **kwargs):
        image_shape = image_shape_arg(image_shape, "BigGANGenerator")
        arch = G_ARCH[check_resolution(image_shape, "BigGANGenerator")]
        if isinstance(num_classes, bool) or not isinstance(num_classes, int) or num_classes < 1:
            raise ValueError(f"BigGANGenerator is class-conditional: `num_classes` >= 1; received {num_classes!r}.")
        if hierarchical and not shared_dim:
            raise ValueError("A hierarchical latent needs the shared embedding: set `shared_dim` > 0.")
        num_blocks = len(arch["in_channels"])
        slots = num_blocks + 1 if hierarchical else 1
        if latent_dim % slots:
            raise ValueError(
                f"A hierarchical latent is split into {slots} equal chunks; latent_dim={latent_dim} is not divisible."
            )
        attention = tuple(int(a) for a in attention)
        kinit = initializer(init)
        cbn_spectral_norm = bool(shared_dim) if cbn_spectral_norm is None else bool(cbn_spectral_norm)
        z = keras.Input((latent_dim,), name="z")
        labels = keras.Input((), dtype="int32", name="labels")
        chunk = latent_dim // slots
        if shared_dim:
            y = keras.layers.Embedding(num_classes, shared_dim, embeddings_initializer=kinit, name="shared")(labels)
        else:
            y = keras.layers.CategoryEncoding(num_classes, output_mode="one_hot", name="one_hot")(labels)
        if hierarchical:
            chunks = [z[:, i * chunk:(i + 1) * chunk] for i in range(slots)]
            z_linear = chunks[0]
            conditions = [keras.layers.Concatenate(name=f"condition{i}")([y, c]) for i, c in enumerate(chunks[1:])]
        else:
            z_linear = z
            conditions = [y] * num_blocks
        width = arch["in_channels"][0] * ch
        h = SNDense(16 * width, kernel_initializer=kinit, inference=sn_inference, name="linear")(z_linear)
        h = keras.layers.Reshape((4, 4, width))(h)
        for i in range(num_blocks):
            h = ResidualBlockUp(
                arch["out_channels"][i] * ch, epsilon=1e-5, kernel_initializer=kinit, shortcut_initializer=kinit,
                spectral_norm=True, linear_conditioning=True, conditioning_spectral_norm=cbn_spectral_norm,
                sn_inference=sn_inference, name=f"block{i}",
            )([h, conditions[i]])
            if arch["resolution"][i] in attention:
                h = SelfAttention(kernel_initializer=kinit, sn_inference=sn_inference, name=f"attention{i}")(h)
        h = keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-5, name="output_bn")(h)
        h = keras.layers.ReLU()(h)
        h = SNConv2D(image_shape[-1], 3, padding="same", kernel_initializer=kinit, inference=sn_inference,
                     dtype=OUTPUT_DTYPE, name="output_conv")(h)
        images = keras.layers.Activation("tanh", dtype="float32")(h)
        config = dict(latent_dim=latent_dim, image_shape=image_shape, num_classes=num_classes, ch=ch,
                      shared_dim=shared_dim, hierarchical=hierarchical, attention=attention, init=init,
                      cbn_spectral_norm=cbn_spectral_norm, sn_inference=sn_inference)
        super().__init__([z, labels], images, config, name=name, **kwargs)
