"""Train `dcgan_stacked_mnist`, the baseline of `ivgan_stacked_mnist`, by the same recipe.

    python recipes/dcgan_stacked_mnist.py     # ~8 min on 2 CPU cores (TensorFlow backend)

The IVGAN recipe without the intervention: same networks (no intervention head), data, least squares (−1/1/0),
Adam(1e-4, β=(0.5, 0.999)), instance noise, batch 64 and 6,000 iterations. Writes the preset folder
pretrained/dcgan_stacked_mnist/ (weights, config, metadata with the metrics and training record,
card, samples).
"""

import keras
from driver import run_stacked_mnist_recipe


def optimizers():
    return keras.optimizers.Adam(1e-4, beta_1=0.5, beta_2=0.999), keras.optimizers.Adam(1e-4, beta_1=0.5, beta_2=0.999)


if __name__ == "__main__":
    run_stacked_mnist_recipe("dcgan_stacked_mnist", optimizers=optimizers)
