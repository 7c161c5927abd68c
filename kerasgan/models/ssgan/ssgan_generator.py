import math

import keras

from kerasgan.layers.weight_normalized_dense import WeightNormalizedDense
from kerasgan.models.network import Network
from kerasgan.models.network import image_shape_arg


@keras.saving.register_keras_serializable(package="kerasgan")
class SSGANGenerator(Network):
    """The semi-supervised GAN's generator for MNIST (`kerasgan.models.SemiSupervisedGAN`).

    openai/improved-gan, `mnist_svhn_cifar10/train_mnist_feature_matching.py`: two dense layers of
    `units` (500) without bias, each batch-normalised without a scale (ε = 1e-6 inside the square
    root) then softplus, and a weight-normalised dense layer (`l2normalize`: trained scale) with a
    sigmoid to the image in [0, 1], given in kerasgan's [-1, 1] (`2y − 1`); Glorot-uniform weights,
    as Lasagne's default. The reference's
    latents are U[0, 1)^100; kerasgan draws U[-1, 1]^100 (`latent_distribution="uniform"`), the
    same model, since the batch normalisation right after the first layer removes the latents'
    offset and scale.

    Args:
        latent_dim: size of z.
        image_shape: `(H, W, C)` of the images.
        units: widths of the hidden layers.

    Example:

    ```python
    g = kerasgan.models.SSGANGenerator()
    g(np.zeros((4, 100), "float32")).shape  # (4, 28, 28, 1)
    ```
    """

    def __init__(self, latent_dim=100, image_shape=(28, 28, 1), units=(500, 500), name="ssgan_generator", **kwargs):
        image_shape = image_shape_arg(image_shape, "SSGANGenerator")
        if isinstance(latent_dim, bool) or not isinstance(latent_dim, int) or latent_dim < 1:
            raise ValueError(f"SSGANGenerator expects `latent_dim` as a positive int; received {latent_dim!r}.")
        units = tuple(units)
        if not units or any(isinstance(u, bool) or not isinstance(u, int) or u < 1 for u in units):
            raise ValueError(f"SSGANGenerator expects `units` as positive ints; received {units!r}.")
        z = keras.Input((latent_dim,), name="z")
        h = z
        for index, width in enumerate(units):
            h = keras.layers.Dense(width, use_bias=False, name=f"dense_{index}")(h)
            h = keras.layers.BatchNormalization(scale=False, epsilon=1e-6, momentum=0.9, name=f"bn_{index}")(h)
            h = keras.layers.Activation("softplus")(h)
        h = WeightNormalizedDense(math.prod(image_shape), "sigmoid", train_scale=True, epsilon=1e-6,
                                  kernel_initializer="glorot_uniform", name="image", dtype="float32")(h)
        h = keras.layers.Rescaling(2.0, offset=-1.0, name="to_model_range")(h)  # [0, 1] → kerasgan's [-1, 1]
        images = keras.layers.Reshape(image_shape)(h)
        config = dict(latent_dim=latent_dim, image_shape=image_shape, units=list(units))
        super().__init__(z, images, config, name=name, **kwargs)
        self.num_classes = 0
