from kerasgan.models.sngan.sngan import SNGAN
from kerasgan.models.sngan.sngan_cnn_discriminator import SNGANCNNDiscriminator
from kerasgan.models.sngan.sngan_cnn_generator import SNGANCNNGenerator
from kerasgan.models.sngan.sngan_resnet_discriminator import SNGANResNetDiscriminator
from kerasgan.models.sngan.sngan_resnet_generator import SNGANResNetGenerator

__all__ = ["SNGAN", "SNGANCNNDiscriminator", "SNGANCNNGenerator", "SNGANResNetDiscriminator", "SNGANResNetGenerator"]
