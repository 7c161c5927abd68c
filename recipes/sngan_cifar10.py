"""Train the `sngan_cifar10` preset from scratch on CIFAR-10 (tensorflow-datasets `cifar10`).

    python recipes/sngan_cifar10.py          # needs internet once (tfds download) and a GPU

pfnet-research/sngan_projection `configs/sn_cifar10.yml`: 50,000 generator iterations, 64
images per D step × n_dis 5 (fit batch 320), G batch 128, hinge loss, Adam(2e-4, β1=0, β2=0.9)
for both networks with linear decay to 0. Metrics: FID/KID/IS of 10,000 samples against the
training set with pytorch-fid's Inception. Writes the preset folder
pretrained/sngan_cifar10/ (weights, config, metadata with the metrics and training record,
card, samples).
"""

from driver import linear_decay_adam
from driver import run_tfds_recipe


def optimizers(iterations, n_critic):
    return (linear_decay_adam(2e-4, 0.0, 0.9, iterations), linear_decay_adam(2e-4, 0.0, 0.9, iterations * n_critic))


if __name__ == "__main__":
    run_tfds_recipe("sngan_cifar10", "cifar10", optimizers=optimizers)
