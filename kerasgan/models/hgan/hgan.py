import math

import keras
import numpy as np
from keras import ops

from kerasgan import backend
from kerasgan.backend.replicas import per_example
from kerasgan.core.gan import GAN
from kerasgan.models.dcgan.dcgan_discriminator import DCGANDiscriminator
from kerasgan.models.dcgan.dcgan_generator import DCGANGenerator
from kerasgan.models.hgan.pixelcnn import PixelCNN
from kerasgan.models.hgan.teacher_sample_refresh import TeacherSampleRefresh


@keras.saving.register_keras_serializable(package="kerasgan")
class HGAN(GAN):
    """HGAN: Iranmanesh & Nasrabadi, "HGAN: Hybrid generative adversarial network", Journal of
    Intelligent & Fuzzy Systems 40(5), 2021 (arXiv:2102.03710).

    The paper's full text was not available to us. Its abstract: an autoregressive model (the
    teacher) enforces density estimation; an adversarial network transfers the teacher's
    knowledge to the GAN's generator (the student) in addition to ordinary GAN training; the
    adversarial and likelihood objectives are trained jointly, to cover the data's modes. What
    follows is our construction of that description; every detail not in the abstract is **our
    choice**:

    - Teacher: a `PixelCNN` (masked convolutions, a categorical over 256 levels per pixel,
      exact likelihood and exact ancestral sampling), trained by maximum likelihood on the real
      images — before adversarial training (`pretrain_teacher`, ours) and jointly, one
      likelihood step per training step on the same batch (logged `teacher_nll`, bits/dim).
    - Student and first discriminator: DCGAN's (`DCGANGenerator`, `DCGANDiscriminator`), the
      ordinary GAN game on real images with the non-saturating loss.
    - Knowledge transfer: a second discriminator (`teacher_discriminator`, a DCGAN
      discriminator) separates teacher samples from student samples (logged `d2_loss`); the
      student minimises the sum of both adversarial terms, `L_G(D) + teacher_weight ·
      L_G(D_teacher)` (the second logged `teacher_adv`).
    - Teacher samples come from a bank of `teacher_bank_size` exact samples (one network
      evaluation per pixel makes sampling inside every step too costly), filled before the first
      step and redrawn from the current teacher every `teacher_refresh_epochs` epochs by the
      `TeacherSampleRefresh` callback that `fit` adds; each step draws its batch from the bank
      uniformly. The teacher terms are off (weight 0) until the bank is filled.
    - Optimizers: DCGAN's Adam(2e-4, β1 = 0.5) for the student and both discriminators, Adam(1e-3)
      for the teacher; z ~ U[-1, 1].

    Args:
        generator, discriminator, teacher, teacher_discriminator: networks; built from the
            arguments below when omitted.
        image_shape, latent_dim, base_filters: the student and discriminators (DCGAN widths).
        teacher_filters, teacher_blocks, num_levels: the PixelCNN teacher.
        teacher_weight: weight of the teacher-adversarial term in the student's loss.
        teacher_bank_size, teacher_refresh_epochs: the teacher-sample bank.
        learning_rate, teacher_learning_rate: the optimizers' learning rates.
        **kwargs: `GAN` arguments.

    Example:

    ```python
    gan = kerasgan.models.HGAN(image_shape=(28, 28, 1), latent_dim=16, base_filters=8, teacher_filters=8,
                               teacher_blocks=1, teacher_bank_size=32)
    x, _ = kerasgan.data.load_mnist_subset()
    gan.pretrain_teacher(x[:256], epochs=1)
    gan.compile()
    gan.fit(x[:256], batch_size=64, epochs=1)
    gan.generate(4, seed=0).shape, gan.teacher.bits_per_dim(x[:64])
    ```
    """

    loss_terms = ("teacher_adv", "d2_loss", "teacher_nll")
    auxiliary_networks = ("teacher", "teacher_discriminator")

    def __init__(
        self,
        generator=None,
        discriminator=None,
        teacher=None,
        teacher_discriminator=None,
        image_shape=(28, 28, 1),
        latent_dim=100,
        base_filters=64,
        teacher_filters=32,
        teacher_blocks=5,
        num_levels=256,
        teacher_weight=1.0,
        teacher_bank_size=1024,
        teacher_refresh_epochs=10,
        learning_rate=2e-4,
        teacher_learning_rate=1e-3,
        adversarial_loss="non_saturating",
        latent_distribution="uniform",
        **kwargs,
    ):
        generator = generator or DCGANGenerator(latent_dim, image_shape, base_filters)
        discriminator = discriminator or DCGANDiscriminator(generator.image_shape, base_filters)
        teacher = teacher or PixelCNN(generator.image_shape, teacher_filters, teacher_blocks, num_levels)
        teacher_discriminator = teacher_discriminator or DCGANDiscriminator(
            generator.image_shape, base_filters, name="teacher_discriminator"
        )
        super().__init__(
            generator,
            discriminator,
            adversarial_loss=adversarial_loss,
            latent_distribution=latent_distribution,
            **kwargs,
        )
        if self.num_classes:
            raise ValueError(f"HGAN is unconditional; received a generator with num_classes={self.num_classes}.")
        if self._adversarial.relativistic:
            raise ValueError(
                f"HGAN's teacher term judges the fakes alone, so its loss cannot be relativistic; received "
                f"{self._adversarial.name!r}."
            )
        for role, net in (("teacher", teacher), ("teacher_discriminator", teacher_discriminator)):
            shape = getattr(net, "image_shape", None)
            if shape is None or tuple(shape) != self.image_shape:
                raise ValueError(f"HGAN's `{role}` must model images of shape {self.image_shape}; received {shape}.")
        if not hasattr(teacher, "sample") or not hasattr(teacher, "nll"):
            raise TypeError(
                f"HGAN's teacher must be an autoregressive model with `nll` and `sample` (e.g. PixelCNN); "
                f"received {type(teacher).__name__}."
            )
        for key, value in (
            ("teacher_bank_size", teacher_bank_size),
            ("teacher_refresh_epochs", teacher_refresh_epochs),
        ):
            if (
                isinstance(value, bool)
                or not isinstance(value, int)
                or value < (1 if key == "teacher_bank_size" else 0)
            ):
                raise ValueError(
                    f"`{key}` must be a {'positive' if key == 'teacher_bank_size' else 'non-negative'} "
                    f"int; received {value!r}."
                )
        if float(teacher_weight) < 0:
            raise ValueError(f"`teacher_weight` must be >= 0; received {teacher_weight!r}.")
        self.teacher = teacher
        self.teacher_discriminator = teacher_discriminator
        self.teacher_weight = float(teacher_weight)
        self.teacher_bank_size = teacher_bank_size
        self.teacher_refresh_epochs = teacher_refresh_epochs
        self.learning_rate = float(learning_rate)
        self.teacher_learning_rate = float(teacher_learning_rate)
        self.teacher_bank = self.add_weight(
            shape=(teacher_bank_size, *self.image_shape), initializer="zeros", trainable=False, name="teacher_bank"
        )
        self.teacher_bank_ready = self.add_weight(
            shape=(), initializer="zeros", trainable=False, name="teacher_bank_ready"
        )
        self.teacher_refreshes = self.add_weight(
            shape=(), dtype="int32", initializer="zeros", trainable=False, name="teacher_refreshes"
        )

    def default_optimizers(self):
        return (
            keras.optimizers.Adam(self.learning_rate, beta_1=0.5),
            keras.optimizers.Adam(self.learning_rate, beta_1=0.5),
        )

    def default_auxiliary_optimizers(self):
        return {
            "teacher": keras.optimizers.Adam(self.teacher_learning_rate),
            "teacher_discriminator": keras.optimizers.Adam(self.learning_rate, beta_1=0.5),
        }

    def training_callbacks(self):
        return [*super().training_callbacks(), TeacherSampleRefresh(self.teacher_refresh_epochs)]

    # ------------------------------------------------------------ teacher
    def pretrain_teacher(self, images, epochs=10, batch_size=64, verbose="auto", **kwargs):
        """Train the teacher alone by maximum likelihood (its own Adam at `teacher_learning_rate`)
        before adversarial training; returns the `History` (nats per image)."""
        optimizer = keras.optimizers.Adam(self.teacher_learning_rate)
        return self.teacher.fit_nll(
            images, epochs=epochs, batch_size=batch_size, optimizer=optimizer, verbose=verbose, **kwargs
        )

    @property
    def teacher_bank_filled(self):
        return bool(ops.convert_to_numpy(self.teacher_bank_ready) > 0)

    def refresh_teacher_samples(self, batch_size=256):
        """Fill the teacher-sample bank with fresh exact samples of the current teacher (seeded by
        the model's seed and the number of refreshes so far: reproducible on every backend)."""
        count = int(ops.convert_to_numpy(self.teacher_refreshes))
        seed = None if self.seed is None else [int(self.seed), count]
        samples = self.teacher.sample(self.teacher_bank_size, seed=seed, batch_size=batch_size)
        self.teacher_bank.assign(samples)
        self.teacher_bank_ready.assign(1.0)
        self.teacher_refreshes.assign(count + 1)
        return samples

    def teacher_batch(self, n):
        index = per_example(
            lambda m: keras.random.randint((m,), 0, self.teacher_bank_size, seed=self.seed_generator, dtype="int32"), n
        )
        return ops.take(self.teacher_bank, index, axis=0)

    # ------------------------------------------------------------ losses
    def generator_terms(self, step):
        logits = self.teacher_discriminator(step.fake, training=True)
        weight = self.teacher_weight * ops.convert_to_tensor(self.teacher_bank_ready)
        return {"teacher_adv": weight * self._adversarial.generator(logits)}

    def auxiliary_steps(self, step):
        images = step.images
        n = ops.shape(images)[0]
        teacher_images = self.teacher_batch(n)
        z = self._sample_latent(n)
        ready = ops.convert_to_tensor(self.teacher_bank_ready)

        def teacher_discriminator_loss():
            with backend.no_grad():
                fake = ops.stop_gradient(self.generate_images(z, training=True))
            loss = self._adversarial.discriminator(
                self.teacher_discriminator(teacher_images, training=True),
                self.teacher_discriminator(fake, training=True),
            )
            return ready * loss, loss

        _, d2_loss = self.minimize(
            self.auxiliary_optimizer("teacher_discriminator"),
            self.teacher_discriminator.trainable_variables,
            teacher_discriminator_loss,
        )
        dims = float(np.prod(self.image_shape)) * math.log(2.0)

        def likelihood_loss():
            bits = ops.mean(self.teacher.nll(images, training=True)) / dims
            return bits, bits

        _, bits = self.minimize(self.auxiliary_optimizer("teacher"), self.teacher.trainable_variables, likelihood_loss)
        return {"d2_loss": d2_loss, "teacher_nll": bits}

    def get_config(self):
        return {
            **super().get_config(),
            "teacher_weight": self.teacher_weight,
            "teacher_bank_size": self.teacher_bank_size,
            "teacher_refresh_epochs": self.teacher_refresh_epochs,
            "learning_rate": self.learning_rate,
            "teacher_learning_rate": self.teacher_learning_rate,
        }
