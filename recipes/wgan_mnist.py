"""Train the `wgan_mnist` preset from scratch on the embedded MNIST subset.

    python recipes/wgan_mnist.py             # ~20 min on 2 CPU cores (TensorFlow backend)

The WGAN authors' recipe (martinarjovsky/WassersteinGAN main.py): weight clipping at ±0.01,
5 critic updates per generator update (100 for the first 25 and every 500th), 64 images per
critic update, RMSprop(5e-5) for both networks. The reference trains far longer (its DCGAN
runs go to 100,000+ generator iterations on LSUN); this recipe runs the preset's `fit` epochs
(2,000 batches of 5 critic updates: 1,487 generator updates once the warm-ups are paid),
what a CPU affords. Writes the preset folder
pretrained/wgan_mnist/ (weights, config, metadata with the metrics and training record,
card, samples).
"""

import keras
from driver import run_mnist_recipe


def optimizers():
    # torch.optim.RMSprop's defaults (alpha 0.99, eps 1e-8), which the reference keeps.
    return tuple(keras.optimizers.RMSprop(5e-5, rho=0.99, epsilon=1e-8) for _ in range(2))


if __name__ == "__main__":
    run_mnist_recipe("wgan_mnist", optimizers=optimizers)
