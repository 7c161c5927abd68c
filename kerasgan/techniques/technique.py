import numbers
import weakref

import keras


@keras.saving.register_keras_serializable(package="kerasgan")
class Technique(keras.layers.Layer):
    """Base of the training techniques a `kerasgan.GAN` composes: `GAN(..., techniques=[...])`.

    A technique changes one GAN's training through narrow hooks, each optional (the defaults
    change nothing). Every hook receives the GAN and the update's `kerasgan.StepContext`, whose
    `update` says which update runs (`"discriminator"` or `"generator"`):

    - `see_real(gan, images, step)` / `see_fake(gan, images, step)`: what the discriminator's
      adversarial output sees of the real and of the generated images (augmentation, noise, a
      lens, adversarial examples). Real images are seen in the discriminator update only; fakes
      in both. `step.real` and `step.fake` hold both sides as they were before any technique.
    - `discriminator_terms(gan, step)` / `generator_terms(gan, step)`: `{name: scalar}` added to
      that update's loss and logged under `name`, which must be in `loss_terms`. The step holds
      the real and fake images, labels, logits and, for a technique with `uses_features`, the
      discriminator's penultimate features (`real_features`, `fake_features`).
    - `before_update(gan, update)` / `after_update(gan, update)`: before and after the
      discriminator's or the generator's update (`update` is `"discriminator"` or
      `"generator"`): project or clip weights (WGAN clips before each critic update).
    - `critic_steps(gan, generator_step)`: the discriminator updates this generator update needs
      (an int tensor; `None`: the GAN's `n_critic`), for schedules that change during training.
    - `logs(gan)`: `{name: scalar}` of the technique's own numbers to log each step (names in
      `loss_terms` too), e.g. ADA's probability.
    - `attach(gan)`: create the technique's variables for this GAN (called once, when it joins
      the GAN), e.g. a head sized to the discriminator's features.
    - `extend_logits(gan, logits, features)`: for a technique with `extends_discriminator`, the
      discriminator's logits with the technique's head added, from its penultimate features
      (minibatch discrimination); `gan.discriminate` applies it everywhere the GAN runs D.
    - `normalize(gan, critic, images)`: for a technique with `normalizes_discriminator`, the
      discriminator's output recomputed from `critic(images)` (logits, or `(logits, features)`):
      gradient normalisation; `gan.discriminate` applies it outermost, everywhere the GAN runs D.
    - `check(gan)`: raise a `ValueError` naming the technique, the model and why, when the
      technique cannot work with `gan` (called when the GAN is built and by `add_techniques`).

    Order: techniques run in list order within each hook: the first one's `see_real` sees the raw
    images, the second one sees the first one's output, and so on; terms are summed (order does
    not change the sum, only which random numbers each technique draws). The GAN's own
    shorthand arguments (`augment`, `instance_noise`) come first, in that order.

    State: a technique is a Keras layer tracked by the GAN, so its variables (`add_weight`) are
    saved with the model, restored by `load_weights` and training checkpoints, threaded through
    the JAX trainer's state and mirrored under `tf.distribute` like the networks'; its random
    numbers come from `gan.seed_generator` (or a counter variable of its own). `get_config`
    holds its arguments, so a saved GAN is rebuilt with its techniques.

    Class attributes: `loss_terms` (names it logs), `requires_input_gradients` (it
    differentiates through the discriminator's input gradient: torch trains eagerly),
    `uses_features` (it needs the discriminator's penultimate features: discriminators built on
    `kerasgan.models.Network` give them; `extends_discriminator` implies it),
    `generator_sees_real` (the generator update also runs the discriminator on the real images,
    for `real_logits` / `real_features` in `generator_terms`: relativistic losses, feature
    matching), `replaces_generator_loss` (the generator's loss is the techniques' terms alone,
    without the adversarial loss: feature matching as in the paper), `extends_discriminator`
    (it adds a head to the discriminator's logits: `extend_logits`), `normalizes_discriminator`
    (it replaces the discriminator's output: `normalize`; one such technique per GAN),
    `trains_with_generator` (its trainable variables, e.g. a lens network, are trained by the
    generator's optimizer in the generator update, on the terms it adds there).

    Example:

    ```python
    import kerasgan
    from keras import ops

    class FakeMean(kerasgan.techniques.Technique):  # a made-up term: penalise the fakes' mean
        loss_terms = ("fake_mean",)

        def generator_terms(self, gan, step):
            return {"fake_mean": 0.1 * ops.abs(ops.mean(step.fake))}

    gan = kerasgan.models.DCGAN(image_shape=(28, 28, 1), base_filters=8, techniques=[FakeMean()])
    ```
    """

    loss_terms = ()
    requires_input_gradients = False
    uses_features = False
    generator_sees_real = False
    replaces_generator_loss = False
    extends_discriminator = False
    normalizes_discriminator = False
    trains_with_generator = False

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.built = True  # nothing to build from an input shape; Keras's fit checks every layer

    def see_real(self, gan, images, step):
        return images

    def see_fake(self, gan, images, step):
        return images

    def discriminator_terms(self, gan, step):
        return {}

    def generator_terms(self, gan, step):
        return {}

    def before_update(self, gan, update):
        return None

    def after_update(self, gan, update):
        return None

    def critic_steps(self, gan, generator_step):
        return None

    def logs(self, gan):
        return {}

    def check(self, gan):
        return None

    def attach(self, gan):
        return None

    def extend_logits(self, gan, logits, features):
        return logits

    def normalize(self, gan, critic, images):
        return critic(images)

    def held_elsewhere(self, gan):
        """Whether this technique holds state (variables) for a GAN other than `gan`."""
        ref = self.__dict__.get("_owner_ref")
        return ref is not None and ref() is not gan and bool(self.variables)

    def adopt(self, gan):
        # A weak reference, set past Keras's attribute tracking: the GAN tracks the technique,
        # not the other way round.
        object.__setattr__(self, "_owner_ref", weakref.ref(gan))

    @property
    def schedules_critic(self):
        """Whether this technique overrides `critic_steps` (a GAN takes one such schedule)."""
        return type(self).critic_steps is not Technique.critic_steps

    def call(self, inputs):
        return inputs


def critic_of(gan, step):
    """The discriminator's adversarial output as a function of images alone, with the update's
    real labels: what a gradient penalty differentiates."""

    def critic(images):
        return gan.discriminate(images, step.real_labels, training=True)

    return critic


def non_negative(value, name, owner):
    """`value` as a float, refused unless it is a number >= 0."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not value >= 0:
        raise ValueError(f"{owner} expects `{name}` as a number >= 0; received {value!r}.")
    return float(value)
