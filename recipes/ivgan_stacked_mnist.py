"""Train the `ivgan_stacked_mnist` preset from scratch on Stacked-MNIST built from the embedded MNIST subset.

    python recipes/ivgan_stacked_mnist.py     # ~80 min on 2 CPU cores (TensorFlow backend)

6,000 iterations of 64 images (60 epochs of 100 steps), the reference LSGAN variant's losses, coefficients
and optimizers; `recipes/dcgan_stacked_mnist.py` trains its baseline the same way. Writes the preset folder
pretrained/ivgan_stacked_mnist/ (weights, config, metadata with the metrics and training record,
card, samples).
"""

from driver import run_stacked_mnist_recipe

if __name__ == "__main__":
    run_stacked_mnist_recipe("ivgan_stacked_mnist")
