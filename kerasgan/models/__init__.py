"""The model zoo's architectures and GAN subclasses."""

from kerasgan.models.biggan import BigGAN
from kerasgan.models.biggan import BigGANDiscriminator
from kerasgan.models.biggan import BigGANGenerator
from kerasgan.models.dcgan import DCGAN
from kerasgan.models.dcgan import DCGANDiscriminator
from kerasgan.models.dcgan import DCGANGenerator
from kerasgan.models.gan import MixtureGAN
from kerasgan.models.gan import MLPDiscriminator
from kerasgan.models.gan import MLPGenerator
from kerasgan.models.network import Network
from kerasgan.models.progan import ProGAN
from kerasgan.models.progan import ProGANDiscriminator
from kerasgan.models.progan import ProGANGenerator
from kerasgan.models.progan import ProGANSchedule
from kerasgan.models.sngan import SNGAN
from kerasgan.models.sngan import SNGANCNNDiscriminator
from kerasgan.models.sngan import SNGANCNNGenerator
from kerasgan.models.sngan import SNGANResNetDiscriminator
from kerasgan.models.sngan import SNGANResNetGenerator
from kerasgan.models.wgan_gp import WGANGP
from kerasgan.models.wgan_gp import WGANGPDCGANCritic
from kerasgan.models.wgan_gp import WGANGPDCGANGenerator
from kerasgan.models.wgan_gp import WGANGPResNetCritic
from kerasgan.models.wgan_gp import WGANGPResNetGenerator

__all__ = [
    "BigGAN", "BigGANDiscriminator", "BigGANGenerator", "DCGAN", "DCGANDiscriminator", "DCGANGenerator", "MLPDiscriminator", "MLPGenerator", "MixtureGAN", "Network", "ProGAN",
    "ProGANDiscriminator", "ProGANGenerator", "ProGANSchedule", "SNGAN", "SNGANCNNDiscriminator",
    "SNGANCNNGenerator", "SNGANResNetDiscriminator", "SNGANResNetGenerator", "WGANGP",
    "WGANGPDCGANCritic", "WGANGPDCGANGenerator", "WGANGPResNetCritic", "WGANGPResNetGenerator",
]
