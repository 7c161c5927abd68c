"""Writes `fixtures/presets/outputs.npz`: what the presets measured by the slow tests compute, under TensorFlow.

The slow tests reproduce these presets' card numbers (26,000 Stacked-MNIST samples, 15,000 Zelda
levels, 5,000-sample FIDs, the HGAN teacher's bits/dim) under one backend; every backend's fast
lane checks that it computes the same outputs as this file (`test_zoo.py`), so the numbers hold
on all three. Run from the repository root after retraining one of them:

    KERAS_BACKEND=tensorflow python tests/preset_outputs.py
"""

import os
import sys

import numpy as np

NUM_SAMPLES, SEED, HELD_OUT = 4, 0, 32
PRESETS = ("dcgan_mnist", "ivgan_stacked_mnist", "dcgan_stacked_mnist", "cesagan_zelda", "sagan_zelda", "hgan_mnist")
PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "presets", "outputs.npz")


def preset_outputs(name):
    """`{key: array}` of the preset `name` under the current backend."""
    from kerasgan import zoo
    from kerasgan.data import load_mnist_test

    gan = zoo.load(name)
    outputs = {name: gan.generate(NUM_SAMPLES, seed=SEED)}
    if name == "hgan_mnist":
        held_out, _ = load_mnist_test(drop_training_overlap=True)
        outputs[f"{name}.teacher_bits_per_dim"] = np.asarray(gan.teacher.bits_per_dim(held_out[:HELD_OUT]))
    return outputs


def main():
    import keras

    if keras.backend.backend() != "tensorflow":
        sys.exit("run under KERAS_BACKEND=tensorflow (the presets were trained there)")
    arrays = {}
    for name in PRESETS:
        arrays.update(preset_outputs(name))
    np.savez(PATH, **arrays)
    print({k: (v.shape, v.dtype.name) for k, v in arrays.items()})


if __name__ == "__main__":
    main()
