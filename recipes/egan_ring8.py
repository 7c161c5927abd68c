"""Train the `egan_ring8` preset from scratch on 100,000 points of the 2-D ring8 mixture.

    python recipes/egan_ring8.py            # ~35 min on 2 CPU cores (TensorFlow backend)

The recipe of gan_ring8 (PacGAN's batch 100, Adam(1e-4, β1=0.8), 20 epochs) with E-GAN's evolution
of the generator: three mutations per update, the fittest kept. Writes the preset folder
pretrained/egan_ring8/ with gan_ring8's metrics beside its own when that folder exists.
"""

from driver import run_mixture_recipe

from kerasgan.data import ring_of_gaussians

if __name__ == "__main__":
    run_mixture_recipe("egan_ring8", ring_of_gaussians())
