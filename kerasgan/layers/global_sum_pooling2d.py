import keras
from keras import ops


@keras.saving.register_keras_serializable(package="kerasgan")
class GlobalSumPooling2D(keras.layers.Layer):
    """Sum over the spatial axes: (N, H, W, C) → (N, C).

    The SN-GAN / projection discriminators pool by summing, not averaging
    (pfnet-research/sngan_projection, `F.sum(h, axis=(2, 3))`), which scales the logit with the
    feature-map area.

    Example:

    ```python
    kerasgan.layers.GlobalSumPooling2D()(np.ones((2, 4, 4, 3), "float32"))  # all 16.0
    ```
    """

    def call(self, inputs):
        return ops.sum(inputs, axis=(1, 2))

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[-1])
