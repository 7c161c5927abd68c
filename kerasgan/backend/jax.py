"""JAX primitives of the GAN core (see `kerasgan.backend`).

The JAX trainer threads `(trainable, non_trainable, optimizer, metrics)` values through a pure
`train_step(state, data)`. `train_step` below opens one `keras.StatelessScope` over all four groups
and runs the backend-neutral step inside it, so ordinary `variable.assign` calls (optimizer moments,
BatchNorm statistics, spectral-norm vectors, seed generators, metric trackers) are recorded in the
scope and returned as the new state. Gradients are taken by re-running a closure under a child scope
whose values for the differentiated variables are JAX tracers; the child's recorded updates leave
`jax.value_and_grad` as auxiliary outputs and are written back into the parent scope.
"""

import contextlib

import jax
from keras import StatelessScope
from keras.src.backend.common.stateless_scope import get_stateless_scope


def train_step(model, state, data, step_fn):
    groups = (
        model.trainable_variables,
        model.non_trainable_variables,
        model.optimizer.variables,
        model.metrics_variables,
    )
    mapping = [
        (v, value) for group, values in zip(groups, state, strict=True) for v, value in zip(group, values, strict=True)
    ]
    with StatelessScope(state_mapping=mapping) as scope:
        logs = step_fn(data)
    new_state = tuple([scope.get_current_value(v) for v in group] for group in groups)
    return logs, new_state


def _run_in_child_scope(fn, overrides=()):
    """Run `fn()` in a scope that sees the parent's values plus `overrides`; return its updates."""
    parent = get_stateless_scope()
    child = StatelessScope()
    if parent is not None:
        child.state_mapping = dict(parent.state_mapping)
    for v, value in overrides:
        child.state_mapping[id(v)] = value
    before = dict(child.state_mapping)
    with child:
        out = fn()
    updates = {k: v for k, v in child.state_mapping.items() if before.get(k) is not v}
    return out, updates


def _write_back(updates):
    # Outside a train step (eager use of a penalty, say) there is no state to thread: the
    # updates of that call are dropped, as in Keras's own stateless calls.
    parent = get_stateless_scope()
    if parent is not None:
        parent.state_mapping.update(updates)


def compute_gradients(loss_fn, variables):
    parent = get_stateless_scope()
    if parent is None:
        raise RuntimeError(
            "kerasgan's JAX gradients run inside the GAN train step's StatelessScope; "
            "call `compute_gradients` from `GAN.train_step` (through `fit`)."
        )
    values = [parent.get_current_value(v) for v in variables]

    def pure(values):
        (loss, aux), updates = _run_in_child_scope(loss_fn, zip(variables, values, strict=True))
        return loss, (aux, updates)

    (loss, (aux, updates)), grads = jax.value_and_grad(pure, has_aux=True)(values)
    _write_back(updates)
    return loss, aux, grads


def apply_gradients(optimizer, grads, variables):
    scope = get_stateless_scope()
    opt_values = [scope.get_current_value(v) for v in optimizer.variables]
    var_values = [scope.get_current_value(v) for v in variables]
    new_vars, new_opt = optimizer.stateless_apply(opt_values, grads, var_values)
    for v, value in zip(variables, new_vars, strict=True):
        scope.add_update((v, value))
    for v, value in zip(optimizer.variables, new_opt, strict=True):
        scope.add_update((v, value))


def input_gradient(fn, x):
    def pure(x):
        y, updates = _run_in_child_scope(lambda: fn(x))
        return (y[0] if isinstance(y, tuple) else y).sum(), (y, updates)

    grad, (y, updates) = jax.grad(pure, has_aux=True)(x)
    _write_back(updates)
    return y, grad


@contextlib.contextmanager
def fit_guard(model):
    """Keep the model's variables if `fit` fails: before its first step completes, or later.

    Keras's JAX trainer detaches every variable's value (`_value = None`) while it threads the
    state through the jitted step and reattaches it after the epoch. An error raised while the
    step is traced (bad input, say) leaves the variables detached, so the model would be lost.
    JAX arrays are immutable and only donated once a step runs, so holding the references lets
    us reattach the untouched values.
    """
    # Before `compile()` there is no optimizer: Keras's own `fit` then asks for `compile()`.
    variables = list(model.variables) + list(getattr(getattr(model, "optimizer", None), "variables", []))
    saved = [(v, v._value) for v in variables]
    try:
        yield
    except BaseException:
        # Mid-epoch (a callback raised, or Ctrl-C): Keras holds the newest state, not yet written
        # back to the variables, whose old values were donated; write it back.
        model.jax_state_sync()
        for v, value in saved:
            if v._value is None and value is not None and not value.is_deleted():
                v._value = value
        raise


def no_grad():
    # Variables outside the differentiated list are not recorded here: nothing to switch off.
    return contextlib.nullcontext()


def predict(model, inputs):
    # Eager JAX dispatches op by op (about 3x slower for a generator); the compiled predict step
    # is traced once per input shape, so equal inputs give equal outputs.
    return model.predict_on_batch(inputs)
