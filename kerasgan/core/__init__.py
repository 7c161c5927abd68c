"""The GAN core: the `GAN` base model and the optimizer container that carries both optimizers."""

from kerasgan.core.gan import GAN
from kerasgan.core.gan_optimizer import GANOptimizer

__all__ = ["GAN", "GANOptimizer"]
