"""`seed=` fixes the initial weights of the networks a model builds, on every backend."""

import random

import numpy as np

from kerasgan.models import DCGAN
from kerasgan.models import SNGAN


def _weights(gan):
    return [np.asarray(w) for w in gan.get_weights()]


def test_same_seed_same_initial_weights_and_python_random_untouched():
    random.seed(123)
    expected_next = random.random()
    random.seed(123)
    for build in (
        lambda seed: DCGAN(image_shape=(16, 16, 1), latent_dim=4, base_filters=4, seed=seed),
        lambda seed: SNGAN(image_shape=(8, 8, 1), latent_dim=4, g_filters=4, d_filters=4, num_classes=2, seed=seed),
    ):
        first, again, other = _weights(build(0)), _weights(build(0)), _weights(build(1))
        for a, b in zip(first, again, strict=True):
            np.testing.assert_array_equal(a, b)
        assert any(not np.array_equal(a, b) for a, b in zip(first, other, strict=True))
    assert random.random() == expected_next
