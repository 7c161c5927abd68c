"""Train the `dcgan_mnist` preset from scratch on the embedded MNIST subset.

    python recipes/dcgan_mnist.py            # ~5 min on 2 CPU cores (TensorFlow backend)

Writes the preset folder
pretrained/dcgan_mnist/ (weights, config, metadata with the metrics and training record,
card, samples).
"""

from driver import run_mnist_recipe

if __name__ == "__main__":
    run_mnist_recipe("dcgan_mnist")
