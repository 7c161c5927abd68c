"""Undoing a training step whose losses are not finite, on TensorFlow and JAX: branch-free, so it
compiles into the step."""

from keras import ops


def snapshot(variables):
    """The values of `variables` now, unaffected by later assignments (a TensorFlow variable's
    `value` is the variable itself: copy reads it; inside a JAX trace the copy is free)."""
    return [ops.copy(variable.value) for variable in variables]


def undo_unless(finite, variables, values):
    """Put `variables` back to `values` unless the scalar boolean `finite` holds."""
    for variable, value in zip(variables, values, strict=True):
        variable.assign(ops.where(finite, variable.value, value))
