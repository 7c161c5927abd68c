import keras
from keras import ops

from kerasgan.techniques.technique import Technique
from kerasgan.techniques.technique import non_negative

DISTANCES = ("squared", "absolute")


@keras.saving.register_keras_serializable(package="kerasgan")
class FeatureMatching(Technique):
    """Feature matching: the generator matches the mean of the discriminator's penultimate
    features on real images, instead of maximising the discriminator's output.

    Salimans, Goodfellow, Zaremba, Cheung, Radford & Chen, "Improved Techniques for Training GANs",
    NeurIPS 2016, section 3.1: `‖E_x f(x) − E_z f(G(z))‖²` over an intermediate layer f of the
    discriminator. Reference: openai/improved-gan, `mnist_svhn_cifar10/`: the generator's whole
    loss is `mean((m_real − m_fake)²)` over the features (`train_mnist_feature_matching.py`) or
    `mean(|m_real − m_fake|)` (the CIFAR-10 and SVHN scripts), with f the layer before the last
    dense one, as `kerasgan` discriminators give it (`kerasgan.models.Network`). Logged as
    `feature_matching`.

    Deviations: the real images are the iteration's last discriminator batch (the reference draws
    a second, independently shuffled batch); the features are of what the discriminator sees
    (after `see_real` / `see_fake` of earlier techniques).

    Args:
        distance: `"squared"` (the paper and the MNIST script) or `"absolute"` (CIFAR-10/SVHN).
        weight: the term's coefficient (1: the reference).
        keep_adversarial: add the term to the model's adversarial generator loss instead of
            replacing it (`False`: replace it, as the paper).

    Example:

    ```python
    gan = kerasgan.models.DCGAN(image_shape=(28, 28, 1), base_filters=8,
                                techniques=[kerasgan.techniques.FeatureMatching()])
    ```
    """

    loss_terms = ("feature_matching",)
    uses_features = True
    generator_sees_real = True

    def __init__(self, distance="squared", weight=1.0, keep_adversarial=False, **kwargs):
        super().__init__(**kwargs)
        if distance not in DISTANCES:
            raise ValueError(f"FeatureMatching expects `distance` in {DISTANCES}; received {distance!r}.")
        if not isinstance(keep_adversarial, bool):
            raise ValueError(
                f"FeatureMatching expects `keep_adversarial` as True or False; received {keep_adversarial!r}."
            )
        self.distance = distance
        self.weight = non_negative(weight, "weight", "FeatureMatching")
        self.keep_adversarial = keep_adversarial

    @property
    def replaces_generator_loss(self):
        return not self.keep_adversarial

    def generator_terms(self, gan, step):
        gap = _mean_features(step.real_features) - _mean_features(step.fake_features)
        value = ops.mean(ops.square(gap)) if self.distance == "squared" else ops.mean(ops.abs(gap))
        return {"feature_matching": self.weight * value}

    def get_config(self):
        return {**super().get_config(), "distance": self.distance, "weight": self.weight,
                "keep_adversarial": self.keep_adversarial}


def _mean_features(features):
    features = ops.cast(features, "float32")
    return ops.mean(ops.reshape(features, (ops.shape(features)[0], -1)), axis=0)
