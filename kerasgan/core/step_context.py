import dataclasses


@dataclasses.dataclass(frozen=True)
class StepContext:
    """What one update of a GAN's training step has computed, handed to the model's hooks.

    The training step builds one for each discriminator update, the generator update and the
    auxiliary updates, and passes it to the model's hooks (`discriminator_terms`,
    `generator_terms`, `auxiliary_steps`) and to its techniques' (`kerasgan.techniques.Technique`).
    Fields the update does not compute are `None` (the generator update has `real_logits` only
    for a technique with `generator_sees_real`; the auxiliary updates only `images` and `labels`).

    Args:
        images, labels: the whole `fit` batch (after `begin_step`) and its labels or condition
            vectors (`None` for unconditional models).
        real, real_labels: the real images of this discriminator update (in the generator update:
            those of the last discriminator update) and their labels.
        z: the latents of the generated images.
        fake, fake_labels: the generated images of this update and their labels.
        real_logits, fake_logits: the discriminator's adversarial outputs on `real` and `fake`
            (as the techniques' `see_real` / `see_fake` made them).
        real_features, fake_features: the discriminator's penultimate features of the same
            inputs, when a technique `uses_features`.
        update: `"discriminator"`, `"generator"` or `"auxiliary"`.
        labelled: `(images, class ids)` of the labelled part of a semi-supervised batch
            (`kerasgan.models.SemiSupervisedGAN`); `None` for every other model.

    Example:

    ```python
    class MyWGANGP(kerasgan.GAN):
        loss_terms = ("gp",)

        def discriminator_terms(self, step):
            critic = lambda x: self.discriminate(x, step.real_labels, training=True)
            return {"gp": kerasgan.losses.gradient_penalty(critic, step.real, step.fake, seed=self.seed_generator)}
    ```
    """

    images: object = None
    labels: object = None
    real: object = None
    real_labels: object = None
    z: object = None
    fake: object = None
    fake_labels: object = None
    real_logits: object = None
    fake_logits: object = None
    real_features: object = None
    fake_features: object = None
    update: str = None
    labelled: object = None

    def replace(self, **changes):
        """A copy with `changes` applied."""
        return dataclasses.replace(self, **changes)
