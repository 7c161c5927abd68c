from kerasgan.models.wgan_gp.wgangp import WGANGP
from kerasgan.models.wgan_gp.wgangp_dcgan_critic import WGANGPDCGANCritic
from kerasgan.models.wgan_gp.wgangp_dcgan_generator import WGANGPDCGANGenerator
from kerasgan.models.wgan_gp.wgangp_resnet_critic import WGANGPResNetCritic
from kerasgan.models.wgan_gp.wgangp_resnet_generator import WGANGPResNetGenerator

__all__ = ["WGANGP", "WGANGPDCGANCritic", "WGANGPDCGANGenerator", "WGANGPResNetCritic", "WGANGPResNetGenerator"]
