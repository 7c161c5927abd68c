"""Evaluation: FID, KID, IS, precision/recall, density/coverage, mode coverage, class-conditional
accuracy, feature extractors.

Every function takes features (numpy arrays or backend tensors of shape `(N, D)`, or
classifier logits/probabilities for the Inception Score) and computes in float64 numpy.
`FrechetDistance` and `KernelDistance` are `keras.metrics.Metric`s that stream generated
features over batches.
"""

from kerasgan.metrics.class_accuracy import ClassConditionalAccuracy
from kerasgan.metrics.class_coverage import ClassCoverage
from kerasgan.metrics.classification_error import ClassificationError
from kerasgan.metrics.feature_statistics import FeatureStatistics
from kerasgan.metrics.fid_inception_v3 import FIDInceptionV3
from kerasgan.metrics.fid_inception_v3 import convert_pytorch_fid_weights
from kerasgan.metrics.frechet import fid_from_features
from kerasgan.metrics.frechet import fid_from_statistics
from kerasgan.metrics.frechet import frechet_distance
from kerasgan.metrics.frechet_distance_metric import FrechetDistance
from kerasgan.metrics.gan_evaluator import FEATURE_METRICS
from kerasgan.metrics.gan_evaluator import GANEvaluator
from kerasgan.metrics.inception_score import inception_score
from kerasgan.metrics.keras_inception_v3 import KerasInceptionV3Features
from kerasgan.metrics.kernel_distance_metric import KernelDistance
from kerasgan.metrics.kid import kernel_inception_distance
from kerasgan.metrics.mixtures import assign_modes
from kerasgan.metrics.mixtures import mixture_mode_metrics
from kerasgan.metrics.mnist_classifier import MNISTClassifier
from kerasgan.metrics.precision_recall import density_coverage
from kerasgan.metrics.precision_recall import precision_recall
from kerasgan.metrics.stacked_mnist import stacked_mnist_classes
from kerasgan.metrics.stacked_mnist import stacked_mnist_metrics
from kerasgan.utils.three_sample_test import kernel_sums
from kerasgan.utils.three_sample_test import three_sample_mmd_test

__all__ = [
    "ClassConditionalAccuracy",
    "ClassCoverage",
    "ClassificationError",
    "FEATURE_METRICS",
    "FIDInceptionV3",
    "FeatureStatistics",
    "FrechetDistance",
    "GANEvaluator",
    "KerasInceptionV3Features",
    "KernelDistance",
    "MNISTClassifier",
    "assign_modes",
    "convert_pytorch_fid_weights",
    "density_coverage",
    "fid_from_features",
    "fid_from_statistics",
    "frechet_distance",
    "inception_score",
    "kernel_inception_distance",
    "kernel_sums",
    "mixture_mode_metrics",
    "precision_recall",
    "stacked_mnist_classes",
    "stacked_mnist_metrics",
    "three_sample_mmd_test",
]
