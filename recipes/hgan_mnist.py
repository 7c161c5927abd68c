"""Train the `hgan_mnist` preset from scratch on the embedded MNIST subset.

    python recipes/hgan_mnist.py            # ~30 min on 2 CPU cores (TensorFlow backend)

Pretrains the PixelCNN teacher by maximum likelihood (5 epochs), then trains student,
discriminators and teacher jointly for dcgan_mnist's 30 epochs of batch 64. Writes the preset folder
pretrained/hgan_mnist/ (weights, config, metadata with the metrics and training record,
card, samples).
"""

from driver import run_hgan_recipe

if __name__ == "__main__":
    run_hgan_recipe("hgan_mnist")
