from kerasgan.models.progan.progan import ProGAN
from kerasgan.models.progan.progan_discriminator import ProGANDiscriminator
from kerasgan.models.progan.progan_generator import ProGANGenerator
from kerasgan.models.progan.progan_schedule import ProGANSchedule

__all__ = ["ProGAN", "ProGANDiscriminator", "ProGANGenerator", "ProGANSchedule"]
