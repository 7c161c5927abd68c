"""The GAN core: the `GAN` base model, the optimizer container that carries every network's
optimizer, the step context its hooks receive, preset folders, and the model-parallel
layout `KernelParallel`."""

from kerasgan.core.gan import GAN
from kerasgan.core.gan_optimizer import GANOptimizer
from kerasgan.core.kernel_parallel import KernelParallel
from kerasgan.core.step_context import StepContext

__all__ = ["GAN", "GANOptimizer", "KernelParallel", "StepContext"]
