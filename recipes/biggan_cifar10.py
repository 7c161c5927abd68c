"""Train the `biggan_cifar10` preset from scratch on CIFAR-10 (tensorflow-datasets `cifar10`).

    python recipes/biggan_cifar10.py         # needs internet once (tfds download) and a GPU

ajbrock/BigGAN-PyTorch launch_cifar_ema.sh: G_ch = D_ch = 64, no attention, 500 epochs of
batch 50 with 4 D steps per G step (fit batch 200: 125,000 G steps), Adam(2e-4, β=(0, 0.999))
for both networks, N(0, 0.02) init, hinge loss, EMA 0.9999 from step 1,000 (the model's
defaults); orthogonal regularisation at the paper's 1e-4 (the script sets 0). Metrics:
FID/KID/IS of 10,000 EMA samples against the training set with pytorch-fid's Inception. Writes the preset folder
pretrained/biggan_cifar10/ (weights, config, metadata with the metrics and training record,
card, samples).
"""

from driver import run_tfds_recipe

if __name__ == "__main__":
    run_tfds_recipe("biggan_cifar10", "cifar10")
