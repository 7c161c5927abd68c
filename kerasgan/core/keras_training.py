import keras

from kerasgan import backend
from kerasgan.callbacks.non_finite_loss_guard import NonFiniteLossGuard
from kerasgan.core.fit_data import check_fit_data
from kerasgan.core.gan_optimizer import GANOptimizer


class KerasTraining:
    """How Keras drives a `kerasgan.GAN`: `compile` (the generator's, the discriminator's and the
    auxiliary networks' optimizers in one `GANOptimizer`, the one optimizer JAX threads; loss
    scaling under `mixed_float16`; eager torch for double backprop; the compile config) and `fit`
    (host-side data checks, the callbacks the model needs). A part of `GAN`, kept in its own module."""

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
        if backend.name() == "torch" and self.double_backprop:
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
            self.generator_variables,
            self.discriminator_variables,
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

    def fit(self, x=None, y=None, batch_size=None, *args, callbacks=None, **kwargs):
        """Keras's `fit`; each batch is one GAN iteration (see `iteration_batch_size`). The data
        are checked on the host first (`kerasgan.core.fit_data`). A `kerasgan.data.ShuffledBatches`
        orders its batches itself, the same in a resumed run: `fit` does not reshuffle them unless
        given `shuffle=True`, and with `initial_epoch=e` it serves epoch e's order first."""
        from kerasgan.data.shuffled_batches import ShuffledBatches

        if isinstance(x, ShuffledBatches):
            kwargs.setdefault("shuffle", False)
            if kwargs.get("initial_epoch"):
                x.set_epoch(kwargs["initial_epoch"])
        check_fit_data(self, x, y, batch_size)
        callbacks = list(callbacks or [])
        callbacks += [c for c in self.training_callbacks() if not any(isinstance(o, type(c)) for o in callbacks)]
        with backend.fit_guard(self):
            return super().fit(x, y, batch_size, *args, callbacks=callbacks, **kwargs)

    def training_callbacks(self):
        """Callbacks the model needs in `fit`, each added unless one of its type is passed: the
        `NonFiniteLossGuard` (unless compiled with `check_finite=False`) and model-specific ones."""
        return [NonFiniteLossGuard()] if getattr(self, "check_finite", True) else []
