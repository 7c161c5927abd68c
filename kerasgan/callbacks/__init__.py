"""Callbacks of the GAN core."""

from kerasgan.callbacks.evaluation_callback import EvaluationCallback
from kerasgan.callbacks.non_finite_loss_guard import NonFiniteLossGuard

__all__ = ["EvaluationCallback", "NonFiniteLossGuard"]
