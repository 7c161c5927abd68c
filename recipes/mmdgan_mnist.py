"""Train the `mmdgan_mnist` preset from scratch on the embedded MNIST subset.

    python recipes/mmdgan_mnist.py            # ~40 min on 2 CPU cores (TensorFlow backend)

MMD-GAN's MNIST settings (mbinkowski/MMD-GAN mnist.sh) with the model's own optimizers, batch 64
per critic step, 63 epochs of the 5,000 images: about the 1,000 generator updates of
wgangp_mnist, whose metrics its card shows beside its own. Writes pretrained/mmdgan_mnist/.
"""

from driver import run_mnist_recipe

if __name__ == "__main__":
    run_mnist_recipe("mmdgan_mnist")
