import keras
from keras import ops

from kerasgan import backend
from kerasgan import losses as gan_losses
from kerasgan.core.composition import Composition
from kerasgan.core.critic_batches import generator_batch_size
from kerasgan.core.critic_batches import iteration_batch_size
from kerasgan.core.critic_batches import split_for_critic_steps
from kerasgan.core.inputs import check_batch
from kerasgan.core.inputs import check_gan_arguments
from kerasgan.core.inputs import network_spec
from kerasgan.core.keras_training import KerasTraining
from kerasgan.core.sampling import Sampling
from kerasgan.core.serialization import Serialization
from kerasgan.core.sharing import Sharing
from kerasgan.core.step_context import StepContext
from kerasgan.utils.seeding import seeded_init


@keras.saving.register_keras_serializable(package="kerasgan")
class GAN(Composition, KerasTraining, Sampling, Sharing, Serialization, keras.Model):
    """A generative adversarial network that trains with `fit` on TensorFlow, JAX and PyTorch.

    One backend-neutral training step in `keras.ops`: each `fit` batch is one GAN iteration of
    `n_critic` discriminator updates (the batch split into `n_critic` consecutive chunks, one per
    update, as the reference trainers draw a fresh real batch per critic step; no image is
    dropped), one generator update, the updates of any `auxiliary_networks` (IVGAN's encoder,
    HGAN's teacher), then the optional EMA update of a generator copy. `iteration_batch_size(m)`
    gives the `fit` batch size for `m` real images per discriminator update.

    Stabilisation methods are `techniques` (`kerasgan.techniques`): augmentation, noise,
    penalties, regularisers, constraints, critic schedules, each a layer with narrow hooks that
    the step calls in list order (see `Technique` for the hooks and what order means). A model
    class adds its own first (WGAN-GP's penalty), then come the shorthands `augment` and
    `instance_noise`, then the `techniques` given. Subclasses change the rest through the hooks
    `discriminator_terms`, `generator_terms`, `auxiliary_steps` (each receives the update's
    `StepContext`), `unpack_batch`, `begin_step`, `ema_step`, `sample_conditions`,
    `default_optimizers` and `default_auxiliary_optimizers`. Per-backend work lives in `kerasgan.backend`; running the
    techniques, compile and fit, generation, export and presets, and serialization in this
    class's parts `Composition`, `KerasTraining`, `Sampling`, `Sharing` and `Serialization`.

    Batches are images in [-1, 1] (floating point, channels last), optionally with integer class
    labels (required when `num_classes > 0`) or float condition vectors (when the networks are
    conditioned on `condition_dim` continuous properties; fakes are generated for the real batch's
    conditions). The `fit` logs hold `d_loss`, `g_loss` and each model or technique term (e.g.
    `gp`); training stops with a `FloatingPointError` naming the term as soon as one is not finite.

    Reference: Goodfellow et al., "Generative Adversarial Nets", NeurIPS 2014.

    Args:
        generator: a `keras.Model` with attributes `latent_dim`, `num_classes` and `image_shape`,
            mapping `z` (or `[z, labels]` when conditional) to images.
        discriminator: a `keras.Model` mapping images (or `[images, labels]`) to logits `(N, 1)`;
            a `kerasgan.models.Network` also gives its penultimate features to the techniques.
        adversarial_loss: a name from `kerasgan.losses.ADVERSARIAL_LOSSES` or a
            `kerasgan.losses.AdversarialLoss`.
        n_critic: discriminator updates per generator update.
        g_batch_size: samples per generator update; `None` uses the per-critic-step batch.
        latent_distribution: `"normal"` (N(0, I)) or `"uniform"` (U[-1, 1]).
        ema_decay, ema_start: keep an exponential moving average copy of the generator
            (`ema_generator`), a plain copy before `ema_start` generator steps.
        instance_noise: shorthand for `kerasgan.techniques.InstanceNoise(instance_noise)`.
        augment: shorthand for a `kerasgan.techniques.DiffAugment`, or a policy string for one
            seeded from `seed`.
        techniques: a list of `kerasgan.techniques.Technique`.
        sync_batch_norm: under `tf.distribute`, batch statistics over all replicas' examples.
        seed: seed of the model's `SeedGenerator` (latents, labels, penalty and noise draws) and
            of the initial weights of networks a model class builds itself (every subclass
            constructor runs under `kerasgan.utils.seeding.seeded_construction(seed)`).

    Example:

    ```python
    import numpy as np
    import kerasgan
    g = kerasgan.models.DCGANGenerator(latent_dim=16, image_shape=(28, 28, 1), base_filters=8)
    d = kerasgan.models.DCGANDiscriminator(image_shape=(28, 28, 1), base_filters=8)
    gan = kerasgan.GAN(g, d, adversarial_loss="least_squares", techniques=[kerasgan.techniques.R1Penalty(1.0)])
    gan.compile()
    gan.fit(np.random.uniform(-1, 1, (64, 28, 28, 1)).astype("float32"), batch_size=32, epochs=1)
    images = gan.generate(16, seed=0)
    ```
    """

    loss_terms = ()
    auxiliary_networks = ()
    requires_input_gradients = False
    # The range `fit` checks its data against (None: any finite value).
    data_range = (-1.0, 1.0)

    def __init_subclass__(cls, **kwargs):
        # Every subclass constructor runs under `seeded_construction(seed)` (see `seed`).
        super().__init_subclass__(**kwargs)
        if "__init__" in cls.__dict__:
            cls.__init__ = seeded_init(cls.__dict__["__init__"])

    @seeded_init
    def __init__(self, generator, discriminator, adversarial_loss="non_saturating", n_critic=1, g_batch_size=None,
                 latent_distribution="normal", ema_decay=None, ema_start=0, instance_noise=None, augment=None,
                 techniques=(), sync_batch_norm=False, seed=None, own_techniques=(), **kwargs):
        super().__init__(**kwargs)
        check_gan_arguments(generator, discriminator, n_critic, g_batch_size, latent_distribution, ema_decay,
                            sync_batch_norm)
        self.generator = generator
        self.discriminator = discriminator
        self._adversarial = gan_losses.get(adversarial_loss)
        self.adversarial_loss = adversarial_loss if isinstance(adversarial_loss, str) else self._adversarial
        self.n_critic = n_critic
        self.g_batch_size = g_batch_size
        self.latent_distribution = latent_distribution
        self.ema_decay = ema_decay
        self.ema_start = int(ema_start)
        self.seed = seed
        self.sync_batch_norm = sync_batch_norm
        spec = network_spec(generator, discriminator)
        self.latent_dim, self.num_classes, self.condition_dim, self.image_shape = spec
        if self.condition_dim and g_batch_size is not None:
            raise ValueError(
                "A GAN conditioned on continuous vectors generates its fakes for the real batch's "
                f"conditions, so `g_batch_size` must be None; received {g_batch_size!r}."
            )
        self._compose(own_techniques, augment, instance_noise, techniques)
        self.seed_generator = keras.random.SeedGenerator(seed)
        self.ema_generator = None
        if ema_decay is not None:
            self.ema_generator = generator.__class__.from_config(generator.get_config())
            self.ema_generator.trainable = False
            self.ema_generator.set_weights(generator.get_weights())
        self.d_loss_tracker = keras.metrics.Mean(name="d_loss")
        self.g_loss_tracker = keras.metrics.Mean(name="g_loss")
        self.term_trackers = {name: keras.metrics.Mean(name=name) for name in self.loss_terms}
        self.scheduler = None
        self._take(self.step_techniques)
        self.built = True

    # ------------------------------------------------------------------ hooks
    def default_optimizers(self):
        """The paper's optimizers, used when `compile()` is given none."""
        return (
            keras.optimizers.Adam(2e-4, beta_1=0.5, beta_2=0.999),
            keras.optimizers.Adam(2e-4, beta_1=0.5, beta_2=0.999),
        )

    def default_auxiliary_optimizers(self):
        """`{name: optimizer}` for each of `auxiliary_networks`, used when `compile()` is given none."""
        return {}

    def begin_step(self, images):
        """Called first in every training step (inside the compiled step): update per-step
        state and return the real images the step trains on (ProGAN's fade-in)."""
        return images

    def unpack_batch(self, data):
        """`(images, labels, labelled)` of a `fit` batch, checked (`kerasgan.core.inputs`):
        `labelled` is `None` but for a model that also trains on a labelled batch beside the
        images (`StepContext.labelled`: the semi-supervised GAN)."""
        images, labels, _ = keras.utils.unpack_x_y_sample_weight(data)
        images, labels = check_batch(self, images, labels)
        return images, labels, None

    def ema_step(self):
        """The step count compared with `ema_start` (default: generator optimizer updates)."""
        return self.g_optimizer.iterations

    def discriminator_terms(self, step):
        """The model's own terms added to the discriminator's loss, `{name: scalar}` (IVGAN's
        intervention loss `iv_d`); names in `loss_terms`, each logged. `step`: the update's
        `StepContext`. Techniques add theirs after these."""
        return {}

    def generator_terms(self, step):
        """The model's own terms added to the generator's loss (HGAN's teacher term);
        `step.real` holds the last discriminator update's real images."""
        return {}

    def auxiliary_steps(self, step):
        """Updates of the `auxiliary_networks` after the generator update, given the whole batch
        (`step.images`, `step.labels`); returns `{name: scalar}` terms to log. Use `minimize`."""
        return {}

    # ----------------------------------------------------------- networks
    @property
    def conditional(self):
        """Whether the networks take labels (class ids or condition vectors) as a second input."""
        return bool(self.num_classes or self.condition_dim)

    @property
    def networks(self):
        """`{name: network}`: generator, discriminator, EMA generator (when kept), auxiliary networks."""
        nets = {"generator": self.generator, "discriminator": self.discriminator}
        if self.ema_generator is not None:
            nets["ema_generator"] = self.ema_generator
        nets.update({name: getattr(self, name) for name in self.auxiliary_networks})
        return nets

    def iteration_batch_size(self, critic_batch_size):
        """The `fit` batch size for `critic_batch_size` real images per discriminator update
        (`critic_batch_size * n_critic`): `gan.fit(x, batch_size=gan.iteration_batch_size(64))`."""
        return iteration_batch_size(critic_batch_size, self.n_critic)

    def generate_images(self, z, labels=None, training=False):
        return self.generator([z, labels] if self.conditional else z, training=training)

    def discriminate(self, images, labels=None, training=False, features=False):
        """The discriminator's logits, or `(logits, penultimate features)` with `features`,
        with the heads techniques add to it (`Technique.extend_logits`) and, outermost, the
        normalisation of a technique that normalises it (`Technique.normalize`)."""
        normalizer = next((t for t in self.step_techniques if t.normalizes_discriminator), None)
        if normalizer is None:
            return self._discriminate_with_heads(images, labels, training, features)
        return normalizer.normalize(
            self, lambda x: self._discriminate_with_heads(x, labels, training, features), images)

    def _discriminate_with_heads(self, images, labels, training, features):
        heads = [t for t in self.step_techniques if t.extends_discriminator]
        if not heads:
            return self.discriminator_outputs(images, labels, training=training, features=features)
        logits, penultimate = self.discriminator_outputs(images, labels, training=training, features=True)
        for technique in heads:
            logits = technique.extend_logits(self, logits, penultimate)
        return (logits, penultimate) if features else logits

    def discriminator_outputs(self, images, labels=None, training=False, features=False):
        """The discriminator network's own adversarial logits (and penultimate features): what a
        model whose discriminator has several outputs overrides."""
        inputs = [images, labels] if self.conditional else images
        if features:
            return self.discriminator.call_with_features(inputs, training=training)
        return self.discriminator(inputs, training=training)

    def call(self, inputs, training=False):
        return self.generator(inputs, training=training)

    @property
    def metrics(self):
        return [self.d_loss_tracker, self.g_loss_tracker, *self.term_trackers.values()]

    # ------------------------------------------------------------- step
    def train_step(self, *args):
        return backend.train_step(self, *args, self._gan_step)

    def _gan_step(self, data):
        images, labels, labelled = self.unpack_batch(data)
        state = [*self.weights, *self.optimizer.variables] if self.check_finite else []
        before = backend.snapshot(state)
        images = self.begin_step(images)
        batch = StepContext(images=images, labels=labels, labelled=labelled)
        d_loss, d_terms = 0.0, {}
        for real, real_labels in split_for_critic_steps(images, labels, self.n_critic):
            loss, terms = self._discriminator_step(batch.replace(real=real, real_labels=real_labels))
            d_loss = d_loss + loss / self.n_critic
            for name, value in terms.items():
                d_terms[name] = d_terms.get(name, 0.0) + value / self.n_critic
        due, g_state = self._generator_due()
        g_before = backend.snapshot(g_state)
        last = batch.replace(real=real, real_labels=real_labels)
        g_loss, g_terms = self._generator_step(last, generator_batch_size(self.g_batch_size, real))
        if g_state:
            backend.undo_unless(due, g_state, g_before)
        aux_terms = self.auxiliary_steps(batch)
        if self.ema_generator is not None:
            self._update_ema(due)
        self.optimizer.iterations.assign_add(1)
        logs = {name: value for t in self.step_techniques for name, value in t.logs(self).items()}
        if state:
            losses = [d_loss, g_loss, *d_terms.values(), *g_terms.values(), *aux_terms.values(), *logs.values()]
            finite = ops.all(ops.stack([ops.all(ops.isfinite(ops.cast(v, "float32"))) for v in losses]))
            backend.undo_unless(finite, state, before)
        weight = None if self.scheduler is None else ops.cast(due, "float32")  # a discarded G update: not logged
        self.d_loss_tracker.update_state(d_loss)
        self.g_loss_tracker.update_state(g_loss, sample_weight=weight)
        for name, value in {**d_terms, **aux_terms, **logs}.items():
            self.term_trackers[name].update_state(value)
        for name, value in g_terms.items():
            self.term_trackers[name].update_state(value, sample_weight=weight)
        return {m.name: m.result() for m in self.metrics}

    def minimize(self, optimizer, variables, loss_fn):
        """One update of `variables` by `optimizer` on `loss_fn() -> (loss, terms)`; returns
        `(loss, terms)`. The D, G and auxiliary steps all go through here. Under `tf.distribute`
        the gradient is of `loss / replicas`: the optimizer sums the replicas' gradients, so the
        update is the global batch's mean, as on one device."""
        replicas = backend.replica()[0]
        if replicas > 1 or isinstance(optimizer, keras.optimizers.LossScaleOptimizer):
            def scaled_loss_fn():
                loss, terms = loss_fn()
                scaled = loss / replicas if replicas > 1 else loss
                if isinstance(optimizer, keras.optimizers.LossScaleOptimizer):
                    scaled = optimizer.scale_loss(scaled)
                return scaled, (loss, terms)

            _, (loss, terms), grads = backend.compute_gradients(scaled_loss_fn, variables)
        else:
            loss, terms, grads = backend.compute_gradients(loss_fn, variables)
        backend.apply_gradients(optimizer, grads, variables)
        return loss, terms

    def _discriminator_step(self, step):
        n = ops.shape(step.real)[0]
        step = step.replace(z=self._sample_latent(n), fake_labels=self._sample_labels(n, step.real_labels),
                            update="discriminator")

        def loss_fn():
            with backend.no_grad():
                fake = ops.stop_gradient(self.generate_images(step.z, step.fake_labels, training=True))
            seen = step.replace(fake=fake)
            seen = seen.replace(**self._judge(seen, "real"), **self._judge(seen, "fake"))
            loss = self._adversarial.discriminator(seen.real_logits, seen.fake_logits)
            terms = self._terms(seen, "discriminator_terms")
            for value in terms.values():
                loss = loss + value
            return loss, terms

        return self._update("discriminator", self.d_optimizer, self.discriminator_variables, loss_fn)

    def _generator_step(self, step, n, adversarial=None):
        """One generator update on `adversarial`'s generator loss (default: the model's)."""
        adversarial = adversarial or self._adversarial
        step = step.replace(z=self._sample_latent(n), fake_labels=self._sample_labels(n, step.real_labels),
                            update="generator")
        relativistic = adversarial.relativistic
        sees_real = relativistic or any(t.generator_sees_real for t in self.step_techniques)
        replaced = any(t.replaces_generator_loss for t in self.step_techniques)

        def loss_fn():
            seen = step.replace(fake=self.generate_images(step.z, step.fake_labels, training=True))
            seen = seen.replace(**self._judge(seen, "fake"), **(self._judge(seen, "real") if sees_real else {}))
            logits = (seen.fake_logits, seen.real_logits) if relativistic else (seen.fake_logits,)
            loss = 0.0 if replaced else adversarial.generator(*logits)
            terms = self._terms(seen, "generator_terms")
            for value in terms.values():
                loss = loss + value
            return loss, terms

        return self._update("generator", self.g_optimizer, self.generator_variables, loss_fn)

    def _update_ema(self, due=None):
        decay = ops.where(ops.greater(self.ema_step(), self.ema_start), float(self.ema_decay), 0.0)
        if due is not None:  # a discarded generator update leaves the average as it was
            decay = ops.where(due, decay, 1.0)
        average_into(self.ema_generator.variables, self.generator.variables, decay, due)


def average_into(averages, variables, decay, due=None):
    """`average ← decay·average + (1 − decay)·variable` for each float variable; the others
    (counters, seed states) are copied. With `due` (a boolean tensor), nothing changes unless it
    holds. The EMA generator's update and the semi-supervised GAN's classifier average."""
    for average, variable in zip(averages, variables, strict=True):
        if "float" not in str(variable.dtype):
            average.assign(variable if due is None else ops.where(due, variable, average))
            continue
        average.assign(ops.cast(decay, average.dtype) * average + ops.cast(1.0 - decay, average.dtype) * variable)
