"""Run by test_cross_backend.py in a subprocess under a chosen KERAS_BACKEND.

`DIR CASE...`: build each case, load DIR/CASE/gan.weights.h5 (saved by the test under its own
backend), and write this backend's samples there.

One process serves every case (a backend's import and start-up cost is paid once); a case that fails
writes its traceback to DIR/CASE/error_<backend>.txt and the others go on.
"""

import os
import sys
import traceback

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))

from gan_cases import CASES  # noqa: E402

SEED, N = 123, 6


def write_samples(gan, out):
    import keras

    np.save(os.path.join(out, f"samples_{keras.backend.backend()}.npy"), gan.generate(N, seed=SEED))


def check_case(case, out):
    import keras

    keras.utils.set_random_seed(0)
    gan, _ = CASES[case]()
    gan.load_weights(os.path.join(out, "gan.weights.h5"))
    write_samples(gan, out)


def main(root, *cases):
    import keras

    for case in cases:
        out = os.path.join(root, case)
        try:
            check_case(case, out)
        except Exception:
            with open(os.path.join(out, f"error_{keras.backend.backend()}.txt"), "w") as f:
                f.write(traceback.format_exc())


if __name__ == "__main__":
    main(*sys.argv[1:])
