"""Train the `sngan_mnist` preset from scratch on the embedded MNIST subset (padded to 32×32).

    python recipes/sngan_mnist.py           # ~15 min on 2 CPU cores (TensorFlow backend)

sn_cifar10.yml's settings: 64 images per D step, n_dis 5 (fit batch 320), hinge loss,
Adam(2e-4, β1=0, β2=0.9) for both networks (the model's defaults); no learning-rate decay over
this short run. Writes the preset folder
pretrained/sngan_mnist/ (weights, config, metadata with the metrics and training record,
card, samples).
"""

from driver import run_mnist_recipe

if __name__ == "__main__":
    run_mnist_recipe("sngan_mnist", pad_to=32)
