import keras
from keras import ops

from kerasgan.techniques.technique import Technique


@keras.saving.register_keras_serializable(package="kerasgan")
class WeightClipping(Technique):
    """WGAN's weight clipping: every discriminator weight clamped to [−clip, clip].

    Arjovsky, Chintala & Bottou, "Wasserstein GAN", ICML 2017: every trainable parameter of the
    critic (BatchNorm's scale and offset too, and the heads techniques add to it; not BatchNorm's
    moving statistics) is clamped to [−0.01, 0.01] before each critic update, as the reference
    (martinarjovsky/WassersteinGAN, `main.py`) does, and again after it, as the paper's
    Algorithm 1 does: every critic update starts from clamped weights, and the generator's update
    and the trained model see a critic within ±clip (the reference's generator sees the last
    update's unclamped weights, at most one RMSprop step outside). It needs a critic
    (`adversarial_loss="wasserstein"`; other losses are refused); RMSprop(5e-5) for both networks
    and `CriticSchedule()` give the authors' recipe.

    Args:
        clip: c, the bound (0.01 in the paper).

    Example:

    ```python
    techniques = [kerasgan.techniques.WeightClipping(0.01), kerasgan.techniques.CriticSchedule()]
    gan = kerasgan.models.DCGAN(image_shape=(32, 32, 3), base_filters=8, adversarial_loss="wasserstein",
                                techniques=techniques)
    gan.compile(g_optimizer=keras.optimizers.RMSprop(5e-5), d_optimizer=keras.optimizers.RMSprop(5e-5))
    ```
    """

    def __init__(self, clip=0.01, **kwargs):
        super().__init__(**kwargs)
        if isinstance(clip, bool) or not isinstance(clip, (int, float)) or not clip > 0:
            raise ValueError(f"WeightClipping expects `clip` as a number > 0; received {clip!r}.")
        self.clip = float(clip)

    def check(self, gan):
        if gan._adversarial.name != "wasserstein":
            raise ValueError(
                f"WeightClipping keeps a Wasserstein critic Lipschitz; {type(gan).__name__} trains its discriminator "
                f"with {gan._adversarial.name!r}: use adversarial_loss='wasserstein'."
            )

    def before_update(self, gan, update):
        if update == "discriminator":
            for variable in gan.discriminator_variables:
                variable.assign(ops.clip(variable, -self.clip, self.clip))

    after_update = before_update

    def get_config(self):
        return {**super().get_config(), "clip": self.clip}
