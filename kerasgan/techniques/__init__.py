"""Training techniques a GAN composes: `GAN(..., techniques=[...])` (see `Technique`)."""

from kerasgan.techniques.activation_penalty import ActivationPenalty
from kerasgan.techniques.critic_schedule import CriticSchedule
from kerasgan.techniques.diff_augment import DiffAugment
from kerasgan.techniques.direct_adversarial_training import DirectAdversarialTraining
from kerasgan.techniques.dragan_penalty import DRAGANPenalty
from kerasgan.techniques.drift_penalty import DriftPenalty
from kerasgan.techniques.feature_matching import FeatureMatching
from kerasgan.techniques.gradient_normalization import GradientNormalization
from kerasgan.techniques.gradient_penalty import GradientPenalty
from kerasgan.techniques.historical_averaging import HistoricalAveraging
from kerasgan.techniques.instance_noise import InstanceNoise
from kerasgan.techniques.local_gradient_penalty import LocalGradientPenalty
from kerasgan.techniques.minibatch_discrimination import MinibatchDiscrimination
from kerasgan.techniques.one_sided_label_smoothing import OneSidedLabelSmoothing
from kerasgan.techniques.orthogonal_regularization import OrthogonalRegularization
from kerasgan.techniques.r1_penalty import R1Penalty
from kerasgan.techniques.r2_penalty import R2Penalty
from kerasgan.techniques.technique import Technique
from kerasgan.techniques.tempering_lens import TemperingLens
from kerasgan.techniques.weight_clipping import WeightClipping
from kerasgan.techniques.weighted_term import WeightedTerm
from kerasgan.techniques.witness_gradient_penalty import WitnessGradientPenalty

__all__ = [
    "ActivationPenalty", "CriticSchedule", "DRAGANPenalty", "DiffAugment", "DirectAdversarialTraining", "DriftPenalty",
    "FeatureMatching", "GradientNormalization", "GradientPenalty", "HistoricalAveraging", "InstanceNoise",
    "LocalGradientPenalty", "MinibatchDiscrimination", "OneSidedLabelSmoothing", "OrthogonalRegularization",
    "R1Penalty", "R2Penalty", "Technique", "TemperingLens", "WeightClipping", "WeightedTerm", "WitnessGradientPenalty",
]
