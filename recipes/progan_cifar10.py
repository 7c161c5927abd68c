"""Train the `progan_cifar10` preset from scratch on CIFAR-10 (tensorflow-datasets `cifar10`).

    python recipes/progan_cifar10.py         # needs internet once (tfds download) and a GPU

The authors' CIFAR-10 run (Theano-era config.py): 400k images per stable phase and per
fade-in from 4×4 to 32×32, 20M images in total (312,500 steps of 64), WGAN-GP λ 10 + drift
0.001, Adam(1e-3, β1=0, β2=0.99, ε 1e-8) reset at every growth step, EMA generator 0.999.
Metrics: FID/KID/IS of 10,000 samples against the training set with pytorch-fid's Inception.
Writes the preset folder
pretrained/progan_cifar10/ (weights, config, metadata with the metrics and training record,
card, samples).
"""

from driver import run_tfds_recipe

if __name__ == "__main__":
    run_tfds_recipe("progan_cifar10", "cifar10")
