"""Train the `wgangp_cifar10` preset from scratch on CIFAR-10 (tensorflow-datasets `cifar10`).

    python recipes/wgangp_cifar10.py         # needs internet once (tfds download) and a GPU

igul222/improved_wgan_training `gan_cifar_resnet.py` (unconditional): 100,000 generator
iterations, 64 images per critic step × 5 critic steps (fit batch 320), λ = 10,
Adam(2e-4, β1=0, β2=0.9) with linear decay to 0. Metrics: FID/KID/IS of 10,000 samples against
the training set with pytorch-fid's Inception. Writes the preset folder
pretrained/wgangp_cifar10/ (weights, config, metadata with the metrics and training record,
card, samples).
"""

from driver import linear_decay_adam
from driver import run_tfds_recipe


def optimizers(iterations, n_critic):
    return (linear_decay_adam(2e-4, 0.0, 0.9, iterations), linear_decay_adam(2e-4, 0.0, 0.9, iterations * n_critic))


if __name__ == "__main__":
    run_tfds_recipe("wgangp_cifar10", "cifar10", optimizers=optimizers)
