import keras
import numpy as np
from keras import ops

from kerasgan import backend
from kerasgan import losses as gan_losses
from kerasgan.core.fit_data import check_fit_data
from kerasgan.core.gan import GAN
from kerasgan.core.gan import average_into
from kerasgan.core.inputs import check_batch
from kerasgan.data.semi_supervised_batches import SemiSupervisedBatches
from kerasgan.models.ssgan.ssgan_discriminator import SSGANDiscriminator
from kerasgan.models.ssgan.ssgan_generator import SSGANGenerator
from kerasgan.techniques.feature_matching import FeatureMatching

INIT_IMAGES = 500  # the reference's data-dependent initialization batch (`init_param(trainx[:500])`)


@keras.saving.register_keras_serializable(package="kerasgan")
class SemiSupervisedGAN(GAN):
    """The semi-supervised GAN: a K-class classifier that is also the discriminator, trained from a
    few labelled images and many unlabelled ones, against a generator trained by feature matching.

    Salimans, Goodfellow, Zaremba, Cheung, Radford & Chen, "Improved Techniques for Training GANs",
    NeurIPS 2016, section 5. Reference followed: openai/improved-gan,
    `mnist_svhn_cifar10/train_mnist_feature_matching.py` (the permutation-invariant MNIST model):
    the discriminator's K logits `l` give the class probabilities softmax(l) and the real/fake
    logit `log Σ_k exp(l_k)` (the K+1-th logit fixed at 0); its loss is the labelled images'
    cross-entropy plus `kerasgan.losses.semi_supervised_discriminator_loss` on unlabelled and
    generated images (½ each side); the generator minimises feature matching
    (`kerasgan.techniques.FeatureMatching`, squared, on the last hidden layer); Adam(0.003,
    β1 = 0.5) for both; batches of 100 unlabelled and 100 labelled images
    (`kerasgan.data.SemiSupervisedBatches`); the discriminator's weight-normalised layers
    initialised from 500 training images (`initialize_from_data`, run by `fit` once); test-time
    classification with a running average of the discriminator's weights (rate 1e-4 per update)
    and without its noise (`classify`).

    Deviations: the average is bias-corrected (divided by 1 − 0.9999^t, the reference starts it
    at zero), which changes nothing at the reference's 180,000 updates and keeps it unshrunk in
    shorter runs; feature matching compares with the discriminator's unlabelled batch (the
    reference draws a second shuffled one, as `FeatureMatching` says); the generator's batch
    normalisation uses moving statistics in `generate` (the reference samples with batch
    statistics); latents U[-1, 1] (the reference's U[0, 1), the same model behind the batch
    normalisation); images in kerasgan's [-1, 1], mapped inside the networks to the reference's [0, 1].

    Args:
        generator, discriminator: default `SSGANGenerator(latent_dim, image_shape)` and
            `SSGANDiscriminator(image_shape, num_classes)`; a discriminator must give K class
            logits, its penultimate features and `classes`.
        image_shape, num_classes, latent_dim: of the default networks.
        unlabeled_weight: the weight of the unlabelled and generated images' loss (the
            reference's `--unlabeled_weight`, 1); 0 trains the classifier on the labels alone
            (the generator then trains but the classifier ignores it: the supervised baseline).
        average_decay: decay of the classifier's weight average (1 − the reference's 1e-4).
        **kwargs: `GAN` arguments (the loss is fixed to `"semi_supervised"`).

    Example:

    ```python
    import numpy as np
    x, y = kerasgan.data.load_mnist_subset()
    gan = kerasgan.models.SemiSupervisedGAN(seed=0)
    gan.compile()
    gan.fit(x[:400], kerasgan.data.keep_labels(y[:400], per_class=2), batch_size=100, epochs=1)
    probabilities = gan.classify(x[:8])  # (8, 10)
    ```
    """

    loss_terms = ("classification",)

    def __init__(self, generator=None, discriminator=None, image_shape=(28, 28, 1), num_classes=10, latent_dim=100,
                 unlabeled_weight=1.0, average_decay=0.9999, adversarial_loss="semi_supervised",
                 latent_distribution="uniform", **kwargs):
        if adversarial_loss != "semi_supervised":
            raise ValueError(f"SemiSupervisedGAN's discriminator loss is the K+1-class one ('semi_supervised'); "
                             f"received adversarial_loss={adversarial_loss!r}.")
        if isinstance(average_decay, bool) or not isinstance(average_decay, (int, float)) or not 0 <= average_decay < 1:
            raise ValueError(f"SemiSupervisedGAN expects `average_decay` in [0, 1); received {average_decay!r}.")
        if isinstance(unlabeled_weight, bool) or not isinstance(unlabeled_weight, (int, float)) or not (
                0 <= unlabeled_weight < float("inf")):
            raise ValueError(f"SemiSupervisedGAN expects `unlabeled_weight` as a finite number >= 0; received "
                             f"{unlabeled_weight!r}.")
        if kwargs.get("n_critic", 1) != 1:
            raise ValueError(f"SemiSupervisedGAN updates its classifier once per batch on the whole labelled batch, "
                             f"as the reference; n_critic must be 1, received n_critic={kwargs['n_critic']!r}.")
        generator = generator or SSGANGenerator(latent_dim, image_shape)
        discriminator = discriminator or SSGANDiscriminator(image_shape, num_classes)
        classes = getattr(discriminator, "classes", None)
        if not classes or not getattr(discriminator, "gives_features", False):
            raise ValueError("SemiSupervisedGAN expects a discriminator that gives class logits (its `classes` "
                             f"attribute) and penultimate features, like SSGANDiscriminator; received a "
                             f"{type(discriminator).__name__}.")
        super().__init__(generator, discriminator, adversarial_loss=adversarial_loss,
                         latent_distribution=latent_distribution, own_techniques=[FeatureMatching()], **kwargs)
        self.classes = int(classes)
        self.unlabeled_weight = weight = float(unlabeled_weight)
        self._adversarial = gan_losses.AdversarialLoss(
            "semi_supervised", lambda real, fake: weight * gan_losses.semi_supervised_discriminator_loss(real, fake),
            gan_losses.semi_supervised_generator_loss)
        self.average_decay = float(average_decay)
        self.average_discriminator = discriminator.__class__.from_config(discriminator.get_config())
        self.average_discriminator.trainable = False
        self.average_discriminator.set_weights(discriminator.get_weights())
        self.initialized = self.add_weight(shape=(), dtype="int32", initializer="zeros", trainable=False,
                                           name="initialized")

    def default_optimizers(self):
        return (keras.optimizers.Adam(3e-3, beta_1=0.5, beta_2=0.999, epsilon=1e-8),
                keras.optimizers.Adam(3e-3, beta_1=0.5, beta_2=0.999, epsilon=1e-8))

    def get_config(self):
        config = super().get_config()
        config.pop("adversarial_loss")
        return {**config, "unlabeled_weight": self.unlabeled_weight, "average_decay": self.average_decay}

    # ------------------------------------------------------------ data
    def fit(self, x=None, y=None, batch_size=None, *args, **kwargs):
        """`fit` on images `x` with labels `y` (-1 for an unlabelled image), made into
        `SemiSupervisedBatches` of `batch_size` (default 100) with the model's seed, or on
        `SemiSupervisedBatches` directly. The discriminator is initialised from the first 500
        images of the first epoch's pool when it has not been (`initialize_from_data`)."""
        if not isinstance(x, SemiSupervisedBatches):
            if not (hasattr(x, "shape") and hasattr(x, "dtype")) or y is None:
                raise ValueError(
                    "SemiSupervisedGAN.fit expects images `x` with labels `y` (class ids, -1 for unlabelled images), "
                    f"or kerasgan.data.SemiSupervisedBatches; received x={type(x).__name__}, y={type(y).__name__}.")
            check_fit_data(self, x)
            x = SemiSupervisedBatches(x, y, batch_size or 100, num_classes=self.classes, seed=self.seed or 0)
            y, batch_size = None, None
        elif x.num_classes != self.classes:
            raise ValueError(f"SemiSupervisedGAN classifies {self.classes} classes; the SemiSupervisedBatches hold "
                             f"{x.num_classes}.")
        else:
            check_fit_data(self, x.images)
        if not int(ops.convert_to_numpy(self.initialized)):
            self.initialize_from_data(x.images[x.order(0)[:INIT_IMAGES]])
        return super().fit(x, y, batch_size, *args, **kwargs)

    def initialize_from_data(self, images):
        """The discriminator's data-dependent initialization on `images` (the reference: 500
        training images), copied to the average; `fit` runs it once."""
        self.discriminator.initialize_from_data(images)
        self.average_discriminator.set_weights(self.discriminator.get_weights())
        self.initialized.assign(1)

    def unpack_batch(self, data):
        x, y, _ = keras.utils.unpack_x_y_sample_weight(data)
        if not (isinstance(x, (tuple, list)) and len(x) == 2) or y is None:
            got = f"{type(x).__name__} of {len(x)}" if isinstance(x, (tuple, list)) else type(x).__name__
            raise ValueError("SemiSupervisedGAN trains on batches ((unlabelled images, labelled images), labels), as "
                             f"kerasgan.data.SemiSupervisedBatches gives them; received inputs {got} with "
                             f"{'no labels' if y is None else 'labels'}.")
        images, _ = check_batch(self, x[0], None)
        labelled, _ = check_batch(self, x[1], None)
        return images, None, (labelled, ops.reshape(ops.cast(y, "int32"), (-1,)))

    # ------------------------------------------------------- networks
    @property
    def networks(self):
        """The GAN's networks and the averaged classifier (`classify`)."""
        return {**super().networks, "average_discriminator": self.average_discriminator}

    def discriminator_outputs(self, images, labels=None, training=False, features=False):
        """The real/fake logit `log Σ_k exp(l_k)` of the class logits (and the features)."""
        if features:
            logits, penultimate = self.discriminator.call_with_features(images, training=training)
            return ops.logsumexp(logits, axis=-1, keepdims=True), penultimate
        return ops.logsumexp(self.discriminator(images, training=training), axis=-1, keepdims=True)

    def discriminator_terms(self, step):
        images, labels = step.labelled
        logits = ops.cast(self.discriminator(images, training=True), "float32")
        picked = ops.take_along_axis(logits, ops.expand_dims(labels, -1), axis=-1)[:, 0]
        return {"classification": ops.mean(ops.logsumexp(logits, axis=-1) - picked)}

    def auxiliary_steps(self, step):
        """The running average of the discriminator's weights, after each iteration."""
        t = ops.cast(self.optimizer.iterations + 1, "float32")  # this iteration's number (counted after the step)
        rate = (1.0 - self.average_decay) / (1.0 - ops.power(self.average_decay, t))
        average_into(self.average_discriminator.variables, self.discriminator.variables, 1.0 - rate)
        return {}

    def classify(self, images, batch_size=256, use_average=True):
        """Class probabilities `(N, K)` of images in [-1, 1] (numpy in, numpy out), from the
        averaged discriminator (`use_average`) without its noise."""
        images = np.asarray(images, "float32")
        if images.ndim != 4 or tuple(images.shape[1:]) != tuple(self.image_shape):
            expected = ", ".join(map(str, self.image_shape))
            raise ValueError(f"SemiSupervisedGAN.classify expects images of shape (N, {expected}); received shape "
                             f"{images.shape}.")
        network = self.average_discriminator if use_average else self.discriminator
        logits = np.concatenate([np.asarray(backend.predict(network, images[i:i + batch_size]))
                                 for i in range(0, len(images), batch_size)])
        logits = logits - logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

