"""Callbacks of the GAN core."""

from kerasgan.callbacks.evaluation_callback import EvaluationCallback
from kerasgan.callbacks.non_finite_loss_guard import NonFiniteLossGuard
from kerasgan.callbacks.teacher_sample_refresh import TeacherSampleRefresh

__all__ = ["EvaluationCallback", "NonFiniteLossGuard", "TeacherSampleRefresh"]
