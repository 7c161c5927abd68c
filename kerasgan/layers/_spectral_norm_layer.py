import keras
from keras import ops

from kerasgan.layers._power_iteration import spectral_normalize


class SpectralNormLayer(keras.layers.Layer):
    """Shared mechanism of the spectral-norm layers (Miyato et al., 2018).

    Holds the power-iteration settings and the non-trainable vector `u`, and returns the kernel
    divided by its estimated largest singular value, computed on the fly in float32 (the stored
    kernel is never written; `u` is updated in training mode only). Subclasses create their
    kernel, call `add_power_iteration_vector(rows)` and use `normalized(matrix, kernel, training)`.
    """

    def __init__(self, power_iterations=1, epsilon=1e-12, **kwargs):
        super().__init__(**kwargs)
        if (
            isinstance(power_iterations, bool)
            or not isinstance(power_iterations, int)
            or power_iterations < 1
        ):
            raise ValueError(
                "`power_iterations` must be a positive integer. "
                f"Received: power_iterations={power_iterations}"
            )
        if not epsilon > 0:
            raise ValueError(f"`epsilon` must be positive. Received: epsilon={epsilon}")
        self.power_iterations = power_iterations
        self.epsilon = float(epsilon)

    def add_power_iteration_vector(self, rows):
        self.u = self.add_weight(
            name="u",
            shape=(1, rows),
            initializer=keras.initializers.RandomNormal(0.0, 1.0),
            trainable=False,
            autocast=False,
        )

    def normalized(self, matrix, kernel, training):
        """`kernel / σ(matrix)` in the compute dtype; `matrix` is the kernel as (rows, cols)."""
        sigma, new_u = spectral_normalize(matrix, self.u, self.power_iterations, self.epsilon)
        if training:
            self.u.assign(ops.cast(new_u, self.u.dtype))
        return ops.cast(kernel / sigma, self.compute_dtype)

    def get_config(self):
        config = super().get_config()
        config.update({"power_iterations": self.power_iterations, "epsilon": self.epsilon})
        return config
