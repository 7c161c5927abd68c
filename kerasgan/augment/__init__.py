"""Augmentations inside the training step: DiffAugment (with ADA's adaptive probability), a
technique of `kerasgan.techniques` kept here under its earlier name."""

from kerasgan.techniques.diff_augment import DiffAugment

__all__ = ["DiffAugment"]
