import keras
from keras import ops

from kerasgan.techniques.technique import Technique


@keras.saving.register_keras_serializable(package="kerasgan")
class CriticSchedule(Technique):
    """WGAN's critic schedule: `warmup_steps` critic updates per generator update for the first
    `warmup_generator_steps` generator updates and every `every`-th one, else `steps`.

    Arjovsky, Chintala & Bottou, "Wasserstein GAN", ICML 2017 (reference:
    martinarjovsky/WassersteinGAN, `main.py`: `Diters = 100 if gen_iterations < 25 or
    gen_iterations % 500 == 0 else 5`), so the critic is near its optimum before the generator
    moves. Each `fit` batch still holds the GAN's `n_critic` critic updates; a generator update
    is kept only once the schedule's count of critic updates has run since the last one (it is
    computed every batch and undone until then, so its cost is paid on every batch). Use an
    `n_critic` that divides `steps` and `warmup_steps` (5, or 1) to get the counts exactly;
    otherwise they round up to a multiple of `n_critic`. The logs average the generator's loss and
    terms over the kept updates only (an epoch with none logs 0).

    Args:
        steps: critic updates per generator update after the warm-up (5).
        warmup_steps: critic updates per generator update in the warm-up and every `every`-th (100).
        warmup_generator_steps: generator updates of the warm-up (25).
        every: the period of the extra warm-ups, in generator updates (500; 0 turns it off).

    Example:

    ```python
    gan = kerasgan.models.DCGAN(image_shape=(32, 32, 3), base_filters=8, adversarial_loss="wasserstein", n_critic=5,
                                techniques=[kerasgan.techniques.CriticSchedule()])
    ```
    """

    def __init__(self, steps=5, warmup_steps=100, warmup_generator_steps=25, every=500, **kwargs):
        super().__init__(**kwargs)
        for name, value, low in (("steps", steps, 1), ("warmup_steps", warmup_steps, 1),
                                 ("warmup_generator_steps", warmup_generator_steps, 0), ("every", every, 0)):
            if isinstance(value, bool) or not isinstance(value, int) or value < low:
                raise ValueError(f"CriticSchedule expects `{name}` as an int >= {low}; received {value!r}.")
        self.steps = steps
        self.warmup_steps = warmup_steps
        self.warmup_generator_steps = warmup_generator_steps
        self.every = every

    def critic_steps(self, gan, generator_step):
        step = ops.cast(generator_step, "int32")
        warmup = ops.less(step, self.warmup_generator_steps)
        if self.every:
            warmup = ops.logical_or(warmup, ops.equal(ops.mod(step, self.every), 0))
        return ops.where(warmup, self.warmup_steps, self.steps)

    def get_config(self):
        return {**super().get_config(), "steps": self.steps, "warmup_steps": self.warmup_steps,
                "warmup_generator_steps": self.warmup_generator_steps, "every": self.every}
