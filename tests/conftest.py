import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
# Tests compile many tiny training steps; XLA's backend optimizations cost ~3x the compile time
# there and buy nothing at this size (JAX: ~35 s -> ~11 s for a small SN-GAN step on 2 cores).
os.environ.setdefault("XLA_FLAGS", "--xla_backend_optimization_level=0")

# Grappler optimizes each traced training step once; for steps run twice that costs more than it
# saves (test_gan_training + test_ivgan: 255 s -> 226 s). Subprocesses (CLI, workers) keep it.
if os.environ.get("KERAS_BACKEND") == "tensorflow" and os.environ.get("TEST_GRAPPLER", "0") != "1":
    import tensorflow as tf

    tf.config.optimizer.set_experimental_options({"disable_meta_optimizer": True})
