import keras
import numpy as np
from keras import ops

from kerasgan import backend
from kerasgan import losses as gan_losses
from kerasgan.augment.diff_augment import DiffAugment
from kerasgan.backend.replicas import per_example
from kerasgan.callbacks.non_finite_loss_guard import NonFiniteLossGuard
from kerasgan.core import preset_folder
from kerasgan.core.critic_batches import iteration_batch_size
from kerasgan.core.critic_batches import split_for_critic_steps
from kerasgan.core.fit_data import check_fit_data
from kerasgan.core.gan_optimizer import GANOptimizer
from kerasgan.core.inputs import check_batch
from kerasgan.core.inputs import network_spec
from kerasgan.core.step_context import StepContext
from kerasgan.utils.images import save_image_grid
from kerasgan.utils.images import save_scatter
from kerasgan.utils.seeding import seeded_init

LATENT_DISTRIBUTIONS = ("normal", "uniform")


@keras.saving.register_keras_serializable(package="kerasgan")
class GAN(keras.Model):
    """A generative adversarial network that trains with `fit` on TensorFlow, JAX and PyTorch.

    One backend-neutral training step, written in `keras.ops`: each `fit` batch is one GAN
    iteration of `n_critic` discriminator updates (the batch is split into `n_critic` consecutive
    chunks of ⌊n/n_critic⌋ or ⌈n/n_critic⌉ images, one per update, as the reference trainers draw
    a fresh real batch per critic step; no image is dropped), then one generator update, then the
    updates of any auxiliary networks (`auxiliary_steps`: IVGAN's encoder, HGAN's teacher), then
    the optional EMA update of a generator copy. `iteration_batch_size(m)` gives the `fit` batch
    size for `m` real images per discriminator update. Per-backend work (gradients, the JAX
    state threading) lives in `kerasgan.backend`. Subclasses change the objective through narrow
    hooks: `discriminator_loss`, `generator_loss`, `discriminator_terms`, `generator_terms`,
    `auxiliary_steps` (the last three receive one `StepContext` holding the update's tensors),
    `sample_latent`, `sample_labels`, `sample_conditions`, `default_optimizers`,
    `default_auxiliary_optimizers`, `begin_step`, `ema_step`. Extra trained networks are named in
    the class attribute `auxiliary_networks`: each is a `keras.Model` attribute with its own
    optimizer (inside the one `GANOptimizer`), saved, loaded and serialized with the model.

    Batches are images in [-1, 1] (floating point, channels last), optionally with integer class
    labels (required when the generator is class-conditional, `num_classes > 0`) or float
    condition vectors (required when it is conditioned on `condition_dim` continuous properties,
    e.g. CESAGAN's tile counts; fakes are then generated for the real batch's conditions). The
    `fit` logs hold `d_loss`,
    `g_loss` and each model-specific term (for example `gp` for WGAN-GP). Training stops with a
    `FloatingPointError` naming the term as soon as a logged loss is not finite.

    Reference: Goodfellow et al., "Generative Adversarial Nets", NeurIPS 2014.

    Args:
        generator: a `keras.Model` with attributes `latent_dim` and `num_classes`, mapping `z`
            (or `[z, labels]` when `num_classes > 0`) to images.
        discriminator: a `keras.Model` mapping images (or `[images, labels]`) to logits `(N, 1)`.
        adversarial_loss: a name from `kerasgan.losses.ADVERSARIAL_LOSSES`, or a
            `kerasgan.losses.AdversarialLoss` (saved with the model when its two functions are
            registered with `keras.saving.register_keras_serializable`).
        n_critic: discriminator updates per generator update.
        g_batch_size: samples per generator update; `None` uses the per-critic-step batch.
        latent_distribution: `"normal"` (N(0, I)) or `"uniform"` (U[-1, 1]).
        ema_decay: if set, keep an exponential moving average copy of the generator
            (`ema_generator`, all its variables) updated after each generator step.
        ema_start: generator steps before which the EMA copy just tracks the generator.
        instance_noise: if set, the standard deviation of Gaussian noise added to the real and
            generated images the discriminator's adversarial output sees (Sønderby et al., 2017):
            a float, or a `keras.optimizers.schedules.LearningRateSchedule` of the generator
            step (e.g. `PiecewiseConstantDecay` for IVGAN's schedule).
        augment: differentiable augmentation of every real and generated image the
            discriminator's adversarial output sees in the D and G updates (`discriminator_input`):
            a DiffAugment policy string such as `"color,translation,cutout"` (seeded from `seed`)
            or a `kerasgan.augment.DiffAugment` (e.g. with ADA's `adaptive=True`).
        sync_batch_norm: under `tf.distribute`, batch statistics (keras `BatchNormalization`
            and kerasgan's conditional BN) over the global batch, all replicas' examples
            (cross-replica BN, as BigGAN trained), instead of each replica's own slice. JAX's
            `keras.distribution` computes global statistics in any case; torch has no
            distribution API in Keras. Not stored in the layers' configs.
        seed: seed of the model's `SeedGenerator` (latents, labels, penalty noise, DiffAugment)
            and of the initial weights of the networks a model class builds itself (`DCGAN(...,
            seed=0)` gives the same weights in every process; the constructors of every subclass
            run under `kerasgan.utils.seeding.seeded_construction(seed)`). With it, training on
            one backend repeats exactly; different backends draw different numbers. Networks
            built outside and passed in are initialized when built: call
            `keras.utils.set_random_seed` before building them.

    Example:

    ```python
    import numpy as np
    import kerasgan
    g = kerasgan.models.DCGANGenerator(latent_dim=16, image_shape=(28, 28, 1), base_filters=8)
    d = kerasgan.models.DCGANDiscriminator(image_shape=(28, 28, 1), base_filters=8)
    gan = kerasgan.GAN(g, d, adversarial_loss="least_squares", seed=0)
    gan.compile()
    x = np.random.uniform(-1, 1, (64, 28, 28, 1)).astype("float32")
    gan.fit(x, batch_size=32, epochs=1)
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
    def __init__(
        self,
        generator,
        discriminator,
        adversarial_loss="non_saturating",
        n_critic=1,
        g_batch_size=None,
        latent_distribution="normal",
        ema_decay=None,
        ema_start=0,
        instance_noise=None,
        augment=None,
        sync_batch_norm=False,
        seed=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        for role, net in (("generator", generator), ("discriminator", discriminator)):
            if not isinstance(net, keras.Model):
                raise TypeError(
                    f"GAN expects `{role}` to be a keras.Model; received {type(net).__name__}."
                )
        if not isinstance(n_critic, int) or n_critic < 1:
            raise ValueError(f"`n_critic` must be a positive int; received {n_critic!r}.")
        if g_batch_size is not None and (not isinstance(g_batch_size, int) or g_batch_size < 1):
            raise ValueError(f"`g_batch_size` must be None or a positive int; received {g_batch_size!r}.")
        if latent_distribution not in LATENT_DISTRIBUTIONS:
            raise ValueError(
                f"`latent_distribution` must be one of {LATENT_DISTRIBUTIONS}; "
                f"received {latent_distribution!r}."
            )
        if ema_decay is not None and not 0.0 <= float(ema_decay) < 1.0:
            raise ValueError(f"`ema_decay` must be None or in [0, 1); received {ema_decay!r}.")
        if not isinstance(sync_batch_norm, bool):
            raise ValueError(f"`sync_batch_norm` must be True or False; received {sync_batch_norm!r}.")
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
        self.instance_noise = _instance_noise_arg(instance_noise)
        self.augment = _augment_arg(augment, seed)
        self.sync_batch_norm = sync_batch_norm
        spec = network_spec(generator, discriminator)
        self.latent_dim = spec.latent_dim
        self.num_classes = spec.num_classes
        self.condition_dim = spec.condition_dim
        self.image_shape = spec.image_shape
        if self.condition_dim and g_batch_size is not None:
            raise ValueError(
                "A GAN conditioned on continuous vectors generates its fakes for the real batch's "
                f"conditions, so `g_batch_size` must be None; received {g_batch_size!r}."
            )
        self.seed_generator = keras.random.SeedGenerator(seed)
        self.ema_generator = None
        if ema_decay is not None:
            self.ema_generator = generator.__class__.from_config(generator.get_config())
            self.ema_generator.trainable = False
            self.ema_generator.set_weights(generator.get_weights())
        self.d_loss_tracker = keras.metrics.Mean(name="d_loss")
        self.g_loss_tracker = keras.metrics.Mean(name="g_loss")
        self.term_trackers = {name: keras.metrics.Mean(name=name) for name in self.loss_terms}
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
        state and return the real images the step trains on. ProGAN's level-of-detail schedule
        and real-image fade live here; the default returns `images` unchanged."""
        return images

    def ema_step(self):
        """The step count compared with `ema_start` (default: generator optimizer updates)."""
        return self.g_optimizer.iterations

    def sample_latent(self, n):
        def draw(m):
            if self.latent_distribution == "uniform":
                return keras.random.uniform((m, self.latent_dim), -1.0, 1.0, seed=self.seed_generator)
            return keras.random.normal((m, self.latent_dim), seed=self.seed_generator)

        return per_example(draw, n)

    def sample_labels(self, n, real_labels=None):
        """Labels of `n` fakes: uniform class ids, or for condition-vector models the real
        batch's conditions `real_labels`; `None` for unconditional models."""
        if self.condition_dim:
            return real_labels
        if not self.num_classes:
            return None
        return per_example(
            lambda m: keras.random.randint((m,), 0, self.num_classes, seed=self.seed_generator, dtype="int32"), n
        )

    def sample_conditions(self, rng, n):
        """Condition vectors for `generate(n)` without `labels` (condition-vector models only;
        the default asks for them). `rng` is a `numpy.random.Generator`."""
        raise ValueError(
            f"{type(self).__name__} is conditioned on {self.condition_dim}-dimensional vectors: pass "
            f"`labels` as a float array of shape ({n}, {self.condition_dim})."
        )

    def discriminator_loss(self, real_logits, fake_logits):
        return self._adversarial.discriminator(real_logits, fake_logits)

    def generator_loss(self, fake_logits):
        return self._adversarial.generator(fake_logits)

    def discriminator_terms(self, step):
        """Terms added to the discriminator's adversarial loss, `{name: scalar}`: penalties
        (WGAN-GP's `gp`) or further objectives (IVGAN's intervention loss `iv_d`). `step` is the
        update's `StepContext` (real, fake, their labels and logits). Each name must be in
        `loss_terms`; each term is logged under its name."""
        return {}

    def generator_terms(self, step):
        """Terms added to the generator's adversarial loss, `{name: scalar}`: regularisers
        (BigGAN's `ortho`) or further objectives (HGAN's teacher term). `step.real` and
        `step.real_labels` are the last discriminator update's real images and labels."""
        return {}

    def auxiliary_steps(self, step):
        """Updates of the `auxiliary_networks` after the generator update, given the whole batch
        (`step.images`, `step.labels`); returns `{name: scalar}` terms to log (names in
        `loss_terms`). Use `minimize`."""
        return {}

    def instance_noise_stddev(self):
        """The instance noise's standard deviation at this generator step (0 when unused)."""
        if self.instance_noise is None:
            return 0.0
        if isinstance(self.instance_noise, float):
            return self.instance_noise
        return ops.cast(self.instance_noise(self.g_optimizer.iterations), "float32")

    def add_instance_noise(self, images):
        if self.instance_noise is None:
            return images
        images = ops.convert_to_tensor(images)
        shape = tuple(ops.shape(images))
        noise = per_example(
            lambda m: keras.random.normal((m, *shape[1:]), seed=self.seed_generator, dtype=images.dtype), shape[0]
        )
        return images + ops.cast(self.instance_noise_stddev(), images.dtype) * noise

    def discriminator_input(self, images):
        """What the discriminator's adversarial output sees of real or generated `images` in the
        training step: the `augment` augmentation (fresh for each call), then instance noise.
        Penalties and auxiliary heads (a gradient penalty's interpolates, IVGAN's block head) see
        the images as they are."""
        if self.augment is not None:
            images = self.augment(images)
        return self.add_instance_noise(images)

    # ----------------------------------------------------------- networks
    @property
    def conditional(self):
        """Whether the networks take labels (class ids or condition vectors) as a second input."""
        return bool(self.num_classes or self.condition_dim)

    @property
    def networks(self):
        """`{name: network}`: generator, discriminator, EMA generator (when kept) and the
        auxiliary networks."""
        nets = {"generator": self.generator, "discriminator": self.discriminator}
        if self.ema_generator is not None:
            nets["ema_generator"] = self.ema_generator
        nets.update({name: getattr(self, name) for name in self.auxiliary_networks})
        return nets

    def iteration_batch_size(self, critic_batch_size):
        """The `fit` batch size for `critic_batch_size` real images per discriminator update:
        `critic_batch_size * n_critic` (each `fit` batch is one GAN iteration). SN-GAN's reference
        setting (64 images per D step, n_dis 5): `gan.fit(x, batch_size=gan.iteration_batch_size(64))`."""
        return iteration_batch_size(critic_batch_size, self.n_critic)

    def generate_images(self, z, labels=None, training=False):
        inputs = [z, labels] if self.conditional else z
        return self.generator(inputs, training=training)

    def discriminate(self, images, labels=None, training=False):
        inputs = [images, labels] if self.conditional else images
        return self.discriminator(inputs, training=training)

    def call(self, inputs, training=False):
        return self.generator(inputs, training=training)

    # ------------------------------------------------------------ compile
    def compile(
        self,
        g_optimizer=None,
        d_optimizer=None,
        optimizer=None,
        auxiliary_optimizers=None,
        jit_compile="auto",
        steps_per_execution=1,
        run_eagerly=False,
        check_finite=True,
        loss=None,
        metrics=None,
        **kwargs,
    ):
        """Configure training.

        Args:
            g_optimizer, d_optimizer: optimizers of the generator and the discriminator
                (defaults: `default_optimizers()`, the paper's). Learning-rate schedules work as
                usual; each schedule counts its own optimizer's steps.
            optimizer: alternatively, a `GANOptimizer` holding both (and the auxiliary ones).
            auxiliary_optimizers: `{name: optimizer}` for some or all of the model's
                `auxiliary_networks` (the rest: `default_auxiliary_optimizers()`).
            jit_compile: `"auto"` follows Keras: `jax.jit` on JAX, XLA on TensorFlow only when a
                GPU is present (graph mode on CPU), eager on torch; `True` forces XLA on
                TensorFlow. On torch models with gradient penalties always run eagerly
                (`torch.compile` cannot differentiate twice); asking for `jit_compile=True` raises.
            check_finite: undo any step whose losses are not finite (weights, optimizer state and
                the model's own state go back to before the step) and stop `fit` with a clear
                error (`NonFiniteLossGuard`). Costs a copy of the state per step.
            loss, metrics: refused: the adversarial loss is the model's `adversarial_loss` and
                `fit` logs each loss term.

        Mixed precision: under the `mixed_float16` policy (the model's, i.e. the global policy
        when it was built) each inner optimizer is wrapped in its own dynamic
        `keras.optimizers.LossScaleOptimizer` (`GANOptimizer.with_loss_scaling`) and every loss
        is scaled in `minimize`; `mixed_bfloat16` needs no scaling.

        Any other keyword argument is refused with a `TypeError` naming it.
        """
        if loss is not None or metrics:
            raise ValueError(
                "GAN.compile takes no `loss` or `metrics`: the adversarial loss is chosen with the "
                f"model's `adversarial_loss` argument (now {self._adversarial.name!r}); received "
                f"loss={loss!r}, metrics={metrics!r}."
            )
        if kwargs:
            raise TypeError(
                f"GAN.compile got unexpected keyword arguments {sorted(kwargs)}; it takes g_optimizer, "
                "d_optimizer, optimizer, auxiliary_optimizers, jit_compile, steps_per_execution, "
                "run_eagerly and check_finite."
            )
        if optimizer is not None:
            if g_optimizer is not None or d_optimizer is not None or auxiliary_optimizers:
                raise ValueError(
                    "Pass either `optimizer` (a GANOptimizer) or g_/d_/auxiliary_optimizers, not both."
                )
            if not isinstance(optimizer, GANOptimizer):
                raise TypeError(
                    "GAN.compile expects `optimizer` to be a kerasgan.GANOptimizer (or pass "
                    f"g_optimizer= and d_optimizer=); received {type(optimizer).__name__}."
                )
        else:
            unknown = sorted(set(auxiliary_optimizers or {}) - set(self.auxiliary_networks))
            if unknown:
                raise ValueError(
                    f"{type(self).__name__} has the auxiliary networks {list(self.auxiliary_networks)}; "
                    f"received auxiliary optimizers for {unknown}."
                )
            default_g, default_d = self.default_optimizers()
            auxiliary = {**self.default_auxiliary_optimizers(), **(auxiliary_optimizers or {})}
            optimizer = GANOptimizer(g_optimizer or default_g, d_optimizer or default_d, auxiliary)
        if backend.name() == "torch" and self.requires_input_gradients:
            if jit_compile is True:
                raise ValueError(
                    f"{type(self).__name__} differentiates twice (gradient penalty), which "
                    "torch.compile cannot do: use jit_compile=False (or 'auto') on the torch "
                    "backend, or the TensorFlow/JAX backends for compiled training."
                )
            jit_compile = False
        if self.dtype_policy.name == "mixed_float16":
            optimizer = optimizer.with_loss_scaling()
        self.check_finite = check_finite
        super().compile(
            optimizer=optimizer,
            jit_compile=jit_compile,
            steps_per_execution=steps_per_execution,
            run_eagerly=run_eagerly,
            auto_scale_loss=False,
        )
        optimizer.build_for(
            self.generator.trainable_variables,
            self.discriminator.trainable_variables,
            {name: getattr(self, name).trainable_variables for name in self.auxiliary_networks},
        )

    @property
    def g_optimizer(self):
        return self.optimizer.generator_optimizer

    @property
    def d_optimizer(self):
        return self.optimizer.discriminator_optimizer

    def auxiliary_optimizer(self, name):
        """The optimizer of the auxiliary network `name`."""
        return self.optimizer.auxiliary_optimizers[name]

    def get_compile_config(self):
        if not self.compiled:
            return None
        return {
            "optimizer": keras.saving.serialize_keras_object(self.optimizer),
            "jit_compile": bool(self.jit_compile),
            "steps_per_execution": self.steps_per_execution,
            "run_eagerly": self.run_eagerly,
            "check_finite": self.check_finite,
        }

    def compile_from_config(self, config):
        config = dict(config)
        config["optimizer"] = keras.saving.deserialize_keras_object(config["optimizer"])
        self.compile(**config)

    # ---------------------------------------------------------------- fit
    def fit(self, x=None, y=None, batch_size=None, *args, callbacks=None, **kwargs):
        """Keras's `fit`; each batch is one GAN iteration (see `iteration_batch_size`). The data
        are checked on the host first (`kerasgan.core.fit_data`): empty, non-finite, not in
        [-1, 1], or with labels that do not fit the model, they raise before any step. A
        `kerasgan.data.ShuffledBatches` (image folders, arrays) orders its batches itself, the same
        in a resumed run: `fit` does not reshuffle them unless given `shuffle=True`, and with
        `initial_epoch=e` it serves epoch e's order first."""
        from kerasgan.data.shuffled_batches import ShuffledBatches

        if isinstance(x, ShuffledBatches):
            kwargs.setdefault("shuffle", False)
            if kwargs.get("initial_epoch"):
                x.set_epoch(kwargs["initial_epoch"])
        check_fit_data(self, x, y)
        self._check_remainder(x, batch_size)
        callbacks = list(callbacks or [])
        for needed in self.training_callbacks():
            if not any(isinstance(c, type(needed)) for c in callbacks):
                callbacks.append(needed)
        with backend.fit_guard(self):
            return super().fit(x, y, batch_size, *args, callbacks=callbacks, **kwargs)

    def training_callbacks(self):
        """Callbacks the model needs in `fit`, each added unless one of its type is passed: the
        `NonFiniteLossGuard` (unless compiled with `check_finite=False`) and model-specific ones
        (HGAN's teacher-sample refresh)."""
        return [NonFiniteLossGuard()] if getattr(self, "check_finite", True) else []

    def _generator_batch_size(self, real):
        """Fakes in this replica's generator update: `g_batch_size` is the global count."""
        if self.g_batch_size is None:
            return ops.shape(real)[0]
        replicas = backend.replica()[0]
        if self.g_batch_size % replicas:
            raise ValueError(
                f"`g_batch_size`={self.g_batch_size} must divide evenly over the {replicas} replicas of the "
                "distribution strategy."
            )
        return self.g_batch_size // replicas

    def _check_remainder(self, x, batch_size):
        # Array inputs: a last partial batch smaller than n_critic cannot be split; say so before
        # any step runs rather than mid-epoch.
        if self.n_critic == 1 or not hasattr(x, "shape") or not hasattr(x, "__len__"):
            return
        size = batch_size or 32
        remainder = len(x) % size
        if 0 < remainder < self.n_critic:
            raise ValueError(
                f"The last batch of an epoch would hold {remainder} images ({len(x)} images, "
                f"batch_size={size}), fewer than n_critic={self.n_critic}: each batch is split into "
                f"n_critic discriminator steps. Drop {remainder} images or choose another batch_size."
            )

    @property
    def metrics(self):
        return [self.d_loss_tracker, self.g_loss_tracker, *self.term_trackers.values()]

    def train_step(self, *args):
        return backend.train_step(self, *args, self._gan_step)

    def _gan_step(self, data):
        images, labels, _ = keras.utils.unpack_x_y_sample_weight(data)
        images, labels = check_batch(self, images, labels)
        state = self._step_state() if self.check_finite else []
        before = backend.snapshot(state)
        images = self.begin_step(images)
        batch = StepContext(images=images, labels=labels)
        d_loss, d_terms = 0.0, {}
        for real, real_labels in split_for_critic_steps(images, labels, self.n_critic):
            loss, terms = self._discriminator_step(batch.replace(real=real, real_labels=real_labels))
            d_loss = d_loss + loss / self.n_critic
            for name, value in terms.items():
                d_terms[name] = d_terms.get(name, 0.0) + value / self.n_critic
        last = batch.replace(real=real, real_labels=real_labels)
        g_loss, g_terms = self._generator_step(last, self._generator_batch_size(real))
        aux_terms = self.auxiliary_steps(batch)
        if self.ema_generator is not None:
            self._update_ema()
        self.optimizer.iterations.assign_add(1)
        if state:
            self._undo_unless_finite(state, before, [d_loss, g_loss, *d_terms.values(), *g_terms.values(),
                                                     *aux_terms.values()])
        self.d_loss_tracker.update_state(d_loss)
        self.g_loss_tracker.update_state(g_loss)
        for name, value in {**d_terms, **g_terms, **aux_terms}.items():
            self.term_trackers[name].update_state(value)
        return {m.name: m.result() for m in self.metrics}

    def _step_state(self):
        """Everything a step changes but the metrics: weights of every network (EMA included),
        the model's own state, the optimizers' slots and counters."""
        return [*self.weights, *self.optimizer.variables]

    @staticmethod
    def _undo_unless_finite(state, before, losses):
        """Put `state` back to `before` when a loss is not finite: a NaN batch or a diverged step
        leaves the model as it was, and the metrics (not undone) let `NonFiniteLossGuard` stop."""
        finite = ops.all(ops.stack([ops.all(ops.isfinite(ops.cast(loss, "float32"))) for loss in losses]))
        backend.undo_unless(finite, state, before)

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
        step = step.replace(z=self.sample_latent(n), fake_labels=self.sample_labels(n, step.real_labels))

        def loss_fn():
            with backend.no_grad():
                fake = ops.stop_gradient(self.generate_images(step.z, step.fake_labels, training=True))
            real_logits = self.discriminate(self.discriminator_input(step.real), step.real_labels, training=True)
            fake_logits = self.discriminate(self.discriminator_input(fake), step.fake_labels, training=True)
            if self.augment is not None:
                self.augment.observe(real_logits)
            loss = self.discriminator_loss(real_logits, fake_logits)
            terms = self.discriminator_terms(step.replace(fake=fake, real_logits=real_logits, fake_logits=fake_logits))
            for value in terms.values():
                loss = loss + value
            return loss, terms

        return self.minimize(self.d_optimizer, self.discriminator.trainable_variables, loss_fn)

    def _generator_step(self, step, n):
        step = step.replace(z=self.sample_latent(n), fake_labels=self.sample_labels(n, step.real_labels))

        def loss_fn():
            fake = self.generate_images(step.z, step.fake_labels, training=True)
            fake_logits = self.discriminate(self.discriminator_input(fake), step.fake_labels, training=True)
            loss = self.generator_loss(fake_logits)
            terms = self.generator_terms(step.replace(fake=fake, fake_logits=fake_logits))
            for value in terms.values():
                loss = loss + value
            return loss, terms

        return self.minimize(self.g_optimizer, self.generator.trainable_variables, loss_fn)

    def _update_ema(self):
        step = self.ema_step()
        decay = ops.where(ops.greater(step, self.ema_start), float(self.ema_decay), 0.0)
        for ema_var, var in zip(self.ema_generator.variables, self.generator.variables, strict=True):
            if "float" not in str(var.dtype):
                ema_var.assign(var)
                continue
            ema_var.assign(decay * ema_var + (1.0 - decay) * var)

    # ----------------------------------------------------------- sampling
    def generate(self, n, seed=None, labels=None, use_ema=True, batch_size=256, truncation=None):
        """Sample `n` images as a numpy array in [-1, 1].

        Latents (and labels, for a conditional model without `labels`) come from
        `numpy.random.default_rng(seed)`, so the same seed gives the same images on every backend.
        `labels` are class ids (`num_classes > 0`) or float condition vectors of shape
        `(n, condition_dim)`; without them a condition-vector model asks `sample_conditions`.
        Uses the EMA generator when the model keeps one and `use_ema` is true. `truncation=t`
        applies the truncation trick (BigGAN): latent entries with |z| > t are redrawn until all
        lie within the threshold.
        """
        if not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"`n` must be a positive int; received {n!r}.")
        rng = np.random.default_rng(seed)
        z = self.latent_numpy(rng, n, truncation)
        if self.num_classes:
            if labels is None:
                labels = rng.integers(0, self.num_classes, size=(n,))
            labels = np.asarray(labels).reshape(-1).astype("int32")
            if labels.shape[0] != n or labels.min() < 0 or labels.max() >= self.num_classes:
                raise ValueError(
                    f"`labels` must hold {n} class ids in [0, {self.num_classes}); received shape "
                    f"{labels.shape} with values in [{labels.min()}, {labels.max()}]."
                )
        elif self.condition_dim:
            labels = self.sample_conditions(rng, n) if labels is None else labels
            labels = np.asarray(labels, dtype="float32")
            if labels.shape != (n, self.condition_dim) or not np.isfinite(labels).all():
                raise ValueError(
                    f"`labels` must be finite condition vectors of shape ({n}, {self.condition_dim}); "
                    f"received shape {labels.shape}."
                )
        elif labels is not None:
            raise ValueError("This GAN is unconditional: `labels` must be None.")
        generator = self.ema_generator if (use_ema and self.ema_generator is not None) else self.generator
        out = []
        for start in range(0, n, batch_size):
            zb = z[start : start + batch_size]
            lb = None if labels is None else labels[start : start + batch_size]
            out.append(np.asarray(backend.predict(generator, [zb, lb] if self.conditional else zb)))
        return np.concatenate(out, axis=0)

    def latent_numpy(self, rng, n, truncation=None):
        if self.latent_distribution == "uniform":
            if truncation is not None:
                raise ValueError("The truncation trick applies to normal latents; this GAN samples uniform ones.")
            return rng.uniform(-1.0, 1.0, size=(n, self.latent_dim)).astype("float32")
        z = rng.standard_normal(size=(n, self.latent_dim))
        if truncation is not None:
            if not isinstance(truncation, (int, float)) or isinstance(truncation, bool) or truncation <= 0:
                raise ValueError(f"`truncation` must be a positive threshold; received {truncation!r}.")
            outside = np.abs(z) > truncation
            while outside.any():
                z[outside] = rng.standard_normal(size=int(outside.sum()))
                outside = np.abs(z) > truncation
        return z.astype("float32")

    # ------------------------------------------------------------- export
    def export_generator(self, filepath, format="tf_saved_model", use_ema=True):
        """Export the generator (EMA copy when present) for serving.

        `format="tf_saved_model"` writes a SavedModel with a `generate(z)` (or
        `generate(z, labels)`) signature; it needs the TensorFlow or JAX backend.
        `format="onnx"` uses the backend's ONNX exporter (tf2onnx, torch.onnx or jax2onnx).
        """
        from kerasgan.core.export import export_generator

        generator = self.ema_generator if (use_ema and self.ema_generator is not None) else self.generator
        return export_generator(generator, self.latent_dim, self.num_classes, filepath, format,
                                condition_dim=self.condition_dim)

    # ------------------------------------------------------------ presets
    def save_to_preset(self, preset_dir, metadata=None, samples=True):
        """Write this GAN as a preset folder that `kerasgan.zoo.load(preset_dir)` and
        `GAN.from_preset(preset_dir)` load on any backend: `config.json` (from `get_config`),
        `model.weights.h5` (every network and the model's own state, no optimizer state),
        `metadata.json` (your `metadata`, e.g. `{"description": ..., "dataset": ..., "metrics":
        {...}}`, plus versions and the weights' sha256), its card `README.md` and a
        `samples.png` (`samples`: `True`, `False` or a function `samples(path)` that draws it).
        Share the folder, or serve it and load it by URL. Returns the metadata.

        Example:

        ```python
        gan.save_to_preset("my_dcgan", metadata={"dataset": "my faces", "metrics": {"fid": 21.4}})
        same = kerasgan.zoo.load("my_dcgan")
        ```
        """
        return preset_folder.save_preset_folder(self, preset_dir, metadata, samples=samples)

    @classmethod
    def from_preset(cls, preset, weights=True):
        """A GAN from a zoo preset name (`kerasgan.zoo.list()`), a preset folder (see
        `save_to_preset`) or the http(s) URL of one, with its sha256-checked weights
        (`weights=False`: fresh weights). Called on a subclass, the preset must be of that class.

        Example:

        ```python
        gan = kerasgan.models.DCGAN.from_preset("dcgan_mnist")
        ```
        """
        gan = preset_folder.load(preset, weights=weights)
        if not isinstance(gan, cls):
            raise TypeError(f"Preset {preset!r} holds a {type(gan).__name__}, not a {cls.__name__}.")
        return gan

    def save_samples_picture(self, path, seed=0):
        """Draw samples into a PNG for a card or a progress check: an 8×8 grid (class-conditional
        models: 8 rows, one column per class), or a scatter plot of 2,500 points for 2-D data."""
        if len(self.image_shape) == 1:
            save_scatter(self.generate(2500, seed=seed), path)
        elif self.num_classes:
            labels = np.tile(np.arange(self.num_classes), 8)
            save_image_grid(self.generate(len(labels), seed=seed, labels=labels), path, columns=self.num_classes)
        else:
            save_image_grid(self.generate(64, seed=seed), path)
        return path

    # ------------------------------------------------------------- saving
    def _own_state(self):
        # The seed generator's state is not saved by Keras; resuming must continue its stream.
        return self._trainable_variables + self._non_trainable_variables + [self.seed_generator.state]

    def save_own_variables(self, store):
        for i, variable in enumerate(self._own_state()):
            store[str(i)] = variable.numpy()

    def load_own_variables(self, store):
        own = self._own_state()
        if len(store.keys()) != len(own):
            raise ValueError(
                f"{type(self).__name__} '{self.name}' expected {len(own)} saved variables of its "
                f"own (including the seed generator state) and received {len(store.keys())}."
            )
        for i, variable in enumerate(own):
            variable.assign(store[str(i)])

    # -------------------------------------------------------------- config
    def get_config(self):
        return {
            "name": self.name,
            "trainable": self.trainable,
            "generator": keras.saving.serialize_keras_object(self.generator),
            "discriminator": keras.saving.serialize_keras_object(self.discriminator),
            "adversarial_loss": gan_losses.serialize(self.adversarial_loss),
            "n_critic": self.n_critic,
            "g_batch_size": self.g_batch_size,
            "latent_distribution": self.latent_distribution,
            "ema_decay": self.ema_decay,
            "ema_start": self.ema_start,
            **({} if self.instance_noise is None else {"instance_noise": _serialize_noise(self.instance_noise)}),
            **({} if self.augment is None else {"augment": keras.saving.serialize_keras_object(self.augment)}),
            "sync_batch_norm": self.sync_batch_norm,
            "seed": self.seed,
            **{name: keras.saving.serialize_keras_object(getattr(self, name)) for name in self.auxiliary_networks},
        }

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        for key in ("generator", "discriminator", *cls.auxiliary_networks):
            config[key] = keras.saving.deserialize_keras_object(config[key], custom_objects=custom_objects)
        if isinstance(config.get("augment"), dict):
            config["augment"] = keras.saving.deserialize_keras_object(config["augment"], custom_objects=custom_objects)
        return cls(**config)


def _instance_noise_arg(value):
    if value is None:
        return None
    if isinstance(value, dict):
        value = keras.optimizers.schedules.deserialize(value)
    if isinstance(value, keras.optimizers.schedules.LearningRateSchedule):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
        return float(value)
    raise ValueError(
        "`instance_noise` must be None, a standard deviation >= 0 or a "
        f"keras.optimizers.schedules.LearningRateSchedule of the generator step; received {value!r}."
    )


def _augment_arg(value, seed):
    if value is None or isinstance(value, DiffAugment):
        return value
    if isinstance(value, str):
        return DiffAugment(value, seed=seed)
    raise ValueError(
        "`augment` must be None, a DiffAugment policy such as 'color,translation,cutout' or a "
        f"kerasgan.augment.DiffAugment; received {value!r}."
    )


def _serialize_noise(value):
    if isinstance(value, float):
        return value
    return keras.optimizers.schedules.serialize(value)
