"""The models `kerasgan train --model` builds, and loading a GAN by any name the commands take."""

import json
import os

MODELS = ("dcgan", "wgangp", "sngan", "sngan_projection")
CONDITIONAL = ("sngan_projection",)
# Default widths: the paper's layouts at reduced width, so a CPU trains them in minutes.
DEFAULT_FILTERS = {"dcgan": 32, "wgangp": 32, "sngan": 64, "sngan_projection": 64}


def build_model(name, image_shape, seed, num_classes=0, filters=None, augment=None, n_critic=None):
    """A fresh `name` GAN (from `MODELS`) for `image_shape`; `filters` sets its base width,
    `n_critic` overrides the paper's discriminator updates per generator update."""
    from kerasgan.models import DCGAN
    from kerasgan.models import SNGAN
    from kerasgan.models import WGANGP
    from kerasgan.models import WGANGPDCGANCritic
    from kerasgan.models import WGANGPDCGANGenerator

    if name not in MODELS:
        raise ValueError(f"--model must be one of {MODELS}; received {name!r}.")
    width = filters or DEFAULT_FILTERS[name]
    image_shape = tuple(image_shape)
    options = {"seed": seed, "augment": augment, **({"n_critic": n_critic} if n_critic else {})}
    if name == "dcgan":
        return DCGAN(image_shape=image_shape, base_filters=width, **options)
    if name == "wgangp":
        return WGANGP(
            WGANGPDCGANGenerator(128, image_shape, dim=width),
            WGANGPDCGANCritic(image_shape, dim=width),
            **options,
        )
    num_classes = num_classes if name in CONDITIONAL else 0
    return SNGAN(image_shape=image_shape, num_classes=num_classes, g_filters=width, d_filters=width, **options)


def is_run_folder(path):
    return os.path.isfile(os.path.join(path, "train_config.json"))


def load_gan(model, command, expected):
    """A kerasgan GAN from a saved `.keras` file, a preset name, a preset folder or its URL, or a
    `kerasgan train` output folder (its final model, else its latest checkpoint)."""
    import keras

    from kerasgan import zoo
    from kerasgan.core.gan import GAN

    if os.path.isdir(model) and is_run_folder(model):
        final = os.path.join(model, "model")
        if os.path.isfile(os.path.join(final, "config.json")):
            gan = zoo.load(final)
        else:
            gan = gan_from_checkpoint(model)
    elif os.path.isfile(model):
        gan = keras.saving.load_model(model)
    elif os.path.isdir(model) or model in zoo.list() or model.startswith(("http://", "https://")):
        gan = zoo.load(model)
    else:
        raise FileNotFoundError(f"`kerasgan {command}` takes {expected}; received {model!r}, which is neither.")
    if not isinstance(gan, GAN):
        raise TypeError(f"{model} holds a {type(gan).__name__}, not a kerasgan GAN.")
    return gan


def gan_from_checkpoint(run_dir):
    """The GAN of a `kerasgan train` folder with the weights of its latest checkpoint."""
    import keras

    from kerasgan.callbacks import load_training_state

    with open(os.path.join(run_dir, "train_config.json")) as f:
        record = json.load(f)
    gan = keras.saving.deserialize_keras_object(record["model_config"])
    checkpoint = os.path.join(run_dir, "checkpoint.npz")
    if not os.path.isfile(checkpoint):
        raise FileNotFoundError(f"{run_dir} is a kerasgan train folder without a checkpoint yet ({checkpoint}).")
    load_training_state(gan, checkpoint, optimizer=False)
    return gan
