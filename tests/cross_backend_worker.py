"""Run by test_cross_backend.py in a subprocess under a chosen KERAS_BACKEND.

`train DIR CASE...`: train each case for one epoch, save its weights and samples to DIR/CASE.
`check DIR CASE...`: build each case, load DIR/CASE's weights, write this backend's samples there.

One process serves every case (a backend's import and start-up cost is paid once); a case that fails
writes its traceback to DIR/CASE/error_<backend>.txt and the others go on.
"""

import os
import sys
import traceback

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))

from gan_cases import CASES  # noqa: E402
from gan_cases import fit_batch_size  # noqa: E402

SEED, N = 123, 6


def run_case(mode, case, out):
    import keras

    keras.utils.set_random_seed(0)
    gan, data = CASES[case]()
    if mode == "train":
        gan.fit(*data, batch_size=fit_batch_size(gan), epochs=1, verbose=0)
        gan.save_weights(os.path.join(out, "gan.weights.h5"))
    else:
        gan.load_weights(os.path.join(out, "gan.weights.h5"))
    np.save(os.path.join(out, f"samples_{keras.backend.backend()}.npy"), gan.generate(N, seed=SEED))


def main(mode, root, *cases):
    import keras

    for case in cases:
        out = os.path.join(root, case)
        os.makedirs(out, exist_ok=True)
        try:
            run_case(mode, case, out)
        except Exception:
            with open(os.path.join(out, f"error_{keras.backend.backend()}.txt"), "w") as f:
                f.write(traceback.format_exc())


if __name__ == "__main__":
    main(*sys.argv[1:])
