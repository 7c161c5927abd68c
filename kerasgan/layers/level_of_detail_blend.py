import keras
from keras import ops


@keras.saving.register_keras_serializable(package="kerasgan")
class LevelOfDetailBlend(keras.layers.Layer):
    """ProGAN's fade-in: `a + (b - a) * clip(lod - offset, 0, 1)` for inputs `[a, b]`.

    The level of detail `lod` is a non-trainable scalar variable of the layer (0 = full
    resolution; each unit halves it), set by the training step (`ProGAN.begin_step`) and saved
    with the model. In the generator `a` is the new block's toRGB output and `b` the upsampled
    output of the lower resolutions; in the discriminator `a` is the new block's features and `b`
    the features of the downscaled image (`lerp_clip` of the reference's linear structure).

    Reference: Karras et al., "Progressive Growing of GANs", ICLR 2018;
    tkarras/progressive_growing_of_gans `networks.py`.

    Args:
        offset: the level of detail at which this block is fully faded in (`log2(size) - res`).

    Example:

    >>> import numpy as np
    >>> from kerasgan.layers import LevelOfDetailBlend
    >>> blend = LevelOfDetailBlend(offset=1)
    >>> a, b = np.zeros((1, 2), "float32"), np.ones((1, 2), "float32")
    >>> _ = blend([a, b]); blend.lod.assign(1.25)
    >>> np.asarray(blend([a, b])).tolist()
    [[0.25, 0.25]]
    """

    def __init__(self, offset, **kwargs):
        super().__init__(**kwargs)
        if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
            raise ValueError(f"`offset` must be a non-negative int; received offset={offset!r}.")
        self.offset = offset

    def build(self, input_shape):
        self.lod = self.add_weight(shape=(), initializer="zeros", trainable=False, name="lod")

    def call(self, inputs):
        a, b = inputs
        t = ops.clip(ops.cast(self.lod, a.dtype) - float(self.offset), 0.0, 1.0)
        return a + (b - a) * t

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[0])

    def get_config(self):
        return {**super().get_config(), "offset": self.offset}
