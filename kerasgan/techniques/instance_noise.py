import keras
from keras import ops

from kerasgan.backend.replicas import per_example
from kerasgan.techniques.technique import Technique


@keras.saving.register_keras_serializable(package="kerasgan")
class InstanceNoise(Technique):
    """Instance noise: Gaussian noise on every image the discriminator's adversarial output sees.

    Sønderby, Caballero, Theis, Shi & Huszár, "Amortised MAP Inference for Image
    Super-resolution", ICLR 2017 (Sec. 3.2), as IVGAN's reference code (zhangliangyu32/IVGAN) uses
    it: real and generated images get `stddev * N(0, I)`, fresh noise for each call, drawn from the
    GAN's seed generator; `stddev` may follow a schedule of the generator step (IVGAN halves it
    twice). Penalties and auxiliary heads see the images without noise. `GAN(instance_noise=...)`
    is the shorthand for this technique.

    Args:
        stddev: a float >= 0, or a `keras.optimizers.schedules.LearningRateSchedule` (or its
            serialized dict) of the generator step, e.g. `PiecewiseConstantDecay`.

    Example:

    ```python
    noise = kerasgan.techniques.InstanceNoise(
        keras.optimizers.schedules.PiecewiseConstantDecay([2000, 4000], [0.03, 0.01, 0.005]))
    gan = kerasgan.models.DCGAN(image_shape=(32, 32, 3), base_filters=8, techniques=[noise])
    ```
    """

    def __init__(self, stddev=0.1, **kwargs):
        super().__init__(**kwargs)
        self.stddev = stddev_arg(stddev)

    def stddev_at(self, gan):
        """The standard deviation at the GAN's current generator step."""
        if isinstance(self.stddev, float):
            return self.stddev
        return ops.cast(self.stddev(gan.g_optimizer.iterations), "float32")

    def add_noise(self, gan, images):
        images = ops.convert_to_tensor(images)
        shape = tuple(ops.shape(images))
        noise = per_example(
            lambda m: keras.random.normal((m, *shape[1:]), seed=gan.seed_generator, dtype=images.dtype), shape[0]
        )
        return images + ops.cast(self.stddev_at(gan), images.dtype) * noise

    def see_real(self, gan, images, step):
        return self.add_noise(gan, images)

    def see_fake(self, gan, images, step):
        return self.add_noise(gan, images)

    def get_config(self):
        return {**super().get_config(), "stddev": serialize_stddev(self.stddev)}


def serialize_stddev(stddev):
    """A standard deviation for a config: the float, or the schedule's serialized dict."""
    return stddev if isinstance(stddev, float) else keras.optimizers.schedules.serialize(stddev)


def stddev_arg(stddev, what="InstanceNoise's `stddev` must be"):
    """A checked standard deviation: a float >= 0 or a schedule (from its dict too); the error
    begins with `what`."""
    if isinstance(stddev, dict):
        stddev = keras.optimizers.schedules.deserialize(stddev)
    if isinstance(stddev, keras.optimizers.schedules.LearningRateSchedule):
        return stddev
    if isinstance(stddev, (int, float)) and not isinstance(stddev, bool) and stddev >= 0:
        return float(stddev)
    raise ValueError(
        f"{what} a standard deviation >= 0 or a keras.optimizers.schedules.LearningRateSchedule of the "
        f"generator step; received {stddev!r}."
    )
