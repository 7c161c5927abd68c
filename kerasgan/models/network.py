import keras

# The dtype of a generator's layers to the image channels (its last convolution, ProGAN's to-RGB
# path): float32 under every mixed-precision policy. It costs little (few output channels), keeps
# the images at full precision, and avoids torch's CPU float16 convolution, whose weight gradient
# fails ("slow_conv2d: grad_weight must be contiguous") for a single output channel.
OUTPUT_DTYPE = "float32"


class Network(keras.Model):
    """Base of kerasgan's generators and discriminators.

    A functional `keras.Model` built at construction (so shapes, `summary()` and export work at
    once) whose config is its constructor's arguments, the keras-hub backbone pattern. Subclasses
    build their graph and call `super().__init__(inputs, outputs, config=locals-of-interest)`.

    Feature convention: a discriminator also names its penultimate features (`features=`, the
    tensor its logits are computed from, flattened or pooled to `(N, F)`), and
    `call_with_features(inputs)` returns `(outputs, features)` in one pass, for the techniques
    that use them (feature matching, minibatch discrimination, MMD critics) without knowing the
    architecture. The second graph shares every layer; it is not tracked, so saving is unchanged.

    Args:
        inputs, outputs: the functional graph.
        config: the subclass's constructor arguments, returned by `get_config`.
        features: the penultimate features tensor of the graph (discriminators).

    Example:

    ```python
    g = kerasgan.models.DCGANGenerator(image_shape=(28, 28, 1))
    same = kerasgan.models.DCGANGenerator.from_config(g.get_config())
    ```
    """

    def __init__(self, inputs, outputs, config, features=None, **kwargs):
        super().__init__(inputs=inputs, outputs=outputs, **kwargs)
        self._network_config = dict(config)
        for key, value in config.items():
            setattr(self, key, value)
        # Untracked (object.__setattr__): a second owner of the same layers would change the
        # weights file's layout and the torch module tree.
        object.__setattr__(self, "_feature_graph", None)
        object.__setattr__(self, "_features", features)

    @property
    def gives_features(self):
        """Whether `call_with_features` works: the network named its penultimate features."""
        return self._features is not None

    @property
    def feature_shape(self):
        """The shape of one example's penultimate features (`None`: it names none)."""
        return None if self._features is None else tuple(self._features.shape[1:])

    def call_with_features(self, inputs, training=False):
        """`(outputs, features)`: what `self(inputs)` returns and the penultimate features."""
        if self._features is None:
            raise ValueError(f"{type(self).__name__} names no penultimate features (`features=` of Network).")
        if self._feature_graph is None:
            outputs = self.outputs if len(self.outputs) > 1 else self.outputs[0]
            graph = keras.Model(self.inputs if len(self.inputs) > 1 else self.inputs[0], [outputs, self._features])
            object.__setattr__(self, "_feature_graph", graph)
        outputs, features = self._feature_graph(inputs, training=training)
        return outputs, features

    def get_config(self):
        return {"name": self.name, "trainable": self.trainable, **self._network_config}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        return cls(**config)


def image_shape_arg(image_shape, cls_name):
    shape = tuple(int(s) for s in image_shape)
    if len(shape) != 3 or min(shape) < 1:
        raise ValueError(
            f"{cls_name} expects `image_shape` as (height, width, channels); received {image_shape!r}."
        )
    return shape


def num_resamplings(image_shape, cls_name):
    """Number of 2x resamplings between a 4x4 grid and square images of size 4*2^k."""
    size = image_shape[0]
    n = 0
    while size > 4 and size % 2 == 0:
        size //= 2
        n += 1
    if size != 4 or image_shape[0] != image_shape[1] or n < 1:
        raise ValueError(f"{cls_name} expects square images of size 4*2^k (k >= 1); received {image_shape}.")
    return n
