import os

import keras
import numpy as np

from kerasgan.backend.tensorboard import image_writer
from kerasgan.callbacks.periodic import every_n_epochs_arg
from kerasgan.callbacks.periodic import is_due
from kerasgan.utils.files import atomic_write


class SampleGrid(keras.callbacks.Callback):
    """Draw a grid of samples from fixed latents every `every_n_epochs` epochs, so progress is
    visible: `<directory>/epoch_0005.png` (8×8, or one column per class for class-conditional
    models; `GAN.save_samples_picture`), and optionally the same grid into TensorBoard.

    The latents (and labels) come from `seed`, so every grid shows the same inputs and the
    epochs compare. Files are written atomically.

    Args:
        directory: where the PNGs go (created).
        every_n_epochs: the period; the last epoch of `fit` always gets a grid.
        seed: the seed of the grid's latents.
        tensorboard_dir: if set, also write each grid as an image summary `samples` there (needs
            the tensorflow and tensorboard packages: tf.summary writes TensorBoard's event files).

    Example:

    ```python
    gan.fit(x, epochs=20, callbacks=[kerasgan.callbacks.SampleGrid("run/samples", every_n_epochs=5)])
    ```
    """

    def __init__(self, directory, every_n_epochs=1, seed=0, tensorboard_dir=None):
        super().__init__()
        self.directory = os.fspath(directory)
        self.every_n_epochs = every_n_epochs_arg(every_n_epochs)
        self.seed = seed
        self.tensorboard_dir = tensorboard_dir
        self.written = []
        self._write_image = None
        if tensorboard_dir is not None:
            self._write_image = image_writer(os.path.join(os.fspath(tensorboard_dir), "samples"))

    def on_epoch_end(self, epoch, logs=None):
        if not is_due(self, epoch, self.every_n_epochs):
            return
        os.makedirs(self.directory, exist_ok=True)
        path = os.path.join(self.directory, f"epoch_{epoch + 1:04d}.png")
        with atomic_write(path, suffix=".png") as tmp:
            self.model.save_samples_picture(tmp, seed=self.seed)
        self.written.append(path)
        if self._write_image is not None:
            from PIL import Image

            with Image.open(path) as image:
                self._write_image("samples", np.asarray(image.convert("RGB")), epoch + 1)
