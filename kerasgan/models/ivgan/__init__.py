from kerasgan.models.ivgan.ivgan import IVGAN
from kerasgan.models.ivgan.ivgan_discriminator import IVGANDiscriminator
from kerasgan.models.ivgan.ivgan_encoder import IVGANEncoder
from kerasgan.models.ivgan.ivgan_generator import IVGANGenerator

__all__ = ["IVGAN", "IVGANDiscriminator", "IVGANEncoder", "IVGANGenerator"]
