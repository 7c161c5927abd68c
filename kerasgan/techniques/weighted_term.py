import keras

from kerasgan.techniques.technique import Technique
from kerasgan.techniques.technique import non_negative


@keras.saving.register_keras_serializable(package="kerasgan")
class WeightedTerm(Technique):
    """Base of the techniques that add one term with a coefficient `weight` >= 0 to a loss
    (penalties, regularisers): the check of `weight` and its place in the config. A subclass gives
    its default in its own signature and computes the term in `discriminator_terms` or
    `generator_terms`.

    Example:

    ```python
    class FakeMean(kerasgan.techniques.WeightedTerm):  # a made-up term: the fakes' mean, weighted
        loss_terms = ("fake_mean",)

        def generator_terms(self, gan, step):
            return {"fake_mean": self.weight * keras.ops.abs(keras.ops.mean(step.fake))}

    term = FakeMean(0.1)
    ```
    """

    def __init__(self, weight, **kwargs):
        super().__init__(**kwargs)
        self.weight = non_negative(weight, "weight", type(self).__name__)

    def get_config(self):
        return {**super().get_config(), "weight": self.weight}
