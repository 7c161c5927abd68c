"""Callbacks of the GAN core: evaluation, the non-finite loss guard, sample grids and training
checkpoints that a run resumes from."""

from kerasgan.callbacks.evaluation_callback import EvaluationCallback
from kerasgan.callbacks.kid_learning_rate_schedule import KIDLearningRateSchedule
from kerasgan.callbacks.non_finite_loss_guard import NonFiniteLossGuard
from kerasgan.callbacks.sample_grid import SampleGrid
from kerasgan.callbacks.training_checkpoint import TrainingCheckpoint
from kerasgan.callbacks.training_checkpoint import load_training_state
from kerasgan.callbacks.training_checkpoint import save_training_state

__all__ = [
    "EvaluationCallback", "KIDLearningRateSchedule", "NonFiniteLossGuard", "SampleGrid", "TrainingCheckpoint",
    "load_training_state", "save_training_state",
]
