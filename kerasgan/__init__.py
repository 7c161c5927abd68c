"""kerasgan: a Keras 3 multi-backend GAN model zoo (TensorFlow, JAX, PyTorch)."""

from kerasgan import augment
from kerasgan import backend
from kerasgan import callbacks
from kerasgan import data
from kerasgan import layers
from kerasgan import levels
from kerasgan import losses
from kerasgan import metrics
from kerasgan import models
from kerasgan import techniques
from kerasgan import utils
from kerasgan import zoo
from kerasgan.core.gan import GAN
from kerasgan.core.gan_optimizer import GANOptimizer
from kerasgan.core.step_context import StepContext
from kerasgan.version import __version__

__all__ = [
    "GAN", "GANOptimizer", "StepContext", "__version__", "augment", "backend", "callbacks", "data", "layers", "levels",
    "losses", "metrics", "models", "techniques", "utils", "zoo",
]
