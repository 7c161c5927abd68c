from kerasgan.models.dcgan.dcgan import DCGAN
from kerasgan.models.dcgan.dcgan_discriminator import DCGANDiscriminator
from kerasgan.models.dcgan.dcgan_generator import DCGANGenerator

__all__ = ["DCGAN", "DCGANDiscriminator", "DCGANGenerator"]
