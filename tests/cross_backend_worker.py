"""Run by test_cross_backend.py in a subprocess under a chosen KERAS_BACKEND.

`train CASE DIR`: train the case for one epoch, save its weights and samples to DIR.
`check CASE DIR`: build the case, load DIR's weights, write this backend's samples.
"""

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))

from gan_cases import CASES  # noqa: E402
from gan_cases import fit_batch_size  # noqa: E402

SEED, N = 123, 6


def main(mode, case, out):
    gan, data = CASES[case]()
    if mode == "train":
        gan.fit(*data, batch_size=fit_batch_size(gan), epochs=1, verbose=0)
        gan.save_weights(os.path.join(out, "gan.weights.h5"))
    else:
        gan.load_weights(os.path.join(out, "gan.weights.h5"))
    import keras

    np.save(os.path.join(out, f"samples_{keras.backend.backend()}.npy"), gan.generate(N, seed=SEED))


if __name__ == "__main__":
    main(*sys.argv[1:])
