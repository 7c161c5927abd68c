import keras

from kerasgan.core.gan import GAN
from kerasgan.layers.residual_block_up import ResidualBlockUp
from kerasgan.models.biggan.biggan_discriminator import BigGANDiscriminator
from kerasgan.models.biggan.biggan_generator import BigGANGenerator
from kerasgan.techniques.orthogonal_regularization import OrthogonalRegularization


@keras.saving.register_keras_serializable(package="kerasgan")
class BigGAN(GAN):
    """BigGAN: Brock, Donahue & Simonyan, "Large Scale GAN Training for High Fidelity Natural
    Image Synthesis", ICLR 2019.

    Reference followed: ajbrock/BigGAN-PyTorch (`train_fns.py`, `utils.py`, `losses.py`): hinge
    loss; `n_critic` D steps per G step; z ~ N(0, I) and uniform fake labels; Adam with the
    config's learning rates and β = (0, 0.999), ε `adam_epsilon`; modified orthogonal
    regularisation of the generator, β·Σ‖WᵀW ⊙ (1 − I)‖²_F over every kernel with ≥ 2 axes
    except the shared class embedding (the technique `kerasgan.techniques.OrthogonalRegularization`; logged as `ortho`);
    an EMA generator (decay 0.9999 over all its variables, a plain copy before `ema_start`
    generator steps) used for sampling and export; the truncation trick at sampling time
    (`generate(n, truncation=t)` redraws |z| > t). Networks: `BigGANGenerator` /
    `BigGANDiscriminator`.
    Deviations and notes: the reference adds the orthogonal term's gradient directly, 2β(WWᵀ ⊙
    (1 − I))W — half the gradient of the term above at equal β (pass `ortho_weight = β/2` for
    the reference's exact update); its launch scripts use `G_ortho 0` (the paper's β is 1e-4,
    our default). For the per-class CBN tables (`shared_dim = 0`) the Gram matrix is taken over
    classes, as the reference's `nn.Embedding` rows. The reference updates G's EMA after every G
    step, as here; its truncation in `sample.py` only rescales z, the resampling here is the
    paper's.

    Args:
        generator, discriminator: networks; built from the arguments below when omitted.
        image_shape, latent_dim, num_classes, ch, shared_dim, hierarchical, attention, init,
            cbn_spectral_norm, sn_inference: the default networks (see `BigGANGenerator`); `ch` is used
            for G and D.
        g_learning_rate, d_learning_rate, adam_epsilon: the optimizers' settings.
        ortho_weight: β of the orthogonal regularisation (0 disables it).
        n_critic: D steps per G step (`num_D_steps`).
        ema_decay, ema_start: the generator EMA.
        sync_batch_norm: G's batch statistics over all replicas under `tf.distribute` (the paper's
            "cross-replica BatchNorm in G"; BigGAN-PyTorch offers it as `--cross_replica`).
        **kwargs: `GAN` arguments.

    Example:

    ```python
    gan = kerasgan.models.BigGAN(image_shape=(32, 32, 1), num_classes=10, ch=4, n_critic=1)
    gan.compile()
    x = np.random.uniform(-1, 1, (16, 32, 32, 1)).astype("float32")
    gan.fit(x, np.arange(16) % 10, batch_size=8)
    gan.generate(10, labels=np.arange(10), truncation=0.5)
    ```
    """

    def __init__(self, generator=None, discriminator=None, image_shape=(32, 32, 3), latent_dim=128, num_classes=10,
                 ch=64, shared_dim=0, hierarchical=False, attention=(), init="ortho", g_learning_rate=2e-4,
                 d_learning_rate=2e-4, adam_epsilon=1e-8, ortho_weight=1e-4, n_critic=4, ema_decay=0.9999,
                 ema_start=1000, adversarial_loss="hinge", cbn_spectral_norm=None, sn_inference="power_iteration",
                 sync_batch_norm=True, **kwargs):
        generator = generator or BigGANGenerator(latent_dim, image_shape, num_classes, ch, shared_dim, hierarchical,
                                                 attention, init, cbn_spectral_norm=cbn_spectral_norm,
                                                 sn_inference=sn_inference)
        discriminator = discriminator or BigGANDiscriminator(generator.image_shape, num_classes, ch, attention, init,
                                                             sn_inference=sn_inference)
        if float(ortho_weight) < 0:
            raise ValueError(f"`ortho_weight` must be >= 0; received {ortho_weight!r}.")
        super().__init__(generator, discriminator, adversarial_loss=adversarial_loss, n_critic=n_critic,
                         ema_decay=ema_decay, ema_start=ema_start, sync_batch_norm=sync_batch_norm,
                         own_techniques=[OrthogonalRegularization(ortho_weight)], **kwargs)
        self.g_learning_rate = float(g_learning_rate)
        self.d_learning_rate = float(d_learning_rate)
        self.adam_epsilon = float(adam_epsilon)
        self.ortho_weight = float(ortho_weight)
        shared = [layer for layer in self.generator.layers if layer.name == "shared"]
        excluded = {id(v) for layer in shared for v in layer.trainable_variables}
        self._ortho_kernels = [v for v in self.generator.trainable_variables
                               if len(v.shape) >= 2 and id(v) not in excluded]
        # Without a shared embedding the CBN maps act on one-hot labels: they are the reference's
        # per-class nn.Embedding tables, whose Gram matrix it takes over classes.
        self._class_tables = set()
        if not getattr(self.generator, "shared_dim", 1):
            self._class_tables = {id(v) for layer in self.generator.layers if isinstance(layer, ResidualBlockUp)
                                  for bn in (layer.bn1, layer.bn2) for v in bn.trainable_variables}

    def default_optimizers(self):
        return (
            keras.optimizers.Adam(self.g_learning_rate, beta_1=0.0, beta_2=0.999, epsilon=self.adam_epsilon),
            keras.optimizers.Adam(self.d_learning_rate, beta_1=0.0, beta_2=0.999, epsilon=self.adam_epsilon),
        )

    def ortho_kernels(self):
        """The generator kernels under the orthogonal penalty, oriented so that the Gram matrix
        is the reference's (per-class CBN tables transposed: Gram over classes)."""
        return [keras.ops.transpose(v) if id(v) in self._class_tables else v for v in self._ortho_kernels]

    def get_config(self):
        return {
            **super().get_config(),
            "g_learning_rate": self.g_learning_rate,
            "d_learning_rate": self.d_learning_rate,
            "adam_epsilon": self.adam_epsilon,
            "ortho_weight": self.ortho_weight,
        }

