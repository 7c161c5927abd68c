import keras

from kerasgan.layers.latent_affine import LatentAffine
from kerasgan.models.network import Network
from kerasgan.models.network import image_shape_arg
from kerasgan.models.network import num_resamplings


def torch_batch_norm(**kwargs):
    """BatchNorm with PyTorch's defaults (momentum 0.1 there is 0.9 here, ε 1e-5), gains N(1, 0.02)
    as the reference's `weights_init`."""
    kwargs.setdefault("gamma_initializer", keras.initializers.RandomNormal(1.0, 0.02))
    return keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-5, **kwargs)


@keras.saving.register_keras_serializable(package="kerasgan")
class IVGANGenerator(Network):
    """The IVGAN generator (Liang et al., "Intervention Generative Adversarial Networks").

    Follows zhangliangyu32/IVGAN (`model_GAN.py`): a learnable per-dimension affine map of z
    (`LatentAffine`, the reference's `CostumeAffine`) → the PyTorch DCGAN generator: a 4×4
    transposed convolution from the 1×1 latent to `filters · 2^(k-1)` maps, then k-1 transposed
    convolutions 4×4 stride 2 halving the maps, each followed by BatchNorm and ReLU, and a last
    4×4 stride-2 transposed convolution to the image channels with tanh. No biases, weights
    N(0, 0.02), BatchNorm gains N(1, 0.02). At 64×64 with `filters=64`, `latent_dim=100` it is the
    reference network (4×4×512 → 8 → 16 → 32 → 64); 32×32 drops the first doubling
    (4×4×256 → 8 → 16 → 32), our variant for 32×32 data (padded Stacked-MNIST).

    Args:
        latent_dim: size of z (the reference's `nz = 100`).
        image_shape: (size, size, channels), size 4·2^k.
        filters: maps of the last hidden layer (`ngf = 64`).

    Example:

    ```python
    g = kerasgan.models.IVGANGenerator(latent_dim=100, image_shape=(32, 32, 3))
    images = g(np.random.normal(size=(2, 100)).astype("float32"))  # (2, 32, 32, 3)
    ```
    """

    def __init__(self, latent_dim=100, image_shape=(64, 64, 3), filters=64, num_classes=0, name="ivgan_generator",
                 **kwargs):
        image_shape = image_shape_arg(image_shape, "IVGANGenerator")
        if num_classes:
            raise ValueError(f"IVGANGenerator is unconditional; received num_classes={num_classes}.")
        n_up = num_resamplings(image_shape, "IVGANGenerator")
        init = keras.initializers.RandomNormal(0.0, 0.02)
        width = filters * 2 ** (n_up - 1)
        z = keras.Input((latent_dim,), name="z")
        h = LatentAffine(name="latent_affine")(z)
        h = keras.layers.Reshape((1, 1, latent_dim))(h)
        h = keras.layers.Conv2DTranspose(width, 4, padding="valid", use_bias=False, kernel_initializer=init)(h)
        h = torch_batch_norm()(h)
        h = keras.layers.ReLU()(h)
        for _ in range(n_up - 1):
            width //= 2
            h = keras.layers.Conv2DTranspose(width, 4, strides=2, padding="same", use_bias=False,
                                             kernel_initializer=init)(h)
            h = torch_batch_norm()(h)
            h = keras.layers.ReLU()(h)
        h = keras.layers.Conv2DTranspose(image_shape[2], 4, strides=2, padding="same", use_bias=False,
                                         kernel_initializer=init)(h)
        x = keras.layers.Activation("tanh", dtype="float32")(h)
        config = dict(latent_dim=latent_dim, image_shape=image_shape, filters=filters, num_classes=0)
        super().__init__(z, x, config, name=name, **kwargs)
