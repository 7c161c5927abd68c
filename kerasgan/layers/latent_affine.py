import keras


@keras.saving.register_keras_serializable(package="kerasgan")
class LatentAffine(keras.layers.Layer):
    """A learnable per-dimension scale and shift of a latent vector: `z * scale + shift`.

    IVGAN's generator starts with it (`CostumeAffine` in zhangliangyu32/IVGAN `model_GAN.py`):
    scale initialised N(1, 0.02), shift 0, so the generator can re-weigh each latent block that
    the encoder and the intervention fill.

    Reference: Liang et al., "Intervention Generative Adversarial Networks", arXiv:2008.03712.

    Args:
        scale_stddev: standard deviation of the scale's N(1, ·) initialisation.

    Example:

    >>> import numpy as np
    >>> from kerasgan.layers import LatentAffine
    >>> tuple(LatentAffine()(np.zeros((2, 100), "float32")).shape)
    (2, 100)
    """

    def __init__(self, scale_stddev=0.02, **kwargs):
        super().__init__(**kwargs)
        if isinstance(scale_stddev, bool) or not isinstance(scale_stddev, (int, float)) or scale_stddev < 0:
            raise ValueError(f"`scale_stddev` must be a number >= 0; received scale_stddev={scale_stddev!r}.")
        self.scale_stddev = float(scale_stddev)

    def build(self, input_shape):
        if len(input_shape) != 2 or input_shape[-1] is None:
            raise ValueError(f"LatentAffine expects (batch, latent_dim) inputs; received shape {tuple(input_shape)}.")
        dim = input_shape[-1]
        self.scale = self.add_weight(shape=(dim,), initializer=keras.initializers.RandomNormal(1.0, self.scale_stddev),
                                     name="scale")
        self.shift = self.add_weight(shape=(dim,), initializer="zeros", name="shift")

    def call(self, inputs):
        return inputs * keras.ops.cast(self.scale, inputs.dtype) + keras.ops.cast(self.shift, inputs.dtype)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        return {**super().get_config(), "scale_stddev": self.scale_stddev}
