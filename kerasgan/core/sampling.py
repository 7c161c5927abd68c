import keras
import numpy as np

from kerasgan import backend
from kerasgan.backend.replicas import per_example
from kerasgan.utils.images import save_image_grid
from kerasgan.utils.images import save_scatter


class Sampling:
    """What a `kerasgan.GAN` draws: in the training step, latents and fake labels from its seed
    generator; on the host, `generate` (numpy in, numpy out, the same images for the same seed on
    every backend), the truncation trick, condition vectors for condition-vector models
    (`sample_conditions`, a hook) and the samples picture of its card. A part of `GAN`, kept in
    its own module."""

    def _sample_latent(self, n):
        def draw(m):
            if self.latent_distribution == "uniform":
                return keras.random.uniform((m, self.latent_dim), -1.0, 1.0, seed=self.seed_generator)
            return keras.random.normal((m, self.latent_dim), seed=self.seed_generator)

        return per_example(draw, n)

    def _sample_labels(self, n, real_labels=None):
        """Labels of `n` fakes: uniform class ids, or a condition-vector model's real conditions."""
        if self.condition_dim:
            return real_labels
        if not self.num_classes:
            return None
        return per_example(
            lambda m: keras.random.randint((m,), 0, self.num_classes, seed=self.seed_generator, dtype="int32"), n
        )

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

    def sample_conditions(self, rng, n):
        """Condition vectors for `generate(n)` without `labels` (condition-vector models only;
        the default asks for them). `rng` is a `numpy.random.Generator`."""
        raise ValueError(
            f"{type(self).__name__} is conditioned on {self.condition_dim}-dimensional vectors: pass "
            f"`labels` as a float array of shape ({n}, {self.condition_dim})."
        )

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
