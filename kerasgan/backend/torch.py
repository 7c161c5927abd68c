"""PyTorch primitives of the GAN core (see `kerasgan.backend`).

Runs eagerly: `torch.compile` cannot differentiate twice, which gradient penalties need.
"""

import contextlib

import keras
import torch
from keras import ops


def train_step(model, data, step_fn):
    return step_fn(data)


def compute_gradients(loss_fn, variables):
    loss, aux = loss_fn()
    params = [v.value for v in variables]
    grads = torch.autograd.grad(loss, params, allow_unused=True)
    grads = [torch.zeros_like(p) if g is None else g for g, p in zip(grads, params, strict=True)]
    return loss.detach(), _detach(aux), grads


def apply_gradients(optimizer, grads, variables):
    with torch.no_grad():
        optimizer.apply(grads, variables)


def input_gradient(fn, x):
    # Keras runs evaluate/predict under no_grad; the input gradient is needed there too, but is
    # only made differentiable again when the caller is itself recording a graph.
    create_graph = torch.is_grad_enabled()
    with torch.enable_grad():
        x = ops.convert_to_tensor(x)
        if not x.requires_grad:
            x = x.detach().requires_grad_(True)
        y = fn(x)
        head = y[0] if isinstance(y, tuple) else y
        (grad,) = torch.autograd.grad(head.sum(), x, create_graph=create_graph, allow_unused=True)
    if grad is None:
        grad = torch.zeros_like(x)
    return y, grad


def _detach(tree):
    if isinstance(tree, torch.Tensor):
        return tree.detach()
    if isinstance(tree, dict):
        return {k: _detach(v) for k, v in tree.items()}
    if isinstance(tree, (list, tuple)):
        return type(tree)(_detach(v) for v in tree)
    return tree


def fit_guard(model):
    distribution = keras.distribution.distribution()
    if distribution is not None:
        raise NotImplementedError(
            "Keras's torch backend has no distribution support: `fit` would train on one device and "
            f"ignore the distribution set with keras.distribution.set_distribution ({distribution!r}). "
            "For several devices use KERAS_BACKEND=jax with keras.distribution.DataParallel or "
            "ModelParallel, or KERAS_BACKEND=tensorflow with tf.distribute.MirroredStrategy or "
            "MultiWorkerMirroredStrategy; or call keras.distribution.set_distribution(None) to train "
            "on one device."
        )
    return contextlib.nullcontext()


def no_grad():
    return torch.no_grad()


def predict(model, inputs):
    with torch.no_grad():
        return ops.convert_to_numpy(model(inputs, training=False))


def snapshot(variables):
    # Keras's torch variables are updated in place: keep copies.
    return [variable.value.detach().clone() for variable in variables]


def undo_unless(finite, variables, values):
    # Eager: one host check instead of a select per variable (the logs read the losses anyway).
    if not bool(finite):
        for variable, value in zip(variables, values, strict=True):
            variable.assign(value)
