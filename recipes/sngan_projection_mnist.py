"""Train the `sngan_projection_mnist` preset from scratch on the embedded MNIST subset (padded to 32×32).

    python recipes/sngan_projection_mnist.py   # ~12 min on 2 CPU cores (TensorFlow backend)

Setting C of the SN-GAN paper's Table 1 — Adam(2e-4, β1=0.5, β2=0.999), one D step per G step —
with the hinge loss, batch 64, 25 epochs (1,975 G steps). sn_cifar10.yml's n_dis = 5 with
Adam(2e-4, 0, 0.9) fits only ~600 G steps into the same CPU time, which was too few for the
projection discriminator to learn the classes (13 % classifier accuracy on conditional samples).
Writes the preset folder
kerasgan/pretrained/sngan_projection_mnist/ (weights, config, metadata with the metrics and training record,
card, samples).
"""

import keras
from driver import run_mnist_recipe


def optimizers():
    return keras.optimizers.Adam(2e-4, beta_1=0.5, beta_2=0.999), keras.optimizers.Adam(2e-4, beta_1=0.5, beta_2=0.999)


if __name__ == "__main__":
    run_mnist_recipe(
        "sngan_projection_mnist", critic_batch_size=64, epochs=25, pad_to=32, optimizers=optimizers, track_every=5
    )
