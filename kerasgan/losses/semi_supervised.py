"""The unsupervised half of the semi-supervised GAN's discriminator loss (Salimans et al. 2016)."""

from keras import ops

from kerasgan.losses._utils import as_float32


def semi_supervised_discriminator_loss(real_logits, fake_logits):
    """The K+1-class discriminator's loss on unlabelled real and generated images.

    Salimans, Goodfellow, Zaremba, Cheung, Radford & Chen, "Improved Techniques for Training GANs",
    NeurIPS 2016, section 5: a classifier of K logits `l` is also a discriminator, with
    `D(x) = Z(x) / (Z(x) + 1)` and `Z = Σ_k exp(l_k)`, i.e. the logit `log Z(x)`. openai/improved-gan
    (`train_mnist_feature_matching.py`, `loss_unl`) weighs its two sides by ½:

        L_unl = −½ E log D(x) − ½ E log(1 − D(G(z)))
              = ½ (mean(softplus(−real_logits)) + mean(softplus(fake_logits)))

    with `real_logits`, `fake_logits` the log-sum-exp of the class logits (what
    `SemiSupervisedGAN` gives as the discriminator's logit). The labelled images' cross-entropy is
    added to it by the model.

    Example:

    >>> from kerasgan.losses import semi_supervised_discriminator_loss
    >>> round(float(semi_supervised_discriminator_loss([0.0], [0.0])), 4)  # log 2
    0.6931
    """
    real_logits, fake_logits = as_float32(real_logits), as_float32(fake_logits)
    return 0.5 * (ops.mean(ops.softplus(-real_logits)) + ops.mean(ops.softplus(fake_logits)))


def semi_supervised_generator_loss(fake_logits):
    """The generator side of the pair, `½ mean(softplus(−fake_logits))` (the non-saturating loss
    with the same ½): what a generator would minimise against the K+1-class discriminator without
    feature matching. The reference and `SemiSupervisedGAN` train the generator by feature matching
    instead (`kerasgan.techniques.FeatureMatching`), which replaces this term.

    Example:

    >>> from kerasgan.losses import semi_supervised_generator_loss
    >>> round(float(semi_supervised_generator_loss([0.0])), 4)  # ½ log 2
    0.3466
    """
    return 0.5 * ops.mean(ops.softplus(-as_float32(fake_logits)))
