"""Training techniques a GAN composes: `GAN(..., techniques=[...])` (see `Technique`)."""

from kerasgan.techniques.critic_schedule import CriticSchedule
from kerasgan.techniques.diff_augment import DiffAugment
from kerasgan.techniques.dragan_penalty import DRAGANPenalty
from kerasgan.techniques.drift_penalty import DriftPenalty
from kerasgan.techniques.gradient_penalty import GradientPenalty
from kerasgan.techniques.instance_noise import InstanceNoise
from kerasgan.techniques.orthogonal_regularization import OrthogonalRegularization
from kerasgan.techniques.r1_penalty import R1Penalty
from kerasgan.techniques.technique import Technique
from kerasgan.techniques.weight_clipping import WeightClipping
from kerasgan.techniques.weighted_term import WeightedTerm

__all__ = [
    "CriticSchedule", "DRAGANPenalty", "DiffAugment", "DriftPenalty", "GradientPenalty", "InstanceNoise",
    "OrthogonalRegularization", "R1Penalty", "Technique", "WeightClipping", "WeightedTerm",
]
