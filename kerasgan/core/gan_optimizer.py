import keras


@keras.saving.register_keras_serializable(package="kerasgan")
class GANOptimizer(keras.optimizers.Optimizer):
    """One optimizer object that owns the generator's, the discriminator's and any auxiliary
    network's optimizers.

    Keras's JAX trainer threads exactly one optimizer's variables through its pure train step;
    a second optimizer kept as a plain attribute would silently keep frozen Adam moments there.
    This container (the same trick as `keras.optimizers.LossScaleOptimizer`) exposes the variables
    of its inner optimizers as its own, so their state is carried on JAX and is saved, loaded and
    sharded with the model on every backend. It never updates weights itself: the GAN core applies
    each inner optimizer to its own network (TTUR: each has its own learning rate, betas and
    schedule). Models with more than two trained networks (IVGAN's encoder, HGAN's teacher and
    second discriminator) name the extra optimizers in `auxiliary_optimizers`.

    Args:
        generator_optimizer: a `keras.optimizers.Optimizer` for the generator.
        discriminator_optimizer: a `keras.optimizers.Optimizer` for the discriminator.
        auxiliary_optimizers: optional `{network name: optimizer}` for the model's auxiliary
            networks (`GAN.auxiliary_networks`).
        name: the container's name.

    Example:

    ```python
    opt = kerasgan.GANOptimizer(
        keras.optimizers.Adam(1e-4, beta_1=0.0, beta_2=0.9),
        keras.optimizers.Adam(4e-4, beta_1=0.0, beta_2=0.9),
    )
    ```
    """

    def __init__(
        self, generator_optimizer, discriminator_optimizer, auxiliary_optimizers=None, name="gan_optimizer", **kwargs
    ):
        auxiliary_optimizers = dict(auxiliary_optimizers or {})
        named = [("generator_optimizer", generator_optimizer), ("discriminator_optimizer", discriminator_optimizer)]
        named += [(f"auxiliary_optimizers[{key!r}]", opt) for key, opt in sorted(auxiliary_optimizers.items())]
        for role, opt in named:
            if not isinstance(opt, keras.optimizers.Optimizer):
                raise TypeError(
                    f"GANOptimizer expects `{role}` to be a keras.optimizers.Optimizer instance; "
                    f"received {opt!r} of type {type(opt).__name__}."
                )
        seen = {}
        for role, opt in named:
            if id(opt) in seen:
                raise ValueError(
                    "GANOptimizer needs a distinct optimizer object per network (each keeps its own "
                    f"moments); received the same object for `{seen[id(opt)]}` and `{role}`."
                )
            seen[id(opt)] = role
        super().__init__(learning_rate=0.0, name=name, **kwargs)
        self.generator_optimizer = generator_optimizer
        self.discriminator_optimizer = discriminator_optimizer
        self.auxiliary_optimizers = {key: auxiliary_optimizers[key] for key in sorted(auxiliary_optimizers)}

    def with_loss_scaling(self):
        """This container with every inner optimizer wrapped in a dynamic
        `keras.optimizers.LossScaleOptimizer` (those already wrapped are kept): what `GAN.compile`
        uses under the `mixed_float16` policy, so each network's loss has its own scale, halved
        on a step whose gradients overflow (that network's update is skipped) and doubled after
        2,000 clean steps. Returns `self` when nothing needs wrapping."""

        def wrapped(opt):
            if isinstance(opt, keras.optimizers.LossScaleOptimizer):
                return opt
            return keras.optimizers.LossScaleOptimizer(opt, name=f"{opt.name}_loss_scale")

        if all(isinstance(opt, keras.optimizers.LossScaleOptimizer) for opt in self.inner_optimizers):
            return self
        if self.built:
            raise ValueError(
                f"GANOptimizer '{self.name}' was built without loss scaling and cannot be wrapped now; compile the "
                "GAN under the mixed_float16 policy with fresh optimizers (or LossScaleOptimizers)."
            )
        return GANOptimizer(
            wrapped(self.generator_optimizer),
            wrapped(self.discriminator_optimizer),
            {key: wrapped(opt) for key, opt in self.auxiliary_optimizers.items()},
            name=self.name,
        )

    @property
    def inner_optimizers(self):
        """The generator's, the discriminator's, then the auxiliary optimizers (sorted by name)."""
        return [self.generator_optimizer, self.discriminator_optimizer, *self.auxiliary_optimizers.values()]

    def build_for(self, generator_variables, discriminator_variables, auxiliary_variables=None):
        """Build every inner optimizer for its network's trainable variables."""
        auxiliary_variables = dict(auxiliary_variables or {})
        if set(auxiliary_variables) != set(self.auxiliary_optimizers):
            raise ValueError(
                f"GANOptimizer holds auxiliary optimizers for {sorted(self.auxiliary_optimizers)} but the "
                f"model's auxiliary networks are {sorted(auxiliary_variables)}."
            )
        pairs = [
            (self.generator_optimizer, generator_variables),
            (self.discriminator_optimizer, discriminator_variables),
        ]
        pairs += [(self.auxiliary_optimizers[key], auxiliary_variables[key]) for key in self.auxiliary_optimizers]
        for opt, variables in pairs:
            if not opt.built:
                opt.build(variables)
        if not self.built:
            super().build([v for _, variables in pairs for v in variables])

    def build(self, var_list):
        if self.built:
            return
        if not all(opt.built for opt in self.inner_optimizers):
            raise ValueError(
                "GANOptimizer is built by `GAN.compile`, which knows which variables belong to the "
                "generator and which to the discriminator; received a plain `build(var_list)` "
                f"with {len(var_list)} variables before that. Compile the GAN first."
            )
        super().build(var_list)

    @property
    def variables(self):
        return self._variables + [v for opt in self.inner_optimizers for v in opt.variables]

    def save_own_variables(self, store):
        # The inner optimizers are saved as this object's children; store only our own state.
        for i, variable in enumerate(self._variables):
            store[str(i)] = variable.numpy()

    def load_own_variables(self, store):
        if len(store.keys()) != len(self._variables):
            raise ValueError(
                f"GANOptimizer '{self.name}' expected {len(self._variables)} saved variables and "
                f"received {len(store.keys())}; compile the GAN before loading its weights."
            )
        for i, variable in enumerate(self._variables):
            variable.assign(store[str(i)])

    def apply(self, grads, trainable_variables=None):
        raise NotImplementedError(
            "GANOptimizer does not apply gradients itself; apply `generator_optimizer`, "
            "`discriminator_optimizer` or an auxiliary optimizer to its own network's variables."
        )

    def get_config(self):
        config = {
            "name": self.name,
            "generator_optimizer": keras.saving.serialize_keras_object(self.generator_optimizer),
            "discriminator_optimizer": keras.saving.serialize_keras_object(self.discriminator_optimizer),
        }
        if self.auxiliary_optimizers:
            config["auxiliary_optimizers"] = {
                key: keras.saving.serialize_keras_object(opt) for key, opt in self.auxiliary_optimizers.items()
            }
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        for key in ("generator_optimizer", "discriminator_optimizer"):
            config[key] = keras.saving.deserialize_keras_object(config[key], custom_objects=custom_objects)
        config["auxiliary_optimizers"] = {
            key: keras.saving.deserialize_keras_object(value, custom_objects=custom_objects)
            for key, value in config.get("auxiliary_optimizers", {}).items()
        }
        return cls(**config)
