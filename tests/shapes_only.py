"""`shapes_only`: the mark of tests whose subject is the variable shapes a configuration builds.

The layers' `build()` is the same Keras code on every backend, so a parameter count cannot differ
between them. These tests run on the torch lane only: torch builds the largest reference
configurations in about a second, JAX takes 20 s for BigGAN at 128×128 alone (each new
initializer shape is a compilation) and TensorFlow several seconds.
"""

import keras
import pytest

shapes_only = pytest.mark.skipif(
    keras.backend.backend() != "torch", reason="variable shapes do not depend on the backend: counted on torch"
)
