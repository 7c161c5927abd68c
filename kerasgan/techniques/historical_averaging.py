import keras
from keras import ops

from kerasgan.techniques.weighted_term import WeightedTerm

_PLAYERS = ("discriminator", "generator")


@keras.saving.register_keras_serializable(package="kerasgan")
class HistoricalAveraging(WeightedTerm):
    """Historical averaging: each player's loss gains `weight · ‖θ − (1/t) Σ_{i≤t} θ[i]‖²`, the
    squared distance of its parameters from their average over its past updates.

    Salimans, Goodfellow, Zaremba, Cheung, Radford & Chen, "Improved Techniques for Training GANs",
    NeurIPS 2016, section 3.3 (inspired by fictitious play). The released code
    (openai/improved-gan) does not implement it, so this follows the paper's formula: θ[i] are
    the network's trainable variables after each of its i updates (a running mean kept as
    variables of the technique, saved and resumed with the model), the term is 0 before the first
    update, and it is logged as `historical_d` / `historical_g`. The paper gives no coefficient:
    `weight=1.0` is kerasgan's choice. Techniques' own heads (minibatch discrimination) are not
    averaged, only the two networks.

    Args:
        weight: the coefficient of both players' terms.

    Example:

    ```python
    gan = kerasgan.models.DCGAN(image_shape=(28, 28, 1), base_filters=8,
                                techniques=[kerasgan.techniques.HistoricalAveraging(1.0)])
    ```
    """

    loss_terms = ("historical_d", "historical_g")

    def __init__(self, weight=1.0, **kwargs):
        super().__init__(weight, **kwargs)

    def check(self, gan):
        if any(t.schedules_critic for t in gan.step_techniques):
            raise ValueError(
                f"HistoricalAveraging averages every generator update, but {type(gan).__name__} has a critic schedule "
                "that discards some of them: use one or the other."
            )

    def attach(self, gan):
        self.averages = {
            player: [self.add_weight(shape=v.shape, initializer="zeros", trainable=False, name=f"{player}_average_{i}")
                     for i, v in enumerate(_variables(gan, player))]
            for player in _PLAYERS
        }
        self.updates = {player: self.add_weight(shape=(), dtype="int32", initializer="zeros", trainable=False,
                                                name=f"{player}_updates") for player in _PLAYERS}

    def _term(self, gan, player):
        distance = sum(ops.sum(ops.square(ops.cast(v, "float32") - a))
                       for v, a in zip(_variables(gan, player), self.averages[player], strict=True))
        return ops.where(ops.greater(self.updates[player], 0), self.weight * distance, 0.0)

    def discriminator_terms(self, gan, step):
        return {"historical_d": self._term(gan, "discriminator")}

    def generator_terms(self, gan, step):
        return {"historical_g": self._term(gan, "generator")}

    def after_update(self, gan, update):
        if update not in _PLAYERS:
            return
        count = self.updates[update] + 1
        self.updates[update].assign(count)
        share = 1.0 / ops.cast(count, "float32")
        for variable, average in zip(_variables(gan, update), self.averages[update], strict=True):
            average.assign(average + (ops.cast(variable, "float32") - average) * share)


def _variables(gan, player):
    return getattr(gan, player).trainable_variables
