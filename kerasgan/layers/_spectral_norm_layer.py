import keras
from keras import ops

from kerasgan.layers._power_iteration import spectral_normalize_uv

INFERENCE_MODES = ("power_iteration", "stored")


def inference_mode(value, name="inference"):
    """`value` if it names a spectral-norm inference mode, else a clear `ValueError`."""
    if value not in INFERENCE_MODES:
        raise ValueError(f"`{name}` must be one of {INFERENCE_MODES}. Received: {name}={value!r}")
    return value


class SpectralNormLayer(keras.layers.Layer):
    """Shared mechanism of the spectral-norm layers (Miyato et al., 2018).

    Holds the power-iteration settings and the non-trainable vector `u`, and returns the kernel
    divided by its estimated largest singular value, computed on the fly in float32 (the stored
    kernel is never written; `u` is updated in training mode only). Subclasses create their
    kernel, call `add_power_iteration_vector(rows, cols)` and use `normalized(matrix, kernel,
    training)`.

    `inference` chooses what happens outside training: `"power_iteration"` (the authors' Chainer
    code and BigGAN-PyTorch) runs one power step from the stored `u` without keeping it;
    `"stored"` (`torch.nn.utils.spectral_norm`, used by Mimicry and OpenMMLab) also stores `v` and
    divides by σ = uᵀWv of the stored vectors, with no power step. Training is the same in both.
    """

    def __init__(self, power_iterations=1, epsilon=1e-12, inference="power_iteration", **kwargs):
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
        self.inference = inference_mode(inference)

    def add_power_iteration_vector(self, rows, cols):
        self.u = self.add_weight(
            name="u",
            shape=(1, rows),
            initializer=keras.initializers.RandomNormal(0.0, 1.0),
            trainable=False,
            autocast=False,
        )
        if self.inference == "stored":
            self.v = self.add_weight(
                name="v",
                shape=(1, cols),
                initializer=keras.initializers.RandomNormal(0.0, 1.0),
                trainable=False,
                autocast=False,
            )

    def normalized(self, matrix, kernel, training):
        """`kernel / σ(matrix)` in the compute dtype; `matrix` is the kernel as (rows, cols)."""
        if self.inference == "stored" and not training:
            u = ops.cast(self.u, matrix.dtype)
            sigma = ops.sum(ops.matmul(u, matrix) * ops.cast(self.v, matrix.dtype))
        else:
            sigma, new_u, new_v = spectral_normalize_uv(matrix, self.u, self.power_iterations, self.epsilon)
            if training:
                self.u.assign(ops.cast(new_u, self.u.dtype))
                if self.inference == "stored":
                    self.v.assign(ops.cast(new_v, self.v.dtype))
        return ops.cast(kernel / sigma, self.compute_dtype)

    def get_config(self):
        config = super().get_config()
        config.update({"power_iterations": self.power_iterations, "epsilon": self.epsilon})
        if self.inference != "power_iteration":
            config["inference"] = self.inference
        return config
