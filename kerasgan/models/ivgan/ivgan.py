import keras
from keras import ops

from kerasgan import backend
from kerasgan.backend.replicas import per_example
from kerasgan.core.gan import GAN
from kerasgan.models.ivgan.ivgan_discriminator import IVGANDiscriminator
from kerasgan.models.ivgan.ivgan_encoder import IVGANEncoder
from kerasgan.models.ivgan.ivgan_generator import IVGANGenerator

# The reference's Stacked-MNIST instance-noise schedule {epoch 0: 0.03, 50: 0.01, 100: 0.005} in
# generator steps of its 60,000-image epochs at batch 64 (937.5 steps per epoch).
REFERENCE_STEPS_PER_EPOCH = 60_000 / 64


def reference_instance_noise(steps_per_epoch=REFERENCE_STEPS_PER_EPOCH, epochs=(50, 100), values=(0.03, 0.01, 0.005)):
    """The reference's piecewise-constant instance noise, boundaries given in epochs."""
    boundaries = [int(round(e * steps_per_epoch)) for e in epochs]
    return keras.optimizers.schedules.PiecewiseConstantDecay(boundaries, list(values))


@keras.saving.register_keras_serializable(package="kerasgan")
class IVGAN(GAN):
    """IVGAN: Liang, Zhang, Zhang & Zhang, "Intervention Generative Adversarial Networks",
    arXiv:2008.03712 (2020).

    An encoder E maps real images to the generator's latent space (codes standardized by a
    non-affine BatchNorm). The latent is split into `num_blocks` contiguous blocks; the
    intervention O_k replaces block k of E(x) by fresh N(0, 1) noise. The discriminator has a
    second head that classifies which block was intervened on from G(O_k E(x)). With γ =
    `iv_weight`, η = `recon_weight` and L_IV the cross-entropy of that head:

    - D minimises L_adv + γ·L_IV (logged `iv_d`);
    - G minimises its adversarial loss − γ·L_IV (`iv_g`) + η(‖x − G(E(x))‖₁ +
      ‖O_k E(x) − E(G(O_k E(x)))‖₁) (`recon`), mean absolute errors;
    - E minimises α·γ·L_IV (α = `encoder_iv_weight`) + λ_E(‖x − G(E(x))‖₁ + ‖O_k E(x) −
      E(sg[G(O_k E(x))])‖₁) (λ_E = `encoder_recon_weight`) for `encoder_steps` updates after
      each G step (logged `iv_e`: γ·L_IV, their mean), with the reference's L2 weight decay 5e-4.

    Reference followed: zhangliangyu32/IVGAN, the BCE model of `IVGAN_stackMNIST` /
    `CI_IVGAN_stackMNIST` (`interpolation.py`, `model_GAN.py`, `model_ae.py`): non-saturating BCE
    loss, Adam(1e-4, β=(0.5, 0.999)) for G and D, Adam(5e-3, β=(0.5, 0.999), L2 5e-4) for E, 10
    encoder steps, γ = 0.5, η = 0.25, `num_blocks = 4` of a 100-d N(0, I) latent, instance noise
    on the adversarial head's inputs (real and G(z), not the intervened images) following the
    Stacked-MNIST schedule 0.03 → 0.01 (epoch 50) → 0.005 (epoch 100), E in inference mode in
    the D and G steps and in training mode in its own, α = 1, λ_E = 0. Networks:
    `IVGANGenerator`, `IVGANDiscriminator`, `IVGANEncoder`. The reference's LSGAN variant
    (`CI_LSGANS_noise_addterm_stackMNIST`, the one whose logs reach all 1,000 modes) is
    `adversarial_loss="least_squares_pearson"`, `encoder_learning_rate=1e-3`,
    `encoder_iv_weight=0.5`, `encoder_recon_weight=1.0`.
    Deviations: the block k and the replacement noise are drawn afresh for the D step, the G step
    and each encoder step (the reference draws them once per iteration and reuses them; one k
    per batch in both); the G loss is computed after the D update (the reference back-propagates
    a G loss built before it); the reference never puts G back in training mode after its first
    evaluation (BatchNorm then runs on running statistics), here G always trains in training mode;
    PyTorch's coupled Adam weight decay is written as the L2 term 2.5e-4·‖θ_E‖² in E's loss (the
    same gradient).

    Args:
        generator, discriminator, encoder: networks; built from the arguments below when omitted.
        image_shape, latent_dim: the default networks' shape (the reference: 64×64, 100).
        num_blocks: latent blocks of the intervention (`np = 4`); must divide `latent_dim`.
        g_filters, d_filters, e_filters: widths (`ngf = ndf = 64`, `nef = 16`).
        iv_weight, recon_weight: γ and η.
        encoder_steps: E updates per iteration.
        encoder_iv_weight, encoder_recon_weight: α and λ_E of E's loss.
        learning_rate, encoder_learning_rate, encoder_weight_decay: the optimizers' settings.
        instance_noise: stddev or schedule over G steps (default: the reference's Stacked-MNIST
            schedule at its 937.5 steps per epoch, `reference_instance_noise()`).
        **kwargs: `GAN` arguments.

    Example:

    ```python
    gan = kerasgan.models.IVGAN(image_shape=(32, 32, 3), latent_dim=16, g_filters=8, d_filters=8, e_filters=4,
                                encoder_steps=2)
    gan.compile()
    gan.fit(np.random.uniform(-1, 1, (32, 32, 32, 3)).astype("float32"), batch_size=16, epochs=1)
    gan.generate(4, seed=0).shape  # (4, 32, 32, 3)
    ```
    """

    loss_terms = ("iv_d", "iv_g", "recon", "iv_e")
    auxiliary_networks = ("encoder",)

    def __init__(
        self,
        generator=None,
        discriminator=None,
        encoder=None,
        image_shape=(64, 64, 3),
        latent_dim=100,
        num_blocks=4,
        g_filters=64,
        d_filters=64,
        e_filters=16,
        iv_weight=0.5,
        recon_weight=0.25,
        encoder_steps=10,
        learning_rate=1e-4,
        encoder_learning_rate=5e-3,
        encoder_weight_decay=5e-4,
        encoder_iv_weight=1.0,
        encoder_recon_weight=0.0,
        instance_noise="reference",
        adversarial_loss="non_saturating",
        **kwargs,
    ):
        generator = generator or IVGANGenerator(latent_dim, image_shape, g_filters)
        discriminator = discriminator or IVGANDiscriminator(generator.image_shape, d_filters, num_blocks)
        encoder = encoder or IVGANEncoder(generator.image_shape, generator.latent_dim, e_filters)
        if isinstance(instance_noise, str) and instance_noise == "reference":
            instance_noise = reference_instance_noise()
        latent_distribution = kwargs.pop("latent_distribution", "normal")
        if latent_distribution != "normal":
            raise ValueError(
                "IVGAN's intervention replaces latent blocks with N(0, 1) noise, so its latents are normal: "
                f"`latent_distribution` must be 'normal'; received {latent_distribution!r}."
            )
        super().__init__(
            generator,
            discriminator,
            adversarial_loss=adversarial_loss,
            instance_noise=instance_noise,
            latent_distribution="normal",
            **kwargs,
        )
        blocks = int(getattr(discriminator, "num_blocks", 0) or 0)
        if blocks < 1 or self.latent_dim % blocks:
            raise ValueError(
                "IVGAN needs a discriminator with an intervention head over `num_blocks` blocks that divide "
                f"latent_dim={self.latent_dim}; received num_blocks={blocks}."
            )
        if tuple(encoder.output.shape[1:]) != (self.latent_dim,):
            raise ValueError(
                f"The encoder must map images to {self.latent_dim}-d codes; it outputs "
                f"{tuple(encoder.output.shape[1:])}."
            )
        for key, value in (
            ("iv_weight", iv_weight),
            ("recon_weight", recon_weight),
            ("encoder_weight_decay", encoder_weight_decay),
            ("encoder_iv_weight", encoder_iv_weight),
            ("encoder_recon_weight", encoder_recon_weight),
        ):
            if float(value) < 0:
                raise ValueError(f"`{key}` must be >= 0; received {value!r}.")
        if isinstance(encoder_steps, bool) or not isinstance(encoder_steps, int) or encoder_steps < 0:
            raise ValueError(f"`encoder_steps` must be an int >= 0; received {encoder_steps!r}.")
        self.encoder = encoder
        self.num_blocks = blocks
        self.iv_weight = float(iv_weight)
        self.recon_weight = float(recon_weight)
        self.encoder_steps = encoder_steps
        self.learning_rate = float(learning_rate)
        self.encoder_learning_rate = float(encoder_learning_rate)
        self.encoder_weight_decay = float(encoder_weight_decay)
        self.encoder_iv_weight = float(encoder_iv_weight)
        self.encoder_recon_weight = float(encoder_recon_weight)

    def default_optimizers(self):
        return (
            keras.optimizers.Adam(self.learning_rate, beta_1=0.5, beta_2=0.999),
            keras.optimizers.Adam(self.learning_rate, beta_1=0.5, beta_2=0.999),
        )

    def default_auxiliary_optimizers(self):
        return {"encoder": keras.optimizers.Adam(self.encoder_learning_rate, beta_1=0.5, beta_2=0.999)}

    # ------------------------------------------------------- intervention
    def intervene(self, codes):
        """`(O_k codes, k)`: block k (one per batch, uniform) of each code replaced by N(0, 1)."""
        codes = ops.convert_to_tensor(codes)
        k = keras.random.randint((), 0, self.num_blocks, seed=self.seed_generator, dtype="int32")
        n = ops.shape(codes)[0]
        noise = per_example(
            lambda m: keras.random.normal((m, self.latent_dim), seed=self.seed_generator, dtype=codes.dtype), n
        )
        block = ops.arange(self.latent_dim, dtype="int32") // (self.latent_dim // self.num_blocks)
        mask = ops.cast(ops.equal(block, k), codes.dtype)
        return codes * (1.0 - mask) + noise * mask, ops.zeros_like(codes[:, 0], dtype="int32") + k

    def intervention_loss(self, images, k, training=True):
        """L_IV: cross-entropy of the discriminator's block head on intervened images."""
        _, block_logits = self.discriminator(images, training=training)
        return ops.mean(keras.losses.sparse_categorical_crossentropy(k, block_logits, from_logits=True))

    def discriminator_outputs(self, images, labels=None, training=False, features=False):
        if features:
            (logits, _), penultimate = self.discriminator.call_with_features(images, training=training)
            return logits, penultimate
        return self.discriminator(images, training=training)[0]

    # ------------------------------------------------------------ losses
    def discriminator_terms(self, step):
        with backend.no_grad():
            codes = self.encoder(step.real, training=False)
            mixed, k = self.intervene(codes)
            intervened = ops.stop_gradient(self.generator(mixed, training=True))
        return {"iv_d": self.iv_weight * self.intervention_loss(intervened, k)}

    def generator_terms(self, step):
        real = ops.convert_to_tensor(step.real)
        codes = ops.stop_gradient(self.encoder(real, training=False))
        mixed, k = self.intervene(codes)
        intervened = self.generator(mixed, training=True)
        reconstruction = self.generator(codes, training=True)
        recoded = self.encoder(intervened, training=False)
        l1 = ops.mean(ops.abs(real - reconstruction)) + ops.mean(ops.abs(mixed - recoded))
        return {"iv_g": -self.iv_weight * self.intervention_loss(intervened, k), "recon": self.recon_weight * l1}

    def auxiliary_steps(self, step):
        images = step.images
        if not self.encoder_steps:
            return {"iv_e": ops.zeros(())}
        optimizer = self.auxiliary_optimizer("encoder")
        variables = self.encoder.trainable_variables
        total = 0.0
        for _ in range(self.encoder_steps):

            def loss_fn():
                codes = self.encoder(images, training=True)
                mixed, k = self.intervene(codes)
                intervened = self.generator(mixed, training=True)
                iv = self.iv_weight * self.intervention_loss(intervened, k)
                loss = self.encoder_iv_weight * iv
                if self.encoder_recon_weight:
                    recoded = self.encoder(ops.stop_gradient(intervened), training=True)
                    reconstruction = self.generator(codes, training=True)
                    l1 = ops.mean(ops.abs(images - reconstruction)) + ops.mean(ops.abs(mixed - recoded))
                    loss = loss + self.encoder_recon_weight * l1
                decay = sum(ops.sum(ops.square(v)) for v in variables)
                return loss + 0.5 * self.encoder_weight_decay * decay, iv

            _, iv = self.minimize(optimizer, variables, loss_fn)
            total = total + iv / self.encoder_steps
        return {"iv_e": total}

    def get_config(self):
        config = super().get_config()
        config.setdefault("instance_noise", None)
        return {
            **config,
            "iv_weight": self.iv_weight,
            "recon_weight": self.recon_weight,
            "encoder_steps": self.encoder_steps,
            "learning_rate": self.learning_rate,
            "encoder_learning_rate": self.encoder_learning_rate,
            "encoder_weight_decay": self.encoder_weight_decay,
            "encoder_iv_weight": self.encoder_iv_weight,
            "encoder_recon_weight": self.encoder_recon_weight,
        }
