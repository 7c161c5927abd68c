import keras

from kerasgan.models.network import Network
from kerasgan.models.network import image_shape_arg


@keras.saving.register_keras_serializable(package="kerasgan")
class MMDGANGenerator(Network):
    """MMD GAN's generator (`kerasgan.models.MMDGAN`).

    mbinkowski/MMD-GAN, `gan/core/architecture.py` (`dcgan` generator): z → dense (normal σ 0.01)
    to the 1/16-size grid of `base_filters`·8 maps → batch norm (decay 0.9, ε 1e-5) → ReLU, then 5×5
    stride-2 transposed convolutions (normal σ 0.02) to `base_filters`·(4, 2, 1) maps with batch
    norm and ReLU, the sizes halved upwards as the reference computes them (28: 2 → 4 → 7 → 14 →
    28), and a last one to the channels with a sigmoid, given in kerasgan's [-1, 1] (`2y − 1`).
    Deviation: `generate` uses the batch norm's moving statistics; the reference's batch norm
    always uses the batch's.

    Args:
        latent_dim: size of z (100).
        image_shape: `(H, W, C)`.
        base_filters: `gf_dim` (64).

    Example:

    ```python
    g = kerasgan.models.MMDGANGenerator(image_shape=(28, 28, 1))
    g(np.zeros((2, 100), "float32")).shape  # (2, 28, 28, 1)
    ```
    """

    def __init__(self, latent_dim=100, image_shape=(28, 28, 1), base_filters=64, num_classes=0,
                 name="mmdgan_generator", **kwargs):
        image_shape = image_shape_arg(image_shape, "MMDGANGenerator")
        for key, value in (("latent_dim", latent_dim), ("base_filters", base_filters)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"MMDGANGenerator expects `{key}` as a positive int; received {value!r}.")
        if num_classes:
            raise ValueError(f"MMDGANGenerator is unconditional; received num_classes={num_classes}.")
        height, width, channels = image_shape
        sizes = [(height, width)]
        for _ in range(4):
            sizes.append((-(-sizes[-1][0] // 2), -(-sizes[-1][1] // 2)))
        sizes.reverse()  # 28: (2, 2), (4, 4), (7, 7), (14, 14), (28, 28)
        z = keras.Input((latent_dim,), name="z")
        h = keras.layers.Dense(sizes[0][0] * sizes[0][1] * base_filters * 8,
                               kernel_initializer=keras.initializers.RandomNormal(0.0, 0.01))(z)
        h = keras.layers.Reshape((*sizes[0], base_filters * 8))(h)
        h = keras.layers.ReLU()(keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-5)(h))
        steps = zip(sizes[:-1], sizes[1:], strict=True)
        for index, (mult, (previous, target)) in enumerate(zip((4, 2, 1, None), steps, strict=True)):
            last = mult is None
            h = keras.layers.Conv2DTranspose(
                channels if last else base_filters * mult, 5, strides=2, padding="same",
                output_padding=tuple(t - (p - 1) * 2 - 1 for p, t in zip(previous, target, strict=True)),
                kernel_initializer=keras.initializers.RandomNormal(0.0, 0.02), name=f"deconv_{index}",
                dtype="float32" if last else None)(h)
            if not last:
                h = keras.layers.ReLU()(keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-5)(h))
        images = keras.layers.Activation("sigmoid", dtype="float32")(h)
        images = keras.layers.Rescaling(2.0, offset=-1.0, name="to_model_range", dtype="float32")(images)
        config = dict(latent_dim=latent_dim, image_shape=image_shape, base_filters=base_filters, num_classes=0)
        super().__init__(z, images, config, name=name, **kwargs)
