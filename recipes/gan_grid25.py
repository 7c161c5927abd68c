"""Train the `gan_grid25` preset from scratch on 100,000 points of the 2-D grid25 mixture.

    python recipes/gan_grid25.py            # ~5 min on 2 CPU cores (TensorFlow backend)

PacGAN's 2-D settings (batch 100, Adam(1e-4, β1=0.8), the model's defaults); PacGAN trains 400
epochs, this recipe 20. Writes the preset folder
pretrained/gan_grid25/ (weights, config, metadata with the metrics and training record,
card, samples).
"""

from driver import run_mixture_recipe

from kerasgan.data import grid_of_gaussians

if __name__ == "__main__":
    run_mixture_recipe("gan_grid25", grid_of_gaussians())
