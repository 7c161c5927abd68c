"""A small Keras ReLU critic and its PyTorch twin with the same weights, for comparing a
technique with its publisher's PyTorch code on the same function."""

import keras
import numpy as np


def keras_critic(in_dim, hidden=8, seed=0):
    keras.utils.set_random_seed(seed)
    return keras.Sequential([keras.Input((in_dim,)), keras.layers.Dense(hidden, activation="relu"),
                             keras.layers.Dense(1)])


def torch_twin(critic):
    """`critic` (a `keras_critic`) as a `torch.nn.Sequential` with its weights."""
    import torch

    dense = [layer for layer in critic.layers if isinstance(layer, keras.layers.Dense)]
    linears = [torch.nn.Linear(*layer.kernel.shape) for layer in dense]
    with torch.no_grad():
        for linear, layer in zip(linears, dense, strict=True):
            kernel, bias = (np.asarray(keras.ops.convert_to_numpy(w)) for w in (layer.kernel, layer.bias))
            linear.weight.copy_(torch.tensor(kernel.T))
            linear.bias.copy_(torch.tensor(bias))
    return torch.nn.Sequential(linears[0], torch.nn.ReLU(), linears[1]).double()
