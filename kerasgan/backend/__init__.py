"""Per-backend primitives of the GAN core, chosen once at import.

This package is the only place in kerasgan that imports a framework (TensorFlow, JAX or torch).
It exposes these primitives, all written so the GAN training step above them stays in `keras.ops`:

- `train_step(model, data, step_fn)`: the backend's `train_step` wrapper. On JAX it opens a
  `keras.StatelessScope` over the trainer's four state groups and returns the updated state.
- `compute_gradients(loss_fn, variables)`: run `loss_fn()` (returns `(loss, aux)`) and return
  `(loss, aux, grads)` with the gradients of `loss` with respect to `variables`. Variable updates
  made inside `loss_fn` (BatchNorm statistics, spectral-norm vectors, seed generators) are kept.
- `apply_gradients(optimizer, grads, variables)`: one optimizer update.
- `fit_guard(model)`: a context around `fit` that leaves the model's variables intact when
  `fit` fails before a step completes (the JAX trainer detaches them while it runs).
- `no_grad()`: a context for forward passes whose gradient is not needed (the generator in the
  discriminator step); only torch records one otherwise.
- `predict(model, inputs)`: an inference forward pass as numpy (compiled on JAX, eager elsewhere).
- `snapshot(variables)` / `undo_unless(finite, variables, values)`: keep the values of variables
  and put them back unless `finite` holds (a training step whose losses are not finite).
- `replica()`: `(replicas in sync, this replica's index)`; `(1, 0)` except inside a
  `tf.distribute` step, where each replica runs the step on its slice of the global batch.
- `replica_sum(x)`: `x` summed over those replicas (statistics of the global batch), else `x`.
- `input_gradient(fn, x)`: `(fn(x), d sum(fn(x)) / dx)`, differentiable again (double backprop)
  when called inside `compute_gradients`, as gradient penalties need. When `fn` returns a tuple,
  its first item is differentiated (the others ride along: a discriminator's features).
"""

import keras

_NAME = keras.backend.backend()

if _NAME == "tensorflow":
    from kerasgan.backend.step_undo import snapshot
    from kerasgan.backend.step_undo import undo_unless
    from kerasgan.backend.tensorflow import apply_gradients
    from kerasgan.backend.tensorflow import compute_gradients
    from kerasgan.backend.tensorflow import fit_guard
    from kerasgan.backend.tensorflow import input_gradient
    from kerasgan.backend.tensorflow import no_grad
    from kerasgan.backend.tensorflow import predict
    from kerasgan.backend.tensorflow import replica
    from kerasgan.backend.tensorflow import replica_sum
    from kerasgan.backend.tensorflow import train_step
elif _NAME == "jax":
    from kerasgan.backend.xla_cpu import prefer_xla_convolutions

    prefer_xla_convolutions()
    from kerasgan.backend.jax import apply_gradients
    from kerasgan.backend.jax import compute_gradients
    from kerasgan.backend.jax import fit_guard
    from kerasgan.backend.jax import input_gradient
    from kerasgan.backend.jax import no_grad
    from kerasgan.backend.jax import predict
    from kerasgan.backend.jax import train_step
    from kerasgan.backend.single_replica import replica
    from kerasgan.backend.single_replica import replica_sum
    from kerasgan.backend.step_undo import snapshot
    from kerasgan.backend.step_undo import undo_unless
elif _NAME == "torch":
    from kerasgan.backend.single_replica import replica
    from kerasgan.backend.single_replica import replica_sum
    from kerasgan.backend.torch import apply_gradients
    from kerasgan.backend.torch import compute_gradients
    from kerasgan.backend.torch import fit_guard
    from kerasgan.backend.torch import input_gradient
    from kerasgan.backend.torch import no_grad
    from kerasgan.backend.torch import predict
    from kerasgan.backend.torch import snapshot
    from kerasgan.backend.torch import train_step
    from kerasgan.backend.torch import undo_unless
else:
    raise ImportError(
        "kerasgan supports the Keras backends 'tensorflow', 'jax' and 'torch'; "
        f"KERAS_BACKEND is {_NAME!r}."
    )

def name():
    """The active Keras backend's name."""
    return _NAME


__all__ = [
    "apply_gradients",
    "compute_gradients",
    "fit_guard",
    "input_gradient",
    "no_grad",
    "name",
    "predict",
    "replica",
    "replica_sum",
    "snapshot",
    "train_step",
    "undo_unless",
]
