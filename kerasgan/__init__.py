"""kerasgan: a Keras 3 multi-backend GAN model zoo (TensorFlow, JAX, PyTorch)."""

from kerasgan import backend
from kerasgan import callbacks
from kerasgan import data
from kerasgan import layers
from kerasgan import levels
from kerasgan import losses
from kerasgan import metrics
from kerasgan import models
from kerasgan import zoo
from kerasgan.core.gan import GAN
from kerasgan.core.gan_optimizer import GANOptimizer

__version__ = "0.1.0"

__all__ = ["GAN", "GANOptimizer", "backend", "callbacks", "data", "layers", "levels", "losses", "metrics", "models", "zoo"]
