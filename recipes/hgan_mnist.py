"""Train the `hgan_mnist` preset from scratch on the embedded MNIST subset.

    python recipes/hgan_mnist.py            # ~30 min on 2 CPU cores (TensorFlow backend)

Pretrains the PixelCNN teacher by maximum likelihood (5 epochs), then trains student,
discriminators and teacher jointly for dcgan_mnist's 30 epochs of batch 64. Writes
pretrained/hgan_mnist.weights.h5, zoo/images/hgan_mnist.png and recipes/results/hgan_mnist.json
(student FID/KID/precision/recall, teacher bits/dim on held-out test digits).
"""

from kerasgan.zoo.recipe import run_hgan_recipe

if __name__ == "__main__":
    run_hgan_recipe("hgan_mnist", batch_size=64, epochs=30, pretrain_epochs=5)
