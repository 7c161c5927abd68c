import keras

from kerasgan.models.network import Network
from kerasgan.models.network import image_shape_arg


@keras.saving.register_keras_serializable(package="kerasgan")
class MMDGANCritic(Network):
    """MMD GAN's critic: a DCGAN-style convolutional network to `feature_dim` features, the space
    in which the MMD is measured (`kerasgan.models.MMDGAN`).

    mbinkowski/MMD-GAN, `gan/core/architecture.py` (`dcgan` discriminator, `--dof_dim=16` in its
    MNIST script): the image in [0, 1] (mapped from kerasgan's [-1, 1]), four 5×5 stride-2 "same"
    convolutions of `base_filters`·(1, 2, 4, 8) maps (truncated normal σ 0.02, biases 0), each
    followed by a leaky ReLU (0.2), no normalisation; flattened, then a dense layer (normal σ 0.01)
    to the features. `penalized_layers` names the four activations and the features, the tensors
    of the reference's L2 penalty (`kerasgan.techniques.ActivationPenalty`).

    Args:
        image_shape: `(H, W, C)`.
        base_filters: `df_dim` (64).
        feature_dim: `dof_dim` (16; the reference's WGAN-GP comparison uses 1).

    Example:

    ```python
    d = kerasgan.models.MMDGANCritic(image_shape=(28, 28, 1))
    d(np.zeros((2, 28, 28, 1), "float32")).shape  # (2, 16)
    ```
    """

    def __init__(self, image_shape=(28, 28, 1), base_filters=64, feature_dim=16, num_classes=0,
                 name="mmdgan_critic", **kwargs):
        image_shape = image_shape_arg(image_shape, "MMDGANCritic")
        for key, value in (("base_filters", base_filters), ("feature_dim", feature_dim)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"MMDGANCritic expects `{key}` as a positive int; received {value!r}.")
        if num_classes:
            raise ValueError(f"MMDGANCritic is unconditional; received num_classes={num_classes}.")
        images = keras.Input(image_shape, name="images")
        h = keras.layers.Rescaling(0.5, offset=0.5, name="to_unit_range")(images)
        names = []
        for index, mult in enumerate((1, 2, 4, 8)):
            h = keras.layers.Conv2D(base_filters * mult, 5, strides=2, padding="same", name=f"conv_{index}",
                                    kernel_initializer=keras.initializers.TruncatedNormal(0.0, 0.02))(h)
            h = keras.layers.LeakyReLU(0.2, name=f"block_{index}")(h)
            names.append(f"block_{index}")
        flat = keras.layers.Flatten()(h)
        features = keras.layers.Dense(feature_dim, kernel_initializer=keras.initializers.RandomNormal(0.0, 0.01),
                                      name="features", dtype="float32")(flat)
        config = dict(image_shape=image_shape, base_filters=base_filters, feature_dim=feature_dim, num_classes=0)
        super().__init__(images, features, config, features=flat, name=name, **kwargs)
        self.penalized_layers = (*names, "features")
