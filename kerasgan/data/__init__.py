"""Data: image scaling, the embedded MNIST training subset and test set, tensorflow-datasets,
Stacked-MNIST, semi-supervised batches, the 2-D Gaussian mixtures of the mode-collapse
benchmarks, and streamed, shuffled training batches from an image folder, .npy/.npz files or a
tfds name (`open_data`)."""

from kerasgan.data.array_batches import ArrayBatches
from kerasgan.data.gaussian_mixture import GaussianMixtureSpec
from kerasgan.data.gaussian_mixture import grid_of_gaussians
from kerasgan.data.gaussian_mixture import ring_of_gaussians
from kerasgan.data.gaussian_mixture import sample_mixture
from kerasgan.data.image_folder import ImageFolder
from kerasgan.data.image_folder import image_folder
from kerasgan.data.images import pad_images
from kerasgan.data.images import scale_images
from kerasgan.data.mnist import MNIST_SUBSET
from kerasgan.data.mnist import MNIST_TEST_IMAGES
from kerasgan.data.mnist import MNIST_TEST_LABELS
from kerasgan.data.mnist import load_mnist_subset
from kerasgan.data.mnist import load_mnist_test
from kerasgan.data.semi_supervised_batches import SemiSupervisedBatches
from kerasgan.data.semi_supervised_batches import keep_labels
from kerasgan.data.shuffled_batches import ShuffledBatches
from kerasgan.data.sources import load_images
from kerasgan.data.sources import open_data
from kerasgan.data.stacked_mnist import StackedMNIST
from kerasgan.data.stacked_mnist import make_stacked_mnist
from kerasgan.data.tfds import load_tfds

__all__ = [
    "ArrayBatches", "GaussianMixtureSpec", "ImageFolder", "MNIST_SUBSET", "MNIST_TEST_IMAGES", "MNIST_TEST_LABELS",
    "SemiSupervisedBatches", "ShuffledBatches", "StackedMNIST", "grid_of_gaussians", "image_folder", "keep_labels",
    "load_images", "load_mnist_subset", "load_mnist_test", "load_tfds", "make_stacked_mnist", "open_data",
    "pad_images", "ring_of_gaussians", "sample_mixture", "scale_images",
]
