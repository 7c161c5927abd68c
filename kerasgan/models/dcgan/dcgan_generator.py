import math

import keras

from kerasgan.layers.reference_batch import ReferenceBatch
from kerasgan.layers.virtual_batch_normalization import VirtualBatchNormalization
from kerasgan.models.network import Network
from kerasgan.models.network import image_shape_arg


def dcgan_layout(image_shape, cls_name):
    """Bottom width and number of 2x resamplings for a DCGAN stack (4x4 base; 7x7 for 28x28)."""
    size = image_shape[0]
    if image_shape[0] != image_shape[1]:
        raise ValueError(f"{cls_name} expects square images; received {image_shape}.")
    for bottom in (4, 7):
        n = math.log2(size / bottom) if size % bottom == 0 else -1
        if n >= 1 and n == int(n):
            return bottom, int(n)
    raise ValueError(f"{cls_name} supports image sizes 4*2^k or 7*2^k (32, 64, 128, 28, ...); received {size}.")


@keras.saving.register_keras_serializable(package="kerasgan")
class DCGANGenerator(Network):
    """The DCGAN generator (Radford et al., 2016).

    Follows Newmu/dcgan_code (faces/lsun `gen`): z → linear (no bias) → BatchNorm over the
    projected features → ReLU → reshape to the bottom grid with `base_filters * 2^(k-1)` maps →
    k-1 transposed convolutions 5×5 stride 2 (no bias) + BatchNorm + ReLU, halving the maps →
    transposed convolution 5×5 stride 2 to the image channels (no bias) → tanh. Weights
    N(0, 0.02), BatchNorm gains N(1, 0.02). At 64×64 with `base_filters=128`, `latent_dim=100`
    this is the paper's network (4×4×1024 → … → 64×64×3). 32×32 starts from 4×4×(4·base) and
    28×28 from 7×7×(2·base), our smaller variants of the same recipe. Deviation: BatchNorm uses
    ε=1e-5 and running statistics (momentum 0.9) for inference, where the Theano code used
    ε=1e-8 and recomputed population statistics.

    PyTorch ports (pytorch/examples' `dcgan`, open-mmlab/mmgeneration's `DCGANGenerator`, whose
    CelebA 64×64 release the zoo converts) use 4×4 kernels with padding 1 (`kernel_size=4`), a
    4×4 transposed convolution on z whose BatchNorm has one statistic per feature map instead of
    one per unit (`projection_norm="channel"`), and mmgeneration a bias on the output layer
    (`use_bias=True`: a bias wherever no BatchNorm follows).

    Args:
        latent_dim: size of z.
        image_shape: (size, size, channels), size 4·2^k or 7·2^k.
        base_filters: feature maps of the last hidden layer (the paper's 128).
        kernel_size: of every transposed convolution (5 in the reference).
        projection_norm: BatchNorm after the projection of z, per `"feature"` (the reference's
            BatchNorm over the projected units) or per `"channel"` (over the feature maps).
        use_bias: a bias on the output layer (none in the reference).
        normalization: `"batch"` (BatchNorm, the reference) or `"virtual_batch"` (Salimans et
            al.'s virtual batch normalisation: `kerasgan.layers.VirtualBatchNormalization` in
            place of every BatchNorm, with a fixed reference batch of `reference_size` latents kept
            by `kerasgan.layers.ReferenceBatch`; each sample then depends on its latent alone).
        reference_size: the reference batch's size for `"virtual_batch"`.
        reference_distribution: the reference latents' distribution, the GAN's
            `latent_distribution` (`"uniform"`: `DCGAN`'s).

    Example:

    ```python
    g = kerasgan.models.DCGANGenerator(latent_dim=100, image_shape=(64, 64, 3))
    images = g(np.random.uniform(-1, 1, (2, 100)).astype("float32"))  # (2, 64, 64, 3)
    ```
    """

    def __init__(
        self, latent_dim=100, image_shape=(64, 64, 3), base_filters=128, kernel_size=5, projection_norm="feature",
        use_bias=False, normalization="batch", reference_size=64,
        reference_distribution="uniform", num_classes=0, name="dcgan_generator", **kwargs
    ):
        image_shape = image_shape_arg(image_shape, "DCGANGenerator")
        if num_classes:
            raise ValueError(f"DCGANGenerator is unconditional; received num_classes={num_classes}.")
        if projection_norm not in ("feature", "channel"):
            raise ValueError(f"`projection_norm` must be 'feature' or 'channel'; received {projection_norm!r}.")
        if normalization not in ("batch", "virtual_batch"):
            raise ValueError(f"`normalization` must be 'batch' or 'virtual_batch'; received {normalization!r}.")
        bottom, n_up = dcgan_layout(image_shape, "DCGANGenerator")
        init = keras.initializers.RandomNormal(0.0, 0.02)
        gamma = keras.initializers.RandomNormal(1.0, 0.02)
        virtual = normalization == "virtual_batch"

        def norm():
            if virtual:
                return VirtualBatchNormalization(reference_size, epsilon=1e-5)
            return keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-5, gamma_initializer=gamma)

        filters = base_filters * 2 ** (n_up - 1)
        z = keras.Input((latent_dim,), name="z")
        h = ReferenceBatch(reference_size, distribution=reference_distribution)(z) if virtual else z
        h = keras.layers.Dense(bottom * bottom * filters, use_bias=False, kernel_initializer=init)(h)
        if projection_norm == "feature":
            h = norm()(h)
            h = keras.layers.Reshape((bottom, bottom, filters))(h)
        else:
            h = keras.layers.Reshape((bottom, bottom, filters))(h)
            h = norm()(h)
        h = keras.layers.ReLU()(h)
        for _ in range(n_up - 1):
            filters //= 2
            h = keras.layers.Conv2DTranspose(
                filters, kernel_size, strides=2, padding="same", use_bias=False, kernel_initializer=init
            )(h)
            h = norm()(h)
            h = keras.layers.ReLU()(h)
        h = keras.layers.Conv2DTranspose(
            image_shape[2], kernel_size, strides=2, padding="same", use_bias=use_bias, kernel_initializer=init
        )(h)
        x = keras.layers.Activation("tanh", dtype="float32")(h)
        if virtual:
            x = ReferenceBatch(reference_size, mode="drop")(x)
        config = dict(latent_dim=latent_dim, image_shape=image_shape, base_filters=base_filters,
                      kernel_size=kernel_size, projection_norm=projection_norm, use_bias=use_bias, num_classes=0)
        if virtual:  # only then: the configs saved before the option existed stay exact
            config.update(normalization=normalization, reference_size=reference_size,
                          reference_distribution=reference_distribution)
        super().__init__(z, x, config, name=name, **kwargs)
