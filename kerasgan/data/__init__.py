"""Data: image scaling, the embedded MNIST training subset and test set, tensorflow-datasets,
Stacked-MNIST and the 2-D Gaussian mixtures of the mode-collapse benchmarks."""

from kerasgan.data.gaussian_mixture import GaussianMixtureSpec
from kerasgan.data.gaussian_mixture import grid_of_gaussians
from kerasgan.data.gaussian_mixture import ring_of_gaussians
from kerasgan.data.gaussian_mixture import sample_mixture
from kerasgan.data.images import pad_images
from kerasgan.data.images import scale_images
from kerasgan.data.mnist import MNIST_SUBSET
from kerasgan.data.mnist import MNIST_TEST_IMAGES
from kerasgan.data.mnist import MNIST_TEST_LABELS
from kerasgan.data.mnist import load_mnist_subset
from kerasgan.data.mnist import load_mnist_test
from kerasgan.data.stacked_mnist import StackedMNIST
from kerasgan.data.stacked_mnist import make_stacked_mnist
from kerasgan.data.tfds import load_tfds

__all__ = [
    "GaussianMixtureSpec", "MNIST_SUBSET", "MNIST_TEST_IMAGES", "MNIST_TEST_LABELS", "StackedMNIST",
    "grid_of_gaussians", "load_mnist_subset", "load_mnist_test", "load_tfds", "make_stacked_mnist",
    "pad_images", "ring_of_gaussians", "sample_mixture", "scale_images",
]
