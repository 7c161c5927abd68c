"""Train the `dcgan_cifar10` preset from scratch on CIFAR-10 (tensorflow-datasets `cifar10`).

    python recipes/dcgan_cifar10.py          # needs internet once (tfds download); a GPU helps

The DCGAN paper's optimisation (Newmu/dcgan_code): batch 128, Adam(2e-4, β1=0.5) for both
networks (the model's defaults), 25 epochs of the 50,000 images (9,750 iterations). Metrics:
FID/KID/IS of 10,000 samples against the training set with pytorch-fid's Inception. Writes the preset folder
pretrained/dcgan_cifar10/ (weights, config, metadata with the metrics and training record,
card, samples).
"""

from driver import run_tfds_recipe

if __name__ == "__main__":
    run_tfds_recipe("dcgan_cifar10", "cifar10")
