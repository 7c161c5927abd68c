"""Checks of what the GAN core is given: networks and training batches.

Errors name what was expected and what was received; they fire while the step is traced, before
any weight changes.
"""

import collections

import keras

from kerasgan.techniques.technique import Technique

NetworkSpec = collections.namedtuple("NetworkSpec", ["latent_dim", "num_classes", "condition_dim", "image_shape"])


LATENT_DISTRIBUTIONS = ("normal", "uniform")


def check_gan_arguments(generator, discriminator, n_critic, g_batch_size, latent_distribution, ema_decay,
                        sync_batch_norm):
    """Refuse `GAN` arguments of the wrong kind, naming what was received."""
    for role, net in (("generator", generator), ("discriminator", discriminator)):
        if not isinstance(net, keras.Model):
            raise TypeError(f"GAN expects `{role}` to be a keras.Model; received {type(net).__name__}.")
    if not isinstance(n_critic, int) or n_critic < 1:
        raise ValueError(f"`n_critic` must be a positive int; received {n_critic!r}.")
    if g_batch_size is not None and (not isinstance(g_batch_size, int) or g_batch_size < 1):
        raise ValueError(f"`g_batch_size` must be None or a positive int; received {g_batch_size!r}.")
    if latent_distribution not in LATENT_DISTRIBUTIONS:
        raise ValueError(
            f"`latent_distribution` must be one of {LATENT_DISTRIBUTIONS}; received {latent_distribution!r}."
        )
    if ema_decay is not None and not 0.0 <= float(ema_decay) < 1.0:
        raise ValueError(f"`ema_decay` must be None or in [0, 1); received {ema_decay!r}.")
    if not isinstance(sync_batch_norm, bool):
        raise ValueError(f"`sync_batch_norm` must be True or False; received {sync_batch_norm!r}.")


def check_techniques(gan):
    """Refuse techniques that are not `Technique`s, two that log under one name, two critic
    schedules, two normalisations of the discriminator's output, a technique that needs the
    discriminator's features from a discriminator that gives none, a technique with state that
    another GAN holds, and any technique whose own `check` refuses the GAN."""
    wrong = [t for t in gan.techniques if not isinstance(t, Technique)]
    if wrong:
        raise TypeError(
            "`techniques` must be a list of kerasgan.techniques.Technique; received "
            f"{', '.join(type(t).__name__ for t in wrong)}."
        )
    seen = {name: type(gan).__name__ for name in gan.loss_terms}
    for technique in gan.step_techniques:
        for name in technique.loss_terms:
            if name in seen:
                raise ValueError(
                    f"{type(technique).__name__} logs `{name}`, which {seen[name]} logs already: one technique of "
                    "each kind per GAN (the model's own penalties count: WGANGP has its gradient penalty)."
                )
            seen[name] = type(technique).__name__
    schedules = [type(t).__name__ for t in gan.step_techniques if t.schedules_critic]
    if len(schedules) > 1:
        raise ValueError(f"One critic schedule per GAN; received {', '.join(schedules)}.")
    users = [type(t).__name__ for t in gan.step_techniques if t.uses_features or t.extends_discriminator]
    if users and not getattr(gan.discriminator, "gives_features", False):
        raise ValueError(
            f"{', '.join(users)} needs the discriminator's penultimate features, which discriminators built on "
            f"kerasgan.models.Network give; received a {type(gan.discriminator).__name__}."
        )
    normalizers = [type(t).__name__ for t in gan.step_techniques if t.normalizes_discriminator]
    if len(normalizers) > 1:
        raise ValueError(
            f"One normalisation of the discriminator's output per GAN; received {', '.join(normalizers)}.")
    for technique in gan.step_techniques:
        if technique.held_elsewhere(gan):
            raise ValueError(
                f"{type(technique).__name__} holds the state of another GAN it was given to: a technique with state "
                "belongs to one GAN; give each GAN its own."
            )
        technique.check(gan)


def network_spec(generator, discriminator):
    latent_dim = getattr(generator, "latent_dim", None)
    num_classes = int(getattr(generator, "num_classes", 0) or 0)
    condition_dim = int(getattr(generator, "condition_dim", 0) or 0)
    image_shape = getattr(generator, "image_shape", None)
    if latent_dim is None or image_shape is None:
        raise ValueError(
            "kerasgan generators expose `latent_dim`, `num_classes` and `image_shape` attributes; "
            f"received a {type(generator).__name__} with latent_dim={latent_dim!r}, "
            f"image_shape={image_shape!r}."
        )
    d_classes = int(getattr(discriminator, "num_classes", 0) or 0)
    if d_classes != num_classes:
        raise ValueError(
            f"The generator is conditioned on {num_classes} classes but the discriminator on "
            f"{d_classes}; both must agree."
        )
    d_conditions = int(getattr(discriminator, "condition_dim", 0) or 0)
    if d_conditions != condition_dim:
        raise ValueError(
            f"The generator is conditioned on {condition_dim}-dimensional vectors but the "
            f"discriminator on {d_conditions}-dimensional ones; both must agree."
        )
    if num_classes and condition_dim:
        raise ValueError(
            "A generator is conditioned on class ids (`num_classes`) or on vectors "
            f"(`condition_dim`), not both; received num_classes={num_classes}, condition_dim={condition_dim}."
        )
    d_shape = getattr(discriminator, "image_shape", None)
    if d_shape is not None and tuple(d_shape) != tuple(image_shape):
        raise ValueError(
            f"The generator makes images of shape {tuple(image_shape)} but the discriminator "
            f"expects {tuple(d_shape)}."
        )
    return NetworkSpec(int(latent_dim), num_classes, condition_dim, tuple(image_shape))


def check_batch(model, images, labels):
    expected = tuple(model.image_shape)
    if isinstance(images, (list, tuple, dict)):
        raise ValueError(
            f"{type(model).__name__} expects each batch to be images of shape (batch, *{expected}) "
            "or a tuple (images, labels); received a nested structure "
            f"{type(images).__name__} as the images."
        )
    dtype = keras.backend.standardize_dtype(images.dtype)
    if "float" not in dtype:
        raise non_float_images_error(model, dtype)
    shape = tuple(images.shape)
    if len(shape) != len(expected) + 1 or tuple(shape[1:]) != expected:
        raise ValueError(
            f"{type(model).__name__} expects images of shape (batch, {', '.join(map(str, expected))}) "
            f"(height, width, channels; channels last); received shape {shape}."
        )
    if shape[0] is not None and shape[0] < model.n_critic:
        raise ValueError(
            f"Each batch is split into n_critic={model.n_critic} discriminator steps, so it needs at "
            f"least {model.n_critic} images; received a batch of {shape[0]}."
        )
    if model.condition_dim:
        return images, _check_conditions(model, labels)
    if model.num_classes:
        if labels is None:
            raise labels_missing_error(model)
        ldtype = keras.backend.standardize_dtype(labels.dtype)
        lshape = tuple(labels.shape)
        if "int" not in ldtype or not (len(lshape) == 1 or (len(lshape) == 2 and lshape[1] == 1)):
            raise class_labels_error(ldtype, lshape)
        labels = keras.ops.reshape(keras.ops.cast(labels, "int32"), (-1,))
    else:
        labels = None
    return images, labels


def _check_conditions(model, conditions):
    expected = f"(batch, {model.condition_dim})"
    if conditions is None:
        raise labels_missing_error(model)
    dtype = keras.backend.standardize_dtype(conditions.dtype)
    shape = tuple(conditions.shape)
    if "float" not in dtype or len(shape) != 2 or shape[1] != model.condition_dim:
        raise ValueError(
            f"{type(model).__name__} expects float condition vectors of shape {expected}; received "
            f"dtype {dtype} and shape {shape}."
        )
    return conditions


# The errors shared with the host-side checks of `fit` (kerasgan.core.fit_data).
def non_float_images_error(model, dtype, where=""):
    return TypeError(
        f"{type(model).__name__} expects floating-point images scaled to [-1, 1]; received dtype {dtype}{where}. "
        "Convert first, e.g. `kerasgan.data.scale_images(x)` (uint8 [0, 255] -> float32 [-1, 1])."
    )


def labels_missing_error(model):
    if model.condition_dim:
        return ValueError(
            f"{type(model).__name__} is conditioned on {model.condition_dim}-dimensional vectors: each batch must be "
            f"a tuple (images, conditions) with float conditions of shape (batch, {model.condition_dim}), e.g. "
            "`fit(x, y)`; received images only."
        )
    return ValueError(
        f"{type(model).__name__} is class-conditional ({model.num_classes} classes): each batch must be a tuple "
        "(images, labels) with integer labels of shape (batch,), e.g. `fit(x, y)`; received images only."
    )


def class_labels_error(dtype, shape, where=""):
    return ValueError(
        f"Class labels must be integer ids of shape (batch,) or (batch, 1); received dtype {dtype} and shape "
        f"{shape}{where} (one-hot labels: use argmax first)."
    )
