"""XLA:CPU options for the JAX backend, set before JAX starts its CPU client.

jaxlib 0.10 hands single convolutions to YNNPACK on the CPU ("individual convolution" YNN
fusions). For the weight gradient of a 3×3 convolution, which XLA writes as a convolution whose
window is the whole feature map, YNNPACK is about 25× slower than XLA's own convolution (2-core
x86_64, batch 64, 32×32×32 → 32: 522 ms against 20 ms; the forward pass and the input gradient
are also faster without it, 25 → 20 ms and 25 → 13 ms). That one kind of op took about 80 % of a
JAX SN-GAN training step, which made JAX 3.7× slower than TensorFlow on the same CPU. Leaving
convolutions to XLA changes results only in the last float bits (the order of the sums).
"""

import os

import jax

_FLAG = "--xla_cpu_experimental_ynn_fusion_type"
_VALUE = "-individual_convolution"
# The flag is jaxlib's (experimental) and an unknown flag aborts XLA at start-up: only on the
# releases it was measured with.
_MEASURED_ON = ("0.10.",)


def prefer_xla_convolutions():
    """Add `--xla_cpu_experimental_ynn_fusion_type=-individual_convolution` to `XLA_FLAGS`.

    Takes effect only if JAX has not run a computation yet (kerasgan imported first), on the jaxlib
    releases it was measured with, and never overrides the user's own setting of that flag. A user
    who wants YNNPACK's convolutions back sets the flag themselves, e.g. to `+individual_convolution`.
    Returns whether the flag was added.
    """
    flags = os.environ.get("XLA_FLAGS", "")
    if _FLAG in flags or not jax.__version__.startswith(_MEASURED_ON):
        return False
    os.environ["XLA_FLAGS"] = f"{flags} {_FLAG}={_VALUE}".strip()
    return True
