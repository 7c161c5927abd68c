"""Train the `biggan_mnist` preset from scratch on the embedded MNIST subset (labels, 32×32).

    python recipes/biggan_mnist.py           # ~15 min on 2 CPU cores (TensorFlow backend)

launch_cifar_ema.sh's optimisation at a CPU-sized width (ch = 8): 4 D steps of 50 images per G
step (fit batch 200), Adam(2e-4, β=(0, 0.999)) for both networks, hinge loss, N(0, 0.02) init,
orthogonal regularisation 1e-4, 40 epochs (1,000 G steps), EMA generator 0.99 from step 250 (the
reference's 0.9999 spans a run ten times longer: 0.999 left the EMA half the step-250 generator).
Metrics: MNIST-classifier FID/KID and the classifier's accuracy on class-conditional samples, also
recorded every 5 epochs during training (the card's accuracy-by-steps curve).
Writes the preset folder
pretrained/biggan_mnist/ (weights, config, metadata with the metrics and training record,
card, samples).
"""

from driver import run_mnist_recipe

if __name__ == "__main__":
    run_mnist_recipe("biggan_mnist", pad_to=32, track_every=5)
