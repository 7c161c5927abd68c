import keras
import numpy as np
from keras import ops

from kerasgan import backend
from kerasgan.core.gan import GAN
from kerasgan.layers.level_of_detail_blend import LevelOfDetailBlend
from kerasgan.models.progan.progan_discriminator import ProGANDiscriminator
from kerasgan.models.progan.progan_generator import ProGANGenerator
from kerasgan.models.progan.progan_schedule import ProGANSchedule
from kerasgan.techniques.drift_penalty import DriftPenalty
from kerasgan.techniques.gradient_penalty import GradientPenalty


@keras.saving.register_keras_serializable(package="kerasgan")
class ProGAN(GAN):
    """ProGAN: Karras, Aila, Laine & Lehtinen, "Progressive Growing of GANs for Improved Quality,
    Stability, and Variation", ICLR 2018.

    Reference followed: tkarras/progressive_growing_of_gans (`train.py`, `loss.py`, `networks.py`):
    WGAN-GP loss (λ = 10, target 1, per-sample uniform mixing) plus the drift term
    0.001·E[D(x)²]; Adam(1e-3, β1=0, β2=0.99, ε=1e-8) for both networks; one D step per G step;
    z ~ N(0, I); an EMA generator (decay 0.999, every step) used for sampling and export.
    Growing follows `ProGANSchedule`: every step (inside the compiled step, so it works under
    `fit` on all backends and resumes mid-fade after save/load) the model computes the level of
    detail from its `images_seen` counter, writes it into the fade-in layers of G, D and the EMA
    generator, fades the real images the same way (2×2 average-pool levels, blended by the
    fractional part, nearest-upscaled back to full size, as `process_reals`), and resets both
    optimizers' state (moments and step counts) whenever floor(lod) or ceil(lod) changes, i.e.
    at the start and the end of every fade-in (`reset_opt_for_new_lod`).
    Deviations: the schedule is re-evaluated every step (the reference: every 4 minibatches);
    the minibatch size stays the `fit` batch size at every resolution (the reference's
    `minibatch_dict` changes it per resolution, which one `fit` call cannot); the networks
    always run at full resolution (the reference's "linear" structure; its "recursive" one skips
    inactive blocks, with the same output); no label conditioning; the reference skips updates
    with non-finite gradients; here a step with a non-finite loss is undone and training stops with
    an error (`compile(check_finite=True)`).

    Args:
        generator, discriminator: networks; built from the arguments below when omitted.
        image_shape, latent_dim, fmap_base, fmap_max: the default networks' shape and widths.
        schedule: a `ProGANSchedule` (default: the reference's 600k + 600k images from 4×4).
        gp_weight, drift_weight: λ and ε_drift (10 and 0.001).
        ema_decay: the generator EMA's decay (0.999).
        **kwargs: `GAN` arguments.

    Example:

    ```python
    schedule = kerasgan.models.ProGANSchedule(8, training_images=64, transition_images=64)
    gan = kerasgan.models.ProGAN(image_shape=(8, 8, 1), latent_dim=16, fmap_base=64, fmap_max=16, schedule=schedule)
    gan.compile()
    gan.fit(np.random.uniform(-1, 1, (64, 8, 8, 1)).astype("float32"), batch_size=16, epochs=3)
    float(gan.lod)  # 0.0: grown from 4×4 to 8×8
    ```
    """

    def __init__(self, generator=None, discriminator=None, image_shape=(1024, 1024, 3), latent_dim=512,
                 fmap_base=8192, fmap_max=512, schedule=None, gp_weight=10.0, drift_weight=0.001, ema_decay=0.999,
                 adversarial_loss="wasserstein", **kwargs):
        generator = generator or ProGANGenerator(latent_dim, image_shape, fmap_base, fmap_max=fmap_max)
        discriminator = discriminator or ProGANDiscriminator(generator.image_shape, fmap_base, fmap_max=fmap_max)
        for key, value in (("gp_weight", gp_weight), ("drift_weight", drift_weight)):
            if float(value) < 0:
                raise ValueError(f"`{key}` must be >= 0; received {value!r}.")
        own = [GradientPenalty(gp_weight), DriftPenalty(drift_weight)]
        super().__init__(generator, discriminator, adversarial_loss=adversarial_loss, ema_decay=ema_decay,
                         own_techniques=own, **kwargs)
        if isinstance(schedule, dict):
            schedule = keras.saving.deserialize_keras_object(schedule)
        schedule = schedule or ProGANSchedule(self.image_shape[0])
        if not isinstance(schedule, ProGANSchedule) or schedule.resolution != self.image_shape[0]:
            raise ValueError(
                f"`schedule` must be a ProGANSchedule for resolution {self.image_shape[0]}; received {schedule!r}."
            )
        self.schedule = schedule
        self.gp_weight = float(gp_weight)
        self.drift_weight = float(drift_weight)
        self.images_seen = self.add_weight(shape=(), dtype="int32", initializer="zeros", trainable=False,
                                           name="images_seen")
        self.lod = self.add_weight(shape=(), initializer=keras.initializers.Constant(schedule.max_lod),
                                   trainable=False, name="lod")
        self.generator_steps = self.add_weight(shape=(), dtype="int32", initializer="zeros", trainable=False,
                                               name="generator_steps")
        self._blends = [layer for net in (self.generator, self.discriminator, self.ema_generator) if net is not None
                        for layer in net.layers if isinstance(layer, LevelOfDetailBlend)]
        self._set_lod(ops.convert_to_tensor(self.lod))

    def default_optimizers(self):
        return (
            keras.optimizers.Adam(1e-3, beta_1=0.0, beta_2=0.99, epsilon=1e-8),
            keras.optimizers.Adam(1e-3, beta_1=0.0, beta_2=0.99, epsilon=1e-8),
        )

    # ------------------------------------------------------------ growing
    def begin_step(self, images):
        lod = self.schedule.lod(self.images_seen.value)
        previous = self.lod.value
        changed = ops.logical_or(
            ops.not_equal(ops.floor(lod), ops.floor(previous)), ops.not_equal(ops.ceil(lod), ops.ceil(previous))
        )
        for optimizer in (self.g_optimizer, self.d_optimizer):
            _reset_state(optimizer, changed)
        self.lod.assign(lod)
        self._set_lod(lod)
        # The global batch: under tf.distribute each replica holds 1/replicas of it.
        self.images_seen.assign_add(ops.cast(ops.shape(images)[0] * backend.replica()[0], "int32"))
        self.generator_steps.assign_add(1)
        return fade_real_images(images, lod, int(self.schedule.max_lod))

    def ema_step(self):
        return self.generator_steps

    def grow_to(self, lod, images_seen=None):
        """Set the level of detail of G, D and the EMA generator (0 = fully grown, 1 = half the
        resolution, fractions fade between), and optionally the images-seen counter the schedule
        reads: for weights of a model grown elsewhere (e.g. a converted checkpoint)."""
        lod = float(lod)
        if not 0.0 <= lod <= self.schedule.max_lod:
            raise ValueError(f"`lod` must be in [0, {self.schedule.max_lod}]; received {lod!r}.")
        self.lod.assign(lod)
        self._set_lod(ops.convert_to_tensor(lod, "float32"))
        if images_seen is not None:
            self.images_seen.assign(int(images_seen))

    def _set_lod(self, lod):
        for layer in self._blends:
            # One array per variable: JAX refuses to donate a buffer that two variables share.
            layer.lod.assign(ops.copy(lod))

    def generate(self, n, seed=None, labels=None, use_ema=True, batch_size=256, truncation=None):
        """Samples clipped to [-1, 1]: the generator's toRGB is linear (no tanh), and the
        reference clips when it converts its outputs to images (`convert_images_to_uint8`).
        `generator(z)` and the exported generator return the raw output."""
        images = super().generate(n, seed, labels, use_ema, batch_size, truncation)
        return np.clip(images, -1.0, 1.0)

    @property
    def resolution(self):
        """The resolution being trained (or faded in) now."""
        return int(self.image_shape[0] / 2 ** int(ops.convert_to_numpy(ops.floor(self.lod))))

    def get_config(self):
        return {
            **super().get_config(),
            "schedule": keras.saving.serialize_keras_object(self.schedule),
            "gp_weight": self.gp_weight,
            "drift_weight": self.drift_weight,
        }


def fade_real_images(images, lod, max_lod):
    """Real images as the networks see them at level of detail `lod` (the reference's
    `process_reals`): the image at level floor(lod) blended towards the next coarser level by
    lod - floor(lod), each level a 2×2 average pooling, nearest-upscaled back to full size."""
    levels = [images]
    coarse = images
    for k in range(1, max_lod + 1):
        coarse = ops.average_pool(coarse, 2, 2, padding="valid")
        levels.append(ops.repeat(ops.repeat(coarse, 2**k, axis=1), 2**k, axis=2))
    stack = ops.stack(levels, axis=0)
    base = ops.floor(lod)
    index = ops.cast(base, "int32")
    fine = ops.take(stack, index, axis=0)
    coarser = ops.take(stack, ops.minimum(index + 1, max_lod), axis=0)
    return fine + (coarser - fine) * ops.cast(lod - base, images.dtype)


def _reset_state(optimizer, condition):
    """Zero an optimizer's slots and step count where `condition` holds (keeps its learning rate)."""
    keep = optimizer.learning_rate  # the learning-rate variable (a tensor when it follows a schedule)
    for variable in optimizer.variables:
        if variable is keep:
            continue
        variable.assign(ops.where(condition, ops.zeros(variable.shape, variable.dtype), variable.value))
