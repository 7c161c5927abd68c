"""Train the `wgangp_mnist` preset from scratch on the embedded MNIST subset.

    python recipes/wgangp_mnist.py           # ~15 min on 2 CPU cores (TensorFlow backend)

gan_mnist.py's settings: 50 images per critic step, 5 critic steps (fit batch 250), λ = 10,
Adam(1e-4, β1=0.5, β2=0.9). The reference runs 200,000 generator iterations; this recipe runs
50 epochs of the 5,000 images (1,000 generator iterations), what a CPU affords.
Writes the preset folder
pretrained/wgangp_mnist/ (weights, config, metadata with the metrics and training record,
card, samples).
"""

import keras
from driver import run_mnist_recipe


def optimizers():
    return keras.optimizers.Adam(1e-4, beta_1=0.5, beta_2=0.9), keras.optimizers.Adam(1e-4, beta_1=0.5, beta_2=0.9)


if __name__ == "__main__":
    run_mnist_recipe("wgangp_mnist", optimizers=optimizers)
