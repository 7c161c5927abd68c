from kerasgan.core import preset_folder


class Sharing:
    """How a `kerasgan.GAN` leaves the training process: its generator exported for serving
    (SavedModel, ONNX) and the whole model as a preset folder (`save_to_preset` / `from_preset`).
    A part of `GAN`, kept in its own module."""

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
        gan = preset_folder.preset_loader()(preset, weights=weights)
        if not isinstance(gan, cls):
            raise TypeError(f"Preset {preset!r} holds a {type(gan).__name__}, not a {cls.__name__}.")
        return gan
