"""The model zoo's architectures and GAN subclasses."""

from kerasgan.models.biggan import BigGAN
from kerasgan.models.biggan import BigGANDiscriminator
from kerasgan.models.biggan import BigGANGenerator
from kerasgan.models.cesagan import CESAGAN
from kerasgan.models.cesagan import CESAGANDiscriminator
from kerasgan.models.cesagan import CESAGANGenerator
from kerasgan.models.dcgan import DCGAN
from kerasgan.models.dcgan import DCGANDiscriminator
from kerasgan.models.dcgan import DCGANGenerator
from kerasgan.models.egan import EGAN
from kerasgan.models.egan import MixtureEGAN
from kerasgan.models.gan import MixtureGAN
from kerasgan.models.gan import MLPDiscriminator
from kerasgan.models.gan import MLPGenerator
from kerasgan.models.hgan import HGAN
from kerasgan.models.hgan import PixelCNN
from kerasgan.models.ivgan import IVGAN
from kerasgan.models.ivgan import IVGANDiscriminator
from kerasgan.models.ivgan import IVGANEncoder
from kerasgan.models.ivgan import IVGANGenerator
from kerasgan.models.mmdgan import MMDGAN
from kerasgan.models.mmdgan import MMDGANCritic
from kerasgan.models.mmdgan import MMDGANGenerator
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
from kerasgan.models.ssgan import SemiSupervisedGAN
from kerasgan.models.ssgan import SSGANDiscriminator
from kerasgan.models.ssgan import SSGANGenerator
from kerasgan.models.wgan_gp import WGANGP
from kerasgan.models.wgan_gp import WGANGPDCGANCritic
from kerasgan.models.wgan_gp import WGANGPDCGANGenerator
from kerasgan.models.wgan_gp import WGANGPResNetCritic
from kerasgan.models.wgan_gp import WGANGPResNetGenerator

__all__ = [
    "BigGAN",
    "BigGANDiscriminator",
    "BigGANGenerator",
    "CESAGAN",
    "CESAGANDiscriminator",
    "CESAGANGenerator",
    "DCGAN",
    "DCGANDiscriminator",
    "DCGANGenerator",
    "EGAN",
    "HGAN",
    "IVGAN",
    "IVGANDiscriminator",
    "IVGANEncoder",
    "IVGANGenerator",
    "MLPDiscriminator",
    "MMDGAN",
    "MMDGANCritic",
    "MMDGANGenerator",
    "MLPGenerator",
    "MixtureEGAN",
    "MixtureGAN",
    "Network",
    "PixelCNN",
    "ProGAN",
    "ProGANDiscriminator",
    "ProGANGenerator",
    "ProGANSchedule",
    "SNGAN",
    "SNGANCNNDiscriminator",
    "SNGANCNNGenerator",
    "SNGANResNetDiscriminator",
    "SNGANResNetGenerator",
    "SSGANDiscriminator",
    "SSGANGenerator",
    "SemiSupervisedGAN",
    "WGANGP",
    "WGANGPDCGANCritic",
    "WGANGPDCGANGenerator",
    "WGANGPResNetCritic",
    "WGANGPResNetGenerator",
]
