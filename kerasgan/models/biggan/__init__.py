from kerasgan.models.biggan.biggan import BigGAN
from kerasgan.models.biggan.biggan_discriminator import BigGANDiscriminator
from kerasgan.models.biggan.biggan_generator import BigGANGenerator

__all__ = ["BigGAN", "BigGANDiscriminator", "BigGANGenerator"]
