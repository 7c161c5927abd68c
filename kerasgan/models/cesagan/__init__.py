from kerasgan.models.cesagan.bootstrap import train_with_bootstrapping
from kerasgan.models.cesagan.cesagan import CESAGAN
from kerasgan.models.cesagan.cesagan_discriminator import CESAGANDiscriminator
from kerasgan.models.cesagan.cesagan_generator import CESAGANGenerator

__all__ = ["CESAGAN", "CESAGANDiscriminator", "CESAGANGenerator", "train_with_bootstrapping"]
