import keras


class TeacherSampleRefresh(keras.callbacks.Callback):
    """Redraw HGAN's bank of teacher samples from the current teacher during `fit`.

    HGAN's second discriminator compares the student's images with exact samples of the
    autoregressive teacher. Drawing them costs one network evaluation per pixel, too much for
    every step, so they live in a bank (`HGAN.teacher_bank`) that this callback fills before the
    first step when it is empty and redraws every `every_n_epochs` epochs (not after the last) as
    the teacher keeps learning. `HGAN.fit` adds one with the model's `teacher_refresh_epochs` unless one is given.

    Args:
        every_n_epochs: redraw after every this many epochs (0: only fill an empty bank).
        batch_size: images sampled in parallel.

    Example:

    ```python
    gan.fit(x, epochs=30, callbacks=[kerasgan.models.hgan.TeacherSampleRefresh(every_n_epochs=10)])
    ```
    """

    def __init__(self, every_n_epochs=10, batch_size=256):
        super().__init__()
        if isinstance(every_n_epochs, bool) or not isinstance(every_n_epochs, int) or every_n_epochs < 0:
            raise ValueError(f"`every_n_epochs` must be an int >= 0; received {every_n_epochs!r}.")
        self.every_n_epochs = every_n_epochs
        self.batch_size = batch_size

    def on_train_begin(self, logs=None):
        if not self.model.teacher_bank_filled:
            self.model.refresh_teacher_samples(batch_size=self.batch_size)

    def on_epoch_end(self, epoch, logs=None):
        last = epoch + 1 == self.params.get("epochs")  # no student step would use it
        if self.every_n_epochs and (epoch + 1) % self.every_n_epochs == 0 and not last:
            self.model.refresh_teacher_samples(batch_size=self.batch_size)
