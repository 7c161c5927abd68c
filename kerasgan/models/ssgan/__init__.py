from kerasgan.models.ssgan.semi_supervised_gan import SemiSupervisedGAN
from kerasgan.models.ssgan.ssgan_discriminator import SSGANDiscriminator
from kerasgan.models.ssgan.ssgan_generator import SSGANGenerator

__all__ = ["SSGANDiscriminator", "SSGANGenerator", "SemiSupervisedGAN"]
