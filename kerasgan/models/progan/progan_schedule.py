import math

import keras
from keras import ops


@keras.saving.register_keras_serializable(package="kerasgan")
class ProGANSchedule:
    """ProGAN's growth schedule: level of detail as a function of real images shown.

    tkarras/progressive_growing_of_gans `train.py` `TrainingSchedule`: training starts at
    `initial_resolution`; each phase shows `training_images` at a fixed resolution, then fades in
    the next resolution over `transition_images`:

        phase = floor(images / (training_images + transition_images))
        lod   = log2(resolution) - log2(initial_resolution) - phase
                - max(images - phase * (training + transition) - training_images, 0) / transition_images
        lod   = max(lod, 0)

    `lod = 2.5` means: half-way through fading in the resolution 4× below the target. The
    schedule is evaluated inside the compiled training step from the model's `images_seen`
    counter, so it needs no callback, survives save/load and resumes mid-phase. The reference
    uses 600k + 600k images; scale them to your data.

    Args:
        resolution: the target image size (a power of two).
        initial_resolution: the starting size (4).
        training_images, transition_images: images per stable phase and per fade-in.

    Example:

    >>> from kerasgan.models import ProGANSchedule
    >>> s = ProGANSchedule(32, training_images=100, transition_images=100)
    >>> [s.lod_numpy(n) for n in (0, 100, 150, 200, 350, 10_000)]
    [3.0, 3.0, 2.5, 2.0, 1.5, 0.0]
    """

    def __init__(self, resolution, initial_resolution=4, training_images=600_000, transition_images=600_000):
        for key, value in (("resolution", resolution), ("initial_resolution", initial_resolution)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 4 or value & (value - 1):
                raise ValueError(f"`{key}` must be a power of two >= 4; received {key}={value!r}.")
        if initial_resolution > resolution:
            raise ValueError(
                f"`initial_resolution` ({initial_resolution}) must not exceed `resolution` ({resolution})."
            )
        for key, value in (("training_images", training_images), ("transition_images", transition_images)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"`{key}` must be a positive int; received {key}={value!r}.")
        self.resolution = resolution
        self.initial_resolution = initial_resolution
        self.training_images = training_images
        self.transition_images = transition_images
        self.max_lod = float(math.log2(resolution) - math.log2(initial_resolution))

    def lod(self, images_seen):
        """The level of detail after `images_seen` real images, as a float32 tensor."""
        images = ops.cast(images_seen, "float32")
        period = float(self.training_images + self.transition_images)
        phase = ops.floor(images / period)
        in_phase = images - phase * period
        fade = ops.maximum(in_phase - float(self.training_images), 0.0) / float(self.transition_images)
        return ops.maximum(self.max_lod - phase - fade, 0.0)

    def lod_numpy(self, images_seen):
        """The same in plain Python (for tests, logging and planning)."""
        period = self.training_images + self.transition_images
        phase = images_seen // period
        fade = max(images_seen - phase * period - self.training_images, 0) / self.transition_images
        return max(self.max_lod - phase - fade, 0.0)

    def resolution_at(self, images_seen):
        """The resolution being trained or faded in after `images_seen` images (the reference's)."""
        return int(self.resolution / 2 ** math.floor(self.lod_numpy(images_seen)))

    def total_images(self):
        """Images until the target resolution is fully faded in."""
        return int(self.max_lod) * (self.training_images + self.transition_images)

    def get_config(self):
        return {
            "resolution": self.resolution,
            "initial_resolution": self.initial_resolution,
            "training_images": self.training_images,
            "transition_images": self.transition_images,
        }

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __eq__(self, other):
        return isinstance(other, ProGANSchedule) and self.get_config() == other.get_config()

    def __repr__(self):
        return f"ProGANSchedule({', '.join(f'{k}={v}' for k, v in self.get_config().items())})"
