"""Augmentations inside the training step: DiffAugment (with ADA's adaptive probability)."""

from kerasgan.augment.diff_augment import DiffAugment

__all__ = ["DiffAugment"]
