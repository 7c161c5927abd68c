"""The GAN core: the `GAN` base model, the optimizer container that carries every network's
optimizer, the step context its hooks receive, and preset folders."""

from kerasgan.core.gan import GAN
from kerasgan.core.gan_optimizer import GANOptimizer
from kerasgan.core.step_context import StepContext

__all__ = ["GAN", "GANOptimizer", "StepContext"]
