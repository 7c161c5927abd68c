import keras
from keras import ops


@keras.saving.register_keras_serializable(package="kerasgan")
class WeightNormalizedDense(keras.layers.Layer):
    """A dense layer with weight normalization: `y = act(x · (θ · g / ‖θ‖) + b)`, the norm of each
    output unit's column of θ, with optional data-dependent initialization.

    Salimans & Kingma, "Weight Normalization", NeurIPS 2016, as openai/improved-gan's `nn.py` has
    it: `DenseLayer` (θ ~ N(0, 0.1), scale `g` = 1 and not trained unless `train_scale`, no ε in
    the norm) for the semi-supervised discriminator, and `l2normalize` (a trained scale, ε = 1e-6
    inside the square root) for the generator's output layer. `initialize_from_data(x)` is the
    reference's `init=True` pass: it sets `g ← g / σ` and `b ← −μ / σ` from the pre-activations'
    mean μ and standard deviation σ on `x`, so the layer's pre-activations on `x` start standardised,
    and returns the output the next layer's initialization sees.

    Args:
        units: output units.
        activation: a Keras activation (the reference's hidden layers: ReLU).
        train_scale: whether `g` is trained.
        epsilon: added to the squared norm under the square root.
        kernel_initializer: of θ.
        **kwargs: base layer arguments.

    Example:

    >>> import numpy as np
    >>> from kerasgan.layers import WeightNormalizedDense
    >>> layer = WeightNormalizedDense(3)
    >>> x = np.random.default_rng(0).normal(size=(64, 5)).astype("float32")
    >>> y = np.asarray(layer.initialize_from_data(x))
    >>> bool(abs(y.mean(0)).max() < 1e-4), bool(abs(y.std(0) - 1).max() < 1e-3)
    (True, True)
    """

    def __init__(self, units, activation=None, train_scale=False, epsilon=0.0,
                 kernel_initializer=None, **kwargs):
        super().__init__(**kwargs)
        if isinstance(units, bool) or not isinstance(units, int) or units < 1:
            raise ValueError(f"WeightNormalizedDense expects `units` as a positive int; received {units!r}.")
        if not isinstance(epsilon, (int, float)) or isinstance(epsilon, bool) or epsilon < 0:
            raise ValueError(f"WeightNormalizedDense expects `epsilon` >= 0; received {epsilon!r}.")
        self.units = units
        self.activation = keras.activations.get(activation)
        self.train_scale = bool(train_scale)
        self.epsilon = float(epsilon)
        self.kernel_initializer = keras.initializers.get(
            kernel_initializer or keras.initializers.RandomNormal(0.0, 0.1))

    def build(self, input_shape):
        self.theta = self.add_weight(shape=(int(input_shape[-1]), self.units), initializer=self.kernel_initializer,
                                     name="theta")
        self.scale = self.add_weight(shape=(self.units,), initializer="ones", trainable=self.train_scale,
                                     name="scale")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def kernel(self):
        """The normalised kernel `θ · g / ‖θ‖`."""
        theta = ops.cast(self.theta, "float32")  # the norm in float32 under any mixed-precision policy
        norm = ops.sqrt(ops.sum(ops.square(theta), axis=0) + self.epsilon)
        return ops.cast(theta * (ops.cast(self.scale, "float32") / norm), self.compute_dtype)

    def call(self, inputs):
        return self.activation(ops.matmul(inputs, self.kernel()) + ops.cast(self.bias, self.compute_dtype))

    def initialize_from_data(self, inputs):
        """Data-dependent initialization on `inputs` (eager); returns the activation of the
        standardised pre-activations."""
        if not self.built:
            self.build(tuple(inputs.shape))
        pre = ops.matmul(ops.convert_to_tensor(inputs, self.compute_dtype), self.kernel())
        mean = ops.mean(pre, axis=0)
        pre = pre - mean
        std = ops.sqrt(ops.mean(ops.square(pre), axis=0))
        self.scale.assign(ops.cast(self.scale / std, self.scale.dtype))
        self.bias.assign(ops.cast(-mean / std, self.bias.dtype))
        return self.activation(pre / std)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.units)

    def get_config(self):
        return {**super().get_config(), "units": self.units, "activation": keras.activations.serialize(self.activation),
                "train_scale": self.train_scale, "epsilon": self.epsilon,
                "kernel_initializer": keras.initializers.serialize(self.kernel_initializer)}
