import keras

from kerasgan.layers.weight_normalized_dense import WeightNormalizedDense
from kerasgan.models.network import Network
from kerasgan.models.network import image_shape_arg


@keras.saving.register_keras_serializable(package="kerasgan")
class SSGANDiscriminator(Network):
    """The semi-supervised GAN's discriminator: a classifier of `num_classes` logits whose
    log-sum-exp is the real/fake logit (`kerasgan.models.SemiSupervisedGAN`).

    openai/improved-gan, `mnist_svhn_cifar10/train_mnist_feature_matching.py` (Salimans et al.,
    "Improved Techniques for Training GANs", NeurIPS 2016): the image flattened, Gaussian noise
    (σ 0.3) on the input and (σ 0.5) after every hidden layer, weight-normalised dense layers of
    `units` (1000-500-250-250-250) with ReLU, θ ~ N(0, 0.1), scales fixed at their data-dependent
    initial values (`initialize_from_data`), and a last weight-normalised layer to the class
    logits whose scale is trained. The noise acts in training only. Its penultimate features
    (the last hidden layer, before its noise) are what the generator's feature matching compares.

    Args:
        image_shape: `(H, W, C)` of the images, in [-1, 1] as every kerasgan model's; the network
            maps them to the reference's [0, 1] first, so the noise has the reference's scale.
        num_classes: classes of the labelled data.
        units: widths of the hidden layers.
        input_noise, hidden_noise: standard deviations of the Gaussian noise.

    Example:

    ```python
    d = kerasgan.models.SSGANDiscriminator()
    d(np.zeros((4, 28, 28, 1), "float32")).shape  # (4, 10)
    ```
    """

    def __init__(self, image_shape=(28, 28, 1), num_classes=10, units=(1000, 500, 250, 250, 250), input_noise=0.3,
                 hidden_noise=0.5, name="ssgan_discriminator", **kwargs):
        image_shape = image_shape_arg(image_shape, "SSGANDiscriminator")
        if isinstance(num_classes, bool) or not isinstance(num_classes, int) or num_classes < 2:
            raise ValueError(f"SSGANDiscriminator expects `num_classes` as an int >= 2; received {num_classes!r}.")
        units = tuple(units)
        if not units or any(isinstance(u, bool) or not isinstance(u, int) or u < 1 for u in units):
            raise ValueError(f"SSGANDiscriminator expects `units` as positive ints; received {units!r}.")
        for key, value in (("input_noise", input_noise), ("hidden_noise", hidden_noise)):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ValueError(f"SSGANDiscriminator expects `{key}` >= 0; received {value!r}.")
        images = keras.Input(image_shape, name="images")
        pixels = keras.layers.Rescaling(0.5, offset=0.5, name="to_unit_range")(images)  # the reference's [0, 1]
        h = keras.layers.GaussianNoise(input_noise, name="input_noise")(keras.layers.Flatten()(pixels))
        for index, width in enumerate(units):
            features = WeightNormalizedDense(width, "relu", name=f"dense_{index}")(h)
            h = keras.layers.GaussianNoise(hidden_noise, name=f"noise_{index}")(features)
        logits = WeightNormalizedDense(num_classes, train_scale=True, name="classes", dtype="float32")(h)
        config = dict(image_shape=image_shape, num_classes=num_classes, units=list(units),
                      input_noise=float(input_noise), hidden_noise=float(hidden_noise))
        super().__init__(images, logits, config, features=features, name=name, **kwargs)
        # The GAN's discriminator judges images alone: its classes are not a conditioning input.
        self.classes = num_classes
        self.num_classes = 0

    def initialize_from_data(self, images):
        """The reference's data-dependent initialization (`init_param`, on 500 training images):
        each weight-normalised layer in turn standardises its pre-activations on what reaches it,
        noise included."""
        h = keras.ops.convert_to_tensor(images, "float32")
        for layer in self.layers:
            if isinstance(layer, keras.layers.InputLayer):
                continue
            if isinstance(layer, WeightNormalizedDense):
                h = layer.initialize_from_data(h)
            elif isinstance(layer, keras.layers.GaussianNoise):
                h = layer(h, training=True)
            else:
                h = layer(h)
        return h
