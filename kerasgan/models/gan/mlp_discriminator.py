import keras

from kerasgan.layers.linear_maxout import LinearMaxout
from kerasgan.models.network import Network


@keras.saving.register_keras_serializable(package="kerasgan")
class MLPDiscriminator(Network):
    """The maxout discriminator of the 2-D mixture benchmarks (VEEGAN, PacGAN).

    Follows fjxmlzn/PacGAN (`synthetic_data_experiments/2D*_GAN&PacGAN`): `num_layers` ×
    `LinearMaxout(units, num_pieces)` → linear to one logit; weights N(0, 0.02), biases 0, no
    normalization, no dropout. PacGAN's packing (m samples concatenated) is not included: this
    is its m = 1 baseline, the plain GAN.

    Args:
        data_dim: dimension of the input points (2); exposed as `image_shape=(data_dim,)`.
        units, num_pieces, num_layers: 200, 5 and 3 in the reference.

    Example:

    ```python
    d = kerasgan.models.MLPDiscriminator()
    d(np.zeros((8, 2), "float32")).shape  # (8, 1)
    ```
    """

    def __init__(self, data_dim=2, units=200, num_pieces=5, num_layers=3, num_classes=0,
                 name="mlp_discriminator", **kwargs):
        kwargs.pop("image_shape", None)
        if num_classes:
            raise ValueError(f"MLPDiscriminator is unconditional; received num_classes={num_classes}.")
        for key, value in (("data_dim", data_dim), ("units", units), ("num_pieces", num_pieces),
                           ("num_layers", num_layers)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"MLPDiscriminator expects a positive int `{key}`; received {value!r}.")
        init = keras.initializers.RandomNormal(0.0, 0.02)
        x = keras.Input((data_dim,), name="points")
        h = x
        for _ in range(num_layers):
            h = LinearMaxout(units, num_pieces, kernel_initializer=init)(h)
        logits = keras.layers.Dense(1, kernel_initializer=init, dtype="float32")(h)
        config = dict(data_dim=data_dim, units=units, num_pieces=num_pieces, num_layers=num_layers, num_classes=0)
        super().__init__(x, logits, config, features=h, name=name, **kwargs)
        self.image_shape = (data_dim,)
