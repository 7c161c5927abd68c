from kerasgan.models.egan.egan import EGAN
from kerasgan.models.egan.mixture_egan import MixtureEGAN

__all__ = ["EGAN", "MixtureEGAN"]
