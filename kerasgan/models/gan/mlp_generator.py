import keras

from kerasgan.models.network import Network


@keras.saving.register_keras_serializable(package="kerasgan")
class MLPGenerator(Network):
    """The fully connected generator of the 2-D mixture benchmarks (VEEGAN, PacGAN).

    Follows fjxmlzn/PacGAN (`synthetic_data_experiments/2D*_GAN&PacGAN`, itself ALI's
    setup): z ~ N(0, I_2) → `num_layers` × [linear without bias → BatchNorm → ReLU] with
    `units` units → linear (with bias) to the data dimension. Weights N(0, 0.02), biases 0,
    BatchNorm scale 1 and shift 0, population statistics updated with momentum 0.95 (Blocks'
    0.05 update) and ε 1e-4 (Blocks' default).

    Args:
        latent_dim: size of z (2 in the reference).
        data_dim: dimension of the generated points (2). Stored as `image_shape=(data_dim,)`
            so the GAN core sees "images" of shape `(data_dim,)`.
        units, num_layers: hidden width and depth (400 and 4 in the reference).

    Example:

    ```python
    g = kerasgan.models.MLPGenerator()
    g(np.zeros((8, 2), "float32")).shape  # (8, 2)
    ```
    """

    def __init__(self, latent_dim=2, data_dim=2, units=400, num_layers=4, num_classes=0,
                 name="mlp_generator", **kwargs):
        kwargs.pop("image_shape", None)
        if num_classes:
            raise ValueError(f"MLPGenerator is unconditional; received num_classes={num_classes}.")
        for key, value in (("latent_dim", latent_dim), ("data_dim", data_dim), ("units", units),
                           ("num_layers", num_layers)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"MLPGenerator expects a positive int `{key}`; received {value!r}.")
        init = keras.initializers.RandomNormal(0.0, 0.02)
        z = keras.Input((latent_dim,), name="z")
        h = z
        for _ in range(num_layers):
            h = keras.layers.Dense(units, use_bias=False, kernel_initializer=init)(h)
            h = keras.layers.BatchNormalization(momentum=0.95, epsilon=1e-4)(h)
            h = keras.layers.ReLU()(h)
        x = keras.layers.Dense(data_dim, kernel_initializer=init, dtype="float32")(h)
        config = dict(latent_dim=latent_dim, data_dim=data_dim, units=units, num_layers=num_layers, num_classes=0)
        super().__init__(z, x, config, name=name, **kwargs)
        self.image_shape = (data_dim,)
