import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
# Tests compile many tiny training steps; XLA's backend optimizations cost ~3x the compile time
# there and buy nothing at this size (JAX: ~35 s -> ~11 s for a small SN-GAN step on 2 cores).
os.environ.setdefault("XLA_FLAGS", "--xla_backend_optimization_level=0")
