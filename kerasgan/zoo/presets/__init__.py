"""The zoo's presets as data, one module per model family; the registry collects `PRESETS`."""

from kerasgan.zoo.presets import biggan
from kerasgan.zoo.presets import cesagan
from kerasgan.zoo.presets import dcgan
from kerasgan.zoo.presets import egan
from kerasgan.zoo.presets import hgan
from kerasgan.zoo.presets import ivgan
from kerasgan.zoo.presets import mixture_gan
from kerasgan.zoo.presets import mmdgan
from kerasgan.zoo.presets import progan
from kerasgan.zoo.presets import sngan
from kerasgan.zoo.presets import ssgan
from kerasgan.zoo.presets import wgan
from kerasgan.zoo.presets import wgangp

PRESETS = (
    *dcgan.PRESETS, *wgan.PRESETS, *wgangp.PRESETS, *sngan.PRESETS, *progan.PRESETS, *biggan.PRESETS,
    *mixture_gan.PRESETS, *egan.PRESETS, *ivgan.PRESETS, *hgan.PRESETS, *cesagan.PRESETS, *ssgan.PRESETS,
    *mmdgan.PRESETS,
)

__all__ = ["PRESETS"]
