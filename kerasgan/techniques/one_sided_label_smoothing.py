import keras
from keras import ops

from kerasgan.techniques.technique import Technique

# The losses whose discriminator side is the binary cross-entropy on logits that a soft real target changes.
_CROSS_ENTROPY = ("non_saturating", "minimax")


@keras.saving.register_keras_serializable(package="kerasgan")
class OneSidedLabelSmoothing(Technique):
    """One-sided label smoothing: the discriminator's target for real images is α (0.9), not 1;
    the fakes' target stays 0.

    Salimans, Goodfellow, Zaremba, Cheung, Radford & Chen, "Improved Techniques for Training GANs",
    NeurIPS 2016, section 3.4 (reference: openai/improved-gan, `imagenet/` with `d_label_smooth`,
    the real target 1 − 0.25 there). The binary cross-entropy with target α on a real logit r is
    `−α log σ(r) − (1 − α) log(1 − σ(r)) = softplus(−r) + (1 − α) r`, so the technique adds
    `(1 − α) · mean(real logits)` to the cross-entropy loss (`non_saturating` or `minimax`,
    whose discriminator sides are that loss), logged as `label_smoothing`: the sum is the smoothed
    loss exactly. Other adversarial losses have no target to smooth and are refused.

    Args:
        alpha: α, the real images' target, in (0, 1] (0.9 in the paper; 1 changes nothing).

    Example:

    ```python
    gan = kerasgan.models.DCGAN(image_shape=(28, 28, 1), base_filters=8,
                                techniques=[kerasgan.techniques.OneSidedLabelSmoothing(0.9)])
    ```
    """

    loss_terms = ("label_smoothing",)

    def __init__(self, alpha=0.9, **kwargs):
        super().__init__(**kwargs)
        if isinstance(alpha, bool) or not isinstance(alpha, (int, float)) or not 0 < alpha <= 1:
            raise ValueError(f"OneSidedLabelSmoothing expects `alpha`, the real target, in (0, 1]; received {alpha!r}.")
        self.alpha = float(alpha)

    def check(self, gan):
        loss = gan._adversarial.name
        if loss not in _CROSS_ENTROPY:
            raise ValueError(
                f"OneSidedLabelSmoothing smooths the real target of a cross-entropy discriminator loss "
                f"({' or '.join(_CROSS_ENTROPY)}); {type(gan).__name__} trains with {loss!r}, which has no target."
            )

    def discriminator_terms(self, gan, step):
        return {"label_smoothing": (1.0 - self.alpha) * ops.mean(ops.cast(step.real_logits, "float32"))}

    def get_config(self):
        return {**super().get_config(), "alpha": self.alpha}
