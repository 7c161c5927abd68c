import keras
from keras import ops

from kerasgan.techniques.weighted_term import WeightedTerm


@keras.saving.register_keras_serializable(package="kerasgan")
class ActivationPenalty(WeightedTerm):
    """MMD GAN's L2 penalty on the critic's activations, in the critic's loss, logged as
    `activation_penalty`.

    Bińkowski, Sutherland, Arbel & Gretton, "Demystifying MMD GANs", ICLR 2018. Reference:
    mbinkowski/MMD-GAN, `add_l2_penalty` in `gan/core/model.py` (`--L2_discriminator_penalty=1` in
    its MNIST, CIFAR-10, CelebA and LSUN scripts): for each sample, the sum over the chosen layers
    of the mean of its squared activations, on the real and on the generated batch; the mean over
    the batch of the two sums, times `weight`. It keeps the critic's features from growing without
    bound (the MMD loss alone is unbounded in their scale).

    The layers are the discriminator's `penalized_layers` (`MMDGANCritic`: its four convolution
    blocks after the leaky ReLU and its output features, as the reference's `d_layers`), or the
    names given; their outputs come from a second pass of the discriminator on the images it
    judged (the same values: the critic is deterministic).

    Args:
        weight: the coefficient (the reference: 1).
        layers: names of the discriminator's layers; None uses its `penalized_layers`.

    Example:

    ```python
    d = kerasgan.models.MMDGANCritic(image_shape=(28, 28, 1), base_filters=8)
    penalty = kerasgan.techniques.ActivationPenalty(1.0)
    ```
    """

    loss_terms = ("activation_penalty",)

    def __init__(self, weight=1.0, layers=None, **kwargs):
        super().__init__(weight, **kwargs)
        if layers is not None and (isinstance(layers, str) or not all(isinstance(n, str) for n in layers)):
            raise ValueError(f"ActivationPenalty expects `layers` as a list of layer names or None; received "
                             f"{layers!r}.")
        self.layers = None if layers is None else list(layers)
        object.__setattr__(self, "_taps", None)

    def attach(self, gan):
        super().attach(gan)
        network = gan.discriminator
        names = self.layers if self.layers is not None else getattr(network, "penalized_layers", None)
        if not names:
            raise ValueError(f"ActivationPenalty needs the discriminator's layers to penalise: pass `layers=` or use a "
                             f"discriminator with `penalized_layers` (MMDGANCritic); received a "
                             f"{type(network).__name__} without them.")
        known = {layer.name for layer in network.layers}
        missing = [n for n in names if n not in known]
        if missing:
            raise ValueError(f"ActivationPenalty: the discriminator {network.name!r} has no layer named "
                             f"{', '.join(map(repr, missing))}; its layers are {sorted(known)}.")
        inputs = network.inputs if len(network.inputs) > 1 else network.inputs[0]
        # Untracked: a second owner of the discriminator's layers would change the weights file.
        object.__setattr__(self, "_taps", keras.Model(inputs, [network.get_layer(n).output for n in names]))

    def discriminator_terms(self, gan, step):
        total = 0.0
        for images, labels in ((step.real, step.real_labels), (step.fake, step.fake_labels)):
            outputs = self._taps([images, labels] if gan.conditional else images, training=True)
            per_sample = 0.0
            for h in outputs if isinstance(outputs, (list, tuple)) else [outputs]:
                h = ops.cast(h, "float32")
                per_sample = per_sample + ops.mean(ops.reshape(ops.square(h), (ops.shape(h)[0], -1)), axis=1)
            total = total + ops.mean(per_sample)
        return {"activation_penalty": self.weight * total}

    def get_config(self):
        return {**super().get_config(), "layers": self.layers}
