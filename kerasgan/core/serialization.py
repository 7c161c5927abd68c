import keras

from kerasgan import losses as gan_losses
from kerasgan.techniques.instance_noise import serialize_stddev


class Serialization:
    """How a `kerasgan.GAN` is saved and rebuilt: its config (networks, loss, settings, shorthand
    techniques, the user's techniques, auxiliary networks) and its own variables with the seed
    generator's state, so a resumed run continues every random stream. A part of `GAN`, kept in
    its own module."""

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
            **({} if self.instance_noise is None else {"instance_noise": serialize_stddev(self.instance_noise)}),
            **({} if self.augment is None else {"augment": keras.saving.serialize_keras_object(self.augment)}),
            **({"techniques": [keras.saving.serialize_keras_object(t) for t in self.techniques]} if self.techniques
               else {}),
            "sync_batch_norm": self.sync_batch_norm,
            "seed": self.seed,
            **{name: keras.saving.serialize_keras_object(getattr(self, name)) for name in self.auxiliary_networks},
        }

    @classmethod
    def from_config(cls, config, custom_objects=None):
        """The model of `get_config`'s dict; values that are objects already (a preset built with
        overrides) are taken as they are."""

        def rebuild(value):
            if isinstance(value, dict):
                return keras.saving.deserialize_keras_object(value, custom_objects=custom_objects)
            return value

        config = dict(config)
        for key in ("generator", "discriminator", *cls.auxiliary_networks):
            config[key] = rebuild(config[key])
        if "augment" in config:
            config["augment"] = rebuild(config["augment"])
        config["techniques"] = [rebuild(t) for t in config.get("techniques", ())]
        return cls(**config)
