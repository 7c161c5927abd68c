import importlib.metadata
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
# Tests compile many tiny training steps; XLA's backend optimizations cost ~3x the compile time
# there and buy nothing at this size (JAX: ~35 s -> ~11 s for a small SN-GAN step on 2 cores).
# XLA:CPU's older elemental emitters compile the tiny cases' steps faster than its fusion emitters
# (jaxlib 0.10, XLA compile of one training step: BigGAN 14.1 -> 10.7 s, CESAGAN 9.1 -> 4.0 s,
# IVGAN 8.0 -> 5.3 s); TensorFlow's XLA accepts the flag and measured no difference. An unknown
# flag aborts XLA, so it is set only on the jaxlib it was measured with (.ci/requirements.txt).
_flags = "--xla_backend_optimization_level=0"
try:
    if importlib.metadata.version("jaxlib").startswith("0.10."):
        _flags += " --xla_cpu_use_fusion_emitters=false"
except importlib.metadata.PackageNotFoundError:
    pass
os.environ.setdefault("XLA_FLAGS", _flags)
