import keras
from keras import ops

from kerasgan import backend
from kerasgan.techniques.technique import Technique
from kerasgan.techniques.technique import non_negative


@keras.saving.register_keras_serializable(package="kerasgan")
class DirectAdversarialTraining(Technique):
    """Direct adversarial training (DAT): the discriminator trains on adversarial examples of
    the real and of the generated batch, each moved one step towards the other side.

    Z. Li et al., "Direct Adversarial Training for GANs", arXiv 2008.09041 (2020).
    Reference: iceli1007/DAT-GAN (`advtrain_step` in `torch_mimicry/nets/gan/gan.py`), followed
    step by step in each discriminator update:

    - `r̄ = mean D(x_r)`, `f̄ = mean D(x_f)` on the clean batches (constants);
    - `x̃_f = clip(x_f − clamp(∇_{x_f} |mean D(x_f) − r̄|, −t, t))` to the data range;
    - `x̃_r = x_r − clamp(∇_{x_r} |mean D(x_r) − f̄|, −t, t)`, not clipped (the reference clips it
      only after the discriminator has seen it);
    - the discriminator's loss is the model's adversarial loss on `D(x̃_r)` and `D(x̃_f)` alone.

    The step is a constant (no gradient flows through it into the discriminator's weights). The
    gradient of a batch mean carries 1/N, so the steps are small and `t` (1 in the reference)
    rarely binds. The generator's update is unchanged. The clean forward passes run in training
    mode as the reference's do (batch-norm statistics and spectral-norm vectors update with them).
    Deviation: the clean means are of the images as earlier techniques left them on this side
    and raw on the other side (the reference has no other techniques).

    Args:
        step_bound: t, the bound on each pixel's step.

    Example:

    ```python
    gan = kerasgan.models.DCGAN(image_shape=(28, 28, 1), base_filters=8,
                                techniques=[kerasgan.techniques.DirectAdversarialTraining()])
    ```
    """

    requires_input_gradients = True

    def __init__(self, step_bound=1.0, **kwargs):
        super().__init__(**kwargs)
        self.step_bound = non_negative(step_bound, "step_bound", "DirectAdversarialTraining")

    def see_real(self, gan, images, step):
        if step.update != "discriminator":
            return images
        return self.adversarial(gan, images, step.real_labels, step.fake, step.fake_labels)

    def see_fake(self, gan, images, step):
        if step.update != "discriminator":
            return images
        moved = self.adversarial(gan, images, step.fake_labels, step.real, step.real_labels)
        return moved if gan.data_range is None else ops.clip(moved, *gan.data_range)

    def adversarial(self, gan, images, labels, other, other_labels):
        """`images` moved one clamped gradient step towards the discriminator's mean on `other`."""
        images = ops.convert_to_tensor(images)
        with backend.no_grad():
            target = ops.mean(ops.cast(gan.discriminate(other, other_labels, training=True), "float32"))

            def distance(x):
                return ops.abs(ops.mean(ops.cast(gan.discriminate(x, labels, training=True), "float32")) - target)

            _, grad = backend.input_gradient(distance, ops.stop_gradient(images))
        step = ops.stop_gradient(ops.clip(ops.cast(grad, images.dtype), -self.step_bound, self.step_bound))
        return images - step

    def get_config(self):
        return {**super().get_config(), "step_bound": self.step_bound}
