from kerasgan.models.gan.mixture_gan import MixtureGAN
from kerasgan.models.gan.mlp_discriminator import MLPDiscriminator
from kerasgan.models.gan.mlp_generator import MLPGenerator

__all__ = ["MLPDiscriminator", "MLPGenerator", "MixtureGAN"]
