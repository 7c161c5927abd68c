"""Callbacks of the GAN core."""

from kerasgan.callbacks.non_finite_loss_guard import NonFiniteLossGuard

__all__ = ["NonFiniteLossGuard"]
