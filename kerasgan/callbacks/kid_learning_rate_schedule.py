import keras
import numpy as np

from kerasgan.utils.three_sample_test import kernel_sums
from kerasgan.utils.three_sample_test import three_sample_mmd_test


class KIDLearningRateSchedule(keras.callbacks.Callback):
    """MMD GAN's adaptive learning rate: halve both optimizers' learning rates when the generator
    has stopped getting closer to the data, by a relative test with KID's kernel.

    Bińkowski, Sutherland, Arbel & Gretton, "Demystifying MMD GANs", ICLR 2018, section 4.
    Reference: mbinkowski/MMD-GAN `gan/utils/scorer.py` (with `--compute_scores`): every
    `every_n_steps` generator updates, the features of `num_samples` fresh samples (Y) are tested
    against those of the data (X) and of the samples `window` evaluations earlier (Z) with the
    3-sample test (`kerasgan.metrics.three_sample_mmd_test`). A p-value above `p_threshold` (Y is
    not significantly closer to X than Z) counts a failure; `patience` failures in a row multiply
    both optimizers' learning rates by `factor` (not below `min_learning_rate`) and keep the last
    `patience` feature sets in memory; a success drops the oldest one. The first `window`
    evaluations only fill the memory. Logs `kid_test_p_value` when it tests and `learning_rate`.

    Host-side state: after a resumed run the memory starts empty (the learning rate itself is in
    the optimizers' saved state). Samples are drawn with `generate(num_samples, seed=evaluation
    index)`.

    Args:
        extractor: an object with `features(images, batch_size)` (`kerasgan.metrics.MNISTClassifier`
            for MNIST, the reference uses a LeNet).
        reference_images: the data, at least `num_samples` images.
        every_n_steps: generator updates between tests (the reference: 500 for MNIST).
        num_samples: feature vectors per set (the reference: 2048).
        window, patience, p_threshold, factor, min_learning_rate: 10, 3, 0.1, 0.5 and 1e-6 in the
            reference.

    Example:

    ```python
    schedule = kerasgan.callbacks.KIDLearningRateSchedule(kerasgan.metrics.MNISTClassifier.pretrained(), x_train)
    gan.fit(x_train, batch_size=320, epochs=100, callbacks=[schedule])
    ```
    """

    def __init__(self, extractor, reference_images, every_n_steps=500, num_samples=2048, window=10, patience=3,
                 p_threshold=0.1, factor=0.5, min_learning_rate=1e-6, batch_size=500):
        super().__init__()
        if not hasattr(extractor, "features"):
            raise TypeError(f"KIDLearningRateSchedule expects an extractor with `features(images, batch_size)`; "
                            f"received {type(extractor).__name__}.")
        for key, value, minimum in (("every_n_steps", every_n_steps, 1), ("num_samples", num_samples, 3),
                                    ("window", window, 1), ("patience", patience, 1)):
            if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
                raise ValueError(f"KIDLearningRateSchedule expects `{key}` as an int >= {minimum}; received {value!r}.")
        if not 0 < factor < 1 or not 0 < p_threshold < 1:
            raise ValueError(f"KIDLearningRateSchedule expects `factor` and `p_threshold` in (0, 1); received "
                             f"{factor!r} and {p_threshold!r}.")
        if len(reference_images) < num_samples:
            raise ValueError(f"KIDLearningRateSchedule needs at least num_samples={num_samples} reference images; "
                             f"received {len(reference_images)}.")
        self.extractor, self.batch_size = extractor, batch_size
        self.reference = np.asarray(extractor.features(np.asarray(reference_images)[:num_samples],
                                                       batch_size=batch_size), "float64")
        self.every_n_steps, self.num_samples, self.window, self.patience = every_n_steps, num_samples, window, patience
        self.p_threshold, self.factor, self.min_learning_rate = p_threshold, factor, min_learning_rate
        self.memory, self.failures, self.evaluations, self.history = [], 0, 0, []
        self._count = self._due = 0

    def on_train_begin(self, logs=None):
        for optimizer in (self.model.g_optimizer, self.model.d_optimizer):
            try:  # a constant rate is settable (set to itself here); a schedule's is not
                optimizer.learning_rate = float(keras.ops.convert_to_numpy(optimizer.learning_rate))
            except TypeError as error:
                raise ValueError(f"KIDLearningRateSchedule sets the optimizers' learning rates; the "
                                 f"{type(optimizer).__name__} of {self.model.name!r} follows a learning-rate "
                                 "schedule. Compile with constant rates.") from error
        self._count = self._generator_steps()
        self._due = (self._count // self.every_n_steps + 1) * self.every_n_steps

    def _generator_steps(self):
        return int(keras.ops.convert_to_numpy(self.model.g_optimizer.iterations))

    def on_train_batch_end(self, batch, logs=None):
        # Counted on the host; the model (a sync of every variable on JAX) is read only when a test
        # may be due, and its own count decides (a critic schedule, several steps per execution).
        self._count += 1
        if self._count < self._due:
            return
        step = self._count = self._generator_steps()
        if step < self._due:
            return
        self._due = (step // self.every_n_steps + 1) * self.every_n_steps
        samples = self.model.generate(self.num_samples, seed=self.evaluations)
        self.evaluations += 1
        features = np.asarray(self.extractor.features(samples, batch_size=self.batch_size), "float64")
        record, sums = {"step": step}, kernel_sums(self.reference, features)
        if len(self.memory) < self.window:
            self.memory.append(sums)
        else:
            _, statistic, p_value = three_sample_mmd_test(self.reference, y_sums=sums, z_sums=self.memory[0])
            record.update(statistic=statistic, p_value=p_value)
            if p_value > self.p_threshold:
                self.failures += 1
                if self.failures >= self.patience:
                    self._decay()
                    self.memory = (self.memory + [sums])[-self.patience:]
                    self.failures = 0
            else:
                self.memory = self.memory[1:] + [sums]
                self.failures = 0
            if logs is not None:
                logs["kid_test_p_value"] = p_value
        record["learning_rate"] = self.learning_rate
        self.history.append(record)

    @property
    def learning_rate(self):
        return float(keras.ops.convert_to_numpy(self.model.g_optimizer.learning_rate))

    def _decay(self):
        for optimizer in (self.model.g_optimizer, self.model.d_optimizer):
            rate = float(keras.ops.convert_to_numpy(optimizer.learning_rate))
            optimizer.learning_rate = max(rate * self.factor, self.min_learning_rate)

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            logs["learning_rate"] = self.learning_rate
