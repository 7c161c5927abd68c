import keras

from kerasgan.models.ivgan.ivgan_generator import torch_batch_norm
from kerasgan.models.network import Network
from kerasgan.models.network import image_shape_arg


@keras.saving.register_keras_serializable(package="kerasgan")
class IVGANEncoder(Network):
    """The IVGAN encoder E: images → latent codes of the generator's z space.

    Follows zhangliangyu32/IVGAN (`model_ae.py`, `nef = 16`): at 64×64 two 4×4 stride-2
    convolutions (`filters`, `2·filters` maps) → a 4×4 stride-4 convolution (`4·filters`) to 4×4,
    each with BatchNorm and LeakyReLU(0.2), → a 4×4 valid convolution to `latent_dim` maps at 1×1 →
    BatchNorm **without** scale and shift (`affine=False`), so codes are standardized like
    z ~ N(0, I). At 32×32 the third convolution has stride 2 (32 → 16 → 8 → 4 → 1), our variant.
    No biases, weights N(0, 0.02).

    Args:
        image_shape: (32, 32, C) or (64, 64, C).
        latent_dim: the code size (the generator's `latent_dim`).
        filters: maps of the first layer (`nef = 16`).

    Example:

    ```python
    e = kerasgan.models.IVGANEncoder(image_shape=(32, 32, 3), latent_dim=100)
    codes = e(np.zeros((2, 32, 32, 3), "float32"))  # (2, 100)
    ```
    """

    def __init__(self, image_shape=(64, 64, 3), latent_dim=100, filters=16, name="ivgan_encoder", **kwargs):
        image_shape = image_shape_arg(image_shape, "IVGANEncoder")
        if image_shape[0] not in (32, 64) or image_shape[0] != image_shape[1]:
            raise ValueError(f"IVGANEncoder supports 32×32 and 64×64 images; received image_shape={image_shape}.")
        init = keras.initializers.RandomNormal(0.0, 0.02)
        x = keras.Input(image_shape, name="images")
        h = x
        third_stride = image_shape[0] // 16
        for width, stride in ((filters, 2), (2 * filters, 2), (4 * filters, third_stride)):
            h = keras.layers.Conv2D(width, 4, strides=stride, padding="same" if stride == 2 else "valid",
                                    use_bias=False, kernel_initializer=init)(h)
            h = torch_batch_norm()(h)
            h = keras.layers.LeakyReLU(0.2)(h)
        h = keras.layers.Conv2D(latent_dim, 4, padding="valid", use_bias=False, kernel_initializer=init)(h)
        h = keras.layers.Reshape((latent_dim,))(h)
        codes = keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-5, center=False, scale=False,
                                                dtype="float32", name="code_normalization")(h)
        config = dict(image_shape=image_shape, latent_dim=latent_dim, filters=filters)
        super().__init__(x, codes, config, name=name, **kwargs)
