"""Train the `progan_mnist` preset from scratch on the embedded MNIST subset (padded to 32×32).

    python recipes/progan_mnist.py           # ~50 min on 2 CPU cores alone (TensorFlow backend)

Grows 4×4 → 8 → 16 → 32 with 30,000 images per stable phase and per fade-in (180,000 images
to full size), then trains at 32×32 until 450,000 images (90 epochs of the 5,000 images, batch
64). FID and class coverage of the EMA and raw generators are recorded every 10 epochs (the card's
curve). The reference's optimisation: WGAN-GP (λ 10) + drift 0.001, Adam(1e-3, β1=0, β2=0.99,
ε 1e-8) reset at every growth step, EMA generator 0.999 (the model's defaults). Writes the preset folder
pretrained/progan_mnist/ (weights, config, metadata with the metrics and training record,
card, samples).
"""

from driver import run_mnist_recipe

if __name__ == "__main__":
    run_mnist_recipe("progan_mnist", pad_to=32, track_every=10)
