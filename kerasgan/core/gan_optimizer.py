import keras
from keras.src.saving import serialization_lib


@keras.saving.register_keras_serializable(package="kerasgan")
class GANOptimizer(keras.optimizers.Optimizer):
    """One optimizer object that owns the generator's and the discriminator's optimizers.

    Keras's JAX trainer threads exactly one optimizer's variables through its pure train step;
    a second optimizer kept as a plain attribute would silently keep frozen Adam moments there.
    This container (the same trick as `keras.optimizers.LossScaleOptimizer`) exposes the variables
    of both inner optimizers as its own, so their state is carried on JAX and is saved, loaded and
    sharded with the model on every backend. It never updates weights itself: the GAN core applies
    `generator_optimizer` and `discriminator_optimizer` to their own networks (TTUR: each has its
    own learning rate, betas and schedule).

    Args:
        generator_optimizer: a `keras.optimizers.Optimizer` for the generator.
        discriminator_optimizer: a `keras.optimizers.Optimizer` for the discriminator.
        name: the container's name.

    Example:

    ```python
    opt = kerasgan.GANOptimizer(
        keras.optimizers.Adam(1e-4, beta_1=0.0, beta_2=0.9),
        keras.optimizers.Adam(4e-4, beta_1=0.0, beta_2=0.9),
    )
    ```
    """

    def __init__(self, generator_optimizer, discriminator_optimizer, name="gan_optimizer", **kwargs):
        for role, opt in (("generator_optimizer", generator_optimizer),
                          ("discriminator_optimizer", discriminator_optimizer)):
            if not isinstance(opt, keras.optimizers.Optimizer):
                raise TypeError(
                    f"GANOptimizer expects `{role}` to be a keras.optimizers.Optimizer instance; "
                    f"received {opt!r} of type {type(opt).__name__}."
                )
        if generator_optimizer is discriminator_optimizer:
            raise ValueError(
                "GANOptimizer needs two distinct optimizer objects (each keeps its own moments); "
                "received the same object for the generator and the discriminator."
            )
        super().__init__(learning_rate=0.0, name=name, **kwargs)
        self.generator_optimizer = generator_optimizer
        self.discriminator_optimizer = discriminator_optimizer

    def build_for(self, generator_variables, discriminator_variables):
        """Build both inner optimizers for their networks' trainable variables."""
        if not self.generator_optimizer.built:
            self.generator_optimizer.build(generator_variables)
        if not self.discriminator_optimizer.built:
            self.discriminator_optimizer.build(discriminator_variables)
        if not self.built:
            super().build(list(generator_variables) + list(discriminator_variables))

    def build(self, var_list):
        if self.built:
            return
        if not (self.generator_optimizer.built and self.discriminator_optimizer.built):
            raise ValueError(
                "GANOptimizer is built by `GAN.compile`, which knows which variables belong to the "
                "generator and which to the discriminator; received a plain `build(var_list)` "
                f"with {len(var_list)} variables before that. Compile the GAN first."
            )
        super().build(var_list)

    @property
    def variables(self):
        return (
            self._variables
            + self.generator_optimizer.variables
            + self.discriminator_optimizer.variables
        )

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
            "GANOptimizer does not apply gradients itself; apply `generator_optimizer` or "
            "`discriminator_optimizer` to their own networks' variables."
        )

    def get_config(self):
        return {
            "name": self.name,
            "generator_optimizer": serialization_lib.serialize_keras_object(self.generator_optimizer),
            "discriminator_optimizer": serialization_lib.serialize_keras_object(
                self.discriminator_optimizer
            ),
        }

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        for key in ("generator_optimizer", "discriminator_optimizer"):
            config[key] = serialization_lib.deserialize_keras_object(
                config[key], custom_objects=custom_objects
            )
        return cls(**config)
