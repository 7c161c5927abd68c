"""Train the `dcgan_mnist` preset from scratch on the embedded MNIST subset.

    python recipes/dcgan_mnist.py            # ~5 min on 2 CPU cores (TensorFlow backend)

Writes pretrained/dcgan_mnist.weights.h5, zoo/images/dcgan_mnist.png and
recipes/results/dcgan_mnist.json (sha256, MNIST-classifier FID/KID, training time).
"""

from kerasgan.zoo.recipe import run_mnist_recipe

if __name__ == "__main__":
    run_mnist_recipe("dcgan_mnist", batch_size=64, epochs=30)
