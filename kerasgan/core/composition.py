import keras
from keras import ops

from kerasgan.core.inputs import check_techniques
from kerasgan.techniques.diff_augment import DiffAugment
from kerasgan.techniques.instance_noise import InstanceNoise
from kerasgan.techniques.instance_noise import stddev_arg
from kerasgan.utils.seeding import seeded_construction


class Composition:
    """How a `kerasgan.GAN` runs its techniques (`kerasgan.techniques.Technique`) in the step: what
    the discriminator sees of each side, the model's and the techniques' terms, the trackers of
    their logged names, the critic schedule, techniques added later. A part of `GAN`, kept in its
    own module."""

    def _compose(self, own_techniques, augment, instance_noise, techniques):
        """The step's techniques in order: the model class's own, the shorthands, the user's."""
        self.instance_noise = None if instance_noise is None else stddev_arg(
            instance_noise, "`instance_noise` must be None,")
        if isinstance(augment, str):
            augment = DiffAugment(augment, seed=self.seed)
        if augment is not None and not isinstance(augment, DiffAugment):
            raise ValueError(
                "`augment` must be None, a DiffAugment policy such as 'color,translation,cutout' or a "
                f"kerasgan.techniques.DiffAugment; received {augment!r}."
            )
        self.augment = augment
        self.techniques = list(techniques)
        shorthands = [augment, None if instance_noise is None else InstanceNoise(self.instance_noise)]
        self.step_techniques = [*own_techniques, *(t for t in shorthands if t is not None), *self.techniques]
        check_techniques(self)

    def add_techniques(self, *techniques):
        """Add `techniques` after the ones the GAN has (before `compile`), e.g. DiffAugment on a
        preset loaded from the zoo; they are saved in its config like those given to the constructor."""
        if self.compiled:
            raise ValueError(f"Add techniques before compile(); {type(self).__name__} '{self.name}' is compiled.")
        kept = list(self.techniques), list(self.step_techniques)
        self.techniques.extend(techniques)
        self.step_techniques.extend(techniques)
        try:
            check_techniques(self)
        except (TypeError, ValueError):
            self.techniques, self.step_techniques = kept  # a refused technique leaves the GAN as it was
            raise
        with seeded_construction(self.seed):
            self._take(techniques)

    def _take(self, techniques):
        """The techniques' variables, trackers for their logged names, and the critic schedule if
        one has it."""
        for technique in techniques:
            technique.adopt(self)
            technique.attach(self)
            for name in technique.loss_terms:
                self.term_trackers[name] = keras.metrics.Mean(name=name)
        scheduler = next((t for t in self.step_techniques if t.schedules_critic), None)
        if scheduler is not None and self.scheduler is None:
            self.critic_updates = self.add_weight(shape=(), dtype="int32", initializer="zeros", trainable=False,
                                                  name="critic_updates")
        self.scheduler = scheduler

    @property
    def discriminator_variables(self):
        """What the discriminator's update trains: its network's trainable variables and those of
        the heads techniques add to it (`Technique.extends_discriminator`)."""
        heads = (v for t in self.step_techniques if t.extends_discriminator for v in t.trainable_variables)
        return [*self.discriminator.trainable_variables, *heads]

    @property
    def generator_variables(self):
        """What the generator's update trains: its network's trainable variables and those of the
        techniques trained with it (`Technique.trains_with_generator`: a lens)."""
        extra = (v for t in self.step_techniques if t.trains_with_generator for v in t.trainable_variables)
        return [*self.generator.trainable_variables, *extra]

    @property
    def generator_state(self):
        """Everything a generator update may change: the generator's variables (batch statistics
        too), every technique's (a lens, generator-side averages) and the generator optimizer's;
        what a discarded update (a critic schedule, E-GAN's losing children) puts back."""
        return [*self.generator.variables, *(v for t in self.step_techniques for v in t.variables),
                *self.g_optimizer.variables]

    @property
    def double_backprop(self):
        """Whether the step differentiates through an input gradient (torch then runs eagerly)."""
        return self.requires_input_gradients or any(t.requires_input_gradients for t in self.step_techniques)

    def _seen(self, step, images, side):
        for technique in self.step_techniques:
            images = getattr(technique, f"see_{side}")(self, images, step)
        return images

    def _judge(self, step, side):
        """The discriminator on what it sees of one side: `{side}_logits` (and `_features`)."""
        images, labels = (step.real, step.real_labels) if side == "real" else (step.fake, step.fake_labels)
        features = any(t.uses_features for t in self.step_techniques)
        out = self.discriminate(self._seen(step, images, side), labels, training=True, features=features)
        return {f"{side}_logits": out[0], f"{side}_features": out[1]} if features else {f"{side}_logits": out}

    def _terms(self, step, hook):
        terms = dict(getattr(self, hook)(step))
        for technique in self.step_techniques:
            terms.update(getattr(technique, hook)(self, step))
        return terms

    def _generator_due(self):
        """Whether this iteration's generator update counts, and what to undo if not: with a
        technique's critic schedule, the generator update is computed every iteration and kept
        only once `critic_steps` discriminator updates have run since the last one."""
        if self.scheduler is None:
            return None, []
        count = ops.convert_to_tensor(self.critic_updates) + self.n_critic
        needed = self.scheduler.critic_steps(self, self.g_optimizer.iterations)
        due = ops.greater_equal(count, ops.cast(needed, "int32"))
        self.critic_updates.assign(ops.where(due, 0, count))
        return due, self.generator_state

    def _update(self, update, optimizer, variables, loss_fn):
        for technique in self.step_techniques:
            technique.before_update(self, update)
        result = self.minimize(optimizer, variables, loss_fn)
        for technique in self.step_techniques:
            technique.after_update(self, update)
        return result
