from kerasgan.models.mmdgan.mmdgan import MMDGAN
from kerasgan.models.mmdgan.mmdgan_critic import MMDGANCritic
from kerasgan.models.mmdgan.mmdgan_generator import MMDGANGenerator

__all__ = ["MMDGAN", "MMDGANCritic", "MMDGANGenerator"]
