import keras


@keras.saving.register_keras_serializable(package="kerasgan")
class Bias(keras.layers.Layer):
    """A learnable per-channel bias (last axis), initialised to zero.

    ProGAN adds biases separately from its weights: after the reshape of the first dense layer
    (one bias per feature map, not per unit) and after the average pooling of its fused
    downsampling convolutions (`apply_bias` in tkarras/progressive_growing_of_gans).

    Reference: Karras et al., "Progressive Growing of GANs", ICLR 2018.

    Example:

    >>> import numpy as np
    >>> from kerasgan.layers import Bias
    >>> tuple(Bias()(np.zeros((2, 4, 4, 8), "float32")).shape)
    (2, 4, 4, 8)
    """

    def build(self, input_shape):
        if input_shape[-1] is None:
            raise ValueError(f"Bias needs a defined last axis; received input shape {tuple(input_shape)}.")
        self.bias = self.add_weight(shape=(input_shape[-1],), initializer="zeros", name="bias")

    def call(self, inputs):
        return inputs + keras.ops.cast(self.bias, inputs.dtype)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)
