import math

import keras
from keras import ops

from kerasgan import losses as gan_losses
from kerasgan.techniques.technique import Technique
from kerasgan.techniques.technique import non_negative


@keras.saving.register_keras_serializable(package="kerasgan")
class TemperingLens(Technique):
    """Tempered adversarial networks: a lens network between the real images and the
    discriminator, trained to make the real images harder to tell from the fakes, then
    gradually forced to the identity.

    Sajjadi, Parascandolo, Mehrjou & Schölkopf, "Tempered Adversarial Networks", ICML 2018. The
    discriminator sees `L(x)` for real images `x` and the fakes as they are. The lens minimises
    `λ(t)·L_A + ‖x − L(x)‖²`, with `L_A = −L_D` (the discriminator's adversarial loss on `L(x)`
    and the fakes, the fakes' side held fixed) and `λ(t) = 1 − sin(tπ / 2K)` for `t ≤ K`, 0 after,
    `t` the generator update. The lens is the generator's ally ("gives the generator control over
    the real samples"): it is trained in the generator update, by the generator's optimizer
    (`Technique.trains_with_generator`; its term is logged as `lens`, and `lens_lambda` is λ
    after the step, for the next update).

    No code was released. This library's choices where the paper is not followed to the letter:
    the default lens (`lens=None`) is a residual network whose last layer starts at zero, so
    `L` starts as the identity: for images, three 3×3 convolutions (32, 32, C filters, LeakyReLU
    0.2); for vectors, three dense layers (64, 64, D). `‖x − L(x)‖²` is summed over each example
    and averaged over the batch. Any Keras model from images to images of the same shape may be
    given as `lens` instead.

    Args:
        schedule_steps: K, the generator updates over which λ falls from 1 to 0 (the length of
            the tempering phase; the paper ties it to the training's length).
        lens: `None` (the default lens) or a `keras.Model` mapping images to images.
        reconstruction_weight: the coefficient of `‖x − L(x)‖²` (1 in the paper).

    Example:

    ```python
    gan = kerasgan.models.DCGAN(image_shape=(28, 28, 1), base_filters=8,
                                techniques=[kerasgan.techniques.TemperingLens(schedule_steps=2000)])
    ```
    """

    loss_terms = ("lens", "lens_lambda")
    trains_with_generator = True

    def __init__(self, schedule_steps, lens=None, reconstruction_weight=1.0, **kwargs):
        super().__init__(**kwargs)
        if isinstance(schedule_steps, bool) or not isinstance(schedule_steps, int) or schedule_steps < 1:
            raise ValueError(f"TemperingLens expects `schedule_steps` as a positive int; received {schedule_steps!r}.")
        if isinstance(lens, dict):
            lens = keras.saving.deserialize_keras_object(lens)
        if lens is not None and not isinstance(lens, keras.layers.Layer):
            raise ValueError(f"TemperingLens expects `lens` as None or a keras.Model; received {type(lens).__name__}.")
        self.schedule_steps = schedule_steps
        self.given_lens = lens is not None
        self.lens = lens
        self.reconstruction_weight = non_negative(reconstruction_weight, "reconstruction_weight", "TemperingLens")

    def attach(self, gan):
        if self.lens is None:
            self.lens = default_lens(gan.image_shape)
        probe = ops.zeros((1, *gan.image_shape))
        shape = tuple(self.lens(probe).shape)
        if shape != (1, *gan.image_shape):
            raise ValueError(f"TemperingLens expects a lens mapping images of shape {gan.image_shape} to the same "
                             f"shape; {self.lens.name} gives {shape[1:]}.")

    def weight(self, gan):
        """λ(t) at the GAN's current generator update."""
        t = ops.cast(gan.g_optimizer.iterations, "float32")
        falling = 1.0 - ops.sin(t * math.pi / (2.0 * self.schedule_steps))
        return ops.where(t <= self.schedule_steps, falling, 0.0)

    def see_real(self, gan, images, step):
        lensed = self.lens(images, training=True)
        # The generator's own loss (relativistic ones see the real side) must not train the lens.
        return lensed if step.update == "discriminator" else ops.stop_gradient(lensed)

    def generator_terms(self, gan, step):
        lensed = self.lens(step.real, training=True)
        real_logits = gan.discriminate(lensed, step.real_labels, training=True)
        d_loss = gan_losses.get(gan.adversarial_loss).discriminator(real_logits, ops.stop_gradient(step.fake_logits))
        gap = ops.cast(ops.reshape(step.real - lensed, (ops.shape(lensed)[0], -1)), "float32")
        reconstruction = ops.mean(ops.sum(ops.square(gap), axis=1))
        return {"lens": self.weight(gan) * -d_loss + self.reconstruction_weight * reconstruction}

    def logs(self, gan):
        return {"lens_lambda": self.weight(gan)}

    def get_config(self):
        lens = keras.saving.serialize_keras_object(self.lens) if self.given_lens else None
        return {**super().get_config(), "schedule_steps": self.schedule_steps, "lens": lens,
                "reconstruction_weight": self.reconstruction_weight}


def default_lens(image_shape):
    """A residual lens that starts as the identity (its last layer's weights are zero)."""
    x = keras.Input(image_shape)
    if len(image_shape) == 3:
        h = keras.layers.LeakyReLU(0.2)(keras.layers.Conv2D(32, 3, padding="same")(x))
        h = keras.layers.LeakyReLU(0.2)(keras.layers.Conv2D(32, 3, padding="same")(h))
        h = keras.layers.Conv2D(image_shape[-1], 3, padding="same", kernel_initializer="zeros")(h)
    else:
        h = keras.layers.LeakyReLU(0.2)(keras.layers.Dense(64)(x))
        h = keras.layers.LeakyReLU(0.2)(keras.layers.Dense(64)(h))
        h = keras.layers.Dense(image_shape[-1], kernel_initializer="zeros")(h)
    return keras.Model(x, keras.layers.Add()([x, h]), name="lens")
