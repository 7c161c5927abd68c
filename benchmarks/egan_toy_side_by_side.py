"""E-GAN on the 8-Gaussian ring: kerasgan in the authors' toy configuration, against the authors' own
Theano/Lasagne script (WANG-Chaoyue/EvolutionaryGAN `toys/train_toy_8G.py`).

`--code kerasgan` trains `kerasgan.models.EGAN` with the toy script's settings: its networks
(`models/models_uncond.py` `build_generator_toy` / `build_discriminator_toy`: three 512-unit ReLU
layers, weights N(0, 0.02), biases 0; the discriminator batch-normalises its second layer, its
sigmoid is the loss's), z ~ U(-1, 1)², batch 64, Adam(1e-4, β1 0.5) for G and Adam(1e-4, β1 0) for D,
the three mutations, 256 fitness samples and the fitness `F_q − log Σ‖∇_D L_D‖²` (`beta` = 1), which
is kerasgan's `F_q + γ·(−log‖∇‖)` with γ = 2; the data are the script's ring (radius 2/1.414,
σ 0.02/1.414), drawn once (`--iterations` × 64 points). It prints, per seed, the modes covered and
the high-quality share of 2,500 samples (`kerasgan.metrics.mixture_mode_metrics`: within 3σ).

Differences kept (kerasgan's design): kerasgan trains D before the evolution on its own fakes of
the surviving parent, the script after it on the survivor's evaluation samples; kerasgan's children
all start from the parent, the script's start from the previous child (`gen_old_params =
gen_new_params` aliases the two lists), and the script's F_d gradient pairs 64 real points with 256
fakes. The reference's side is run with the script itself (Python 2.7, Theano 1.0.5, Lasagne
0.2.dev1) after the edits in `benchmarks/reference_patches/evolutionarygan_toy.diff`: one required
(an `if` without a body at line 308 that does not compile), the rest expose the number of updates
and the seed and dump 2,500 samples; `benchmarks/README.md` gives the commands.

    PYTHONPATH=. python benchmarks/egan_toy_side_by_side.py --code kerasgan --seeds 1 2 3 --iterations 2000
"""

import argparse
import json
import time

import numpy as np

RADIUS, STD, DIM, BATCH = 2.0 / 1.414, 0.02 / 1.414, 512, 64


def toy_networks():
    import keras

    from kerasgan.models.network import Network

    init = keras.initializers.RandomNormal(0.0, 0.02)
    z = keras.Input((2,))
    h = z
    for _ in range(3):
        h = keras.layers.Dense(DIM, "relu", kernel_initializer=init)(h)
    generator = Network(z, keras.layers.Dense(2, kernel_initializer=init)(h), {}, name="toy_generator")
    x = keras.Input((2,))
    h = keras.layers.Dense(DIM, "relu", kernel_initializer=init)(x)
    h = keras.layers.Dense(DIM, use_bias=False, kernel_initializer=init)(h)  # Lasagne's batch_norm drops the bias
    h = keras.layers.ReLU()(keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-4)(h))
    h = keras.layers.Dense(DIM, "relu", kernel_initializer=init)(h)
    discriminator = Network(x, keras.layers.Dense(1, kernel_initializer=init)(h), {}, name="toy_discriminator")
    generator.latent_dim, generator.num_classes, generator.image_shape = 2, 0, (2,)
    discriminator.num_classes, discriminator.image_shape = 0, (2,)
    return generator, discriminator


def train_kerasgan(seed, iterations):
    import keras

    from kerasgan.data import ring_of_gaussians
    from kerasgan.data import sample_mixture
    from kerasgan.metrics import mixture_mode_metrics
    from kerasgan.models import EGAN
    from kerasgan.utils.seeding import seeded_construction

    spec = ring_of_gaussians(radius=RADIUS, std=STD)
    with seeded_construction(seed):
        generator, discriminator = toy_networks()
    gan = EGAN(generator, discriminator, fitness_weight=2.0, eval_size=256, latent_distribution="uniform", seed=seed)
    gan.data_range = None
    gan.compile(g_optimizer=keras.optimizers.Adam(1e-4, beta_1=0.5),
                d_optimizer=keras.optimizers.Adam(1e-4, beta_1=0.0))
    x = sample_mixture(spec, iterations * BATCH, seed=seed)
    start = time.time()
    gan.fit(x, batch_size=BATCH, epochs=1, shuffle=True, verbose=0)
    seconds = time.time() - start
    metrics = mixture_mode_metrics(gan.generate(2500, seed=seed), spec)
    return {"code": "kerasgan", "backend": keras.backend.backend(), "seed": seed, "iterations": iterations,
            "modes_covered": int(metrics["modes_covered"]),
            "high_quality_percent": round(metrics["high_quality_percent"], 2), "seconds": round(seconds, 1)}


def score_samples(path, seed, iterations):
    """The reference's dumped samples (`EGAN_OUT`), scored by the same judge."""
    from kerasgan.data import ring_of_gaussians
    from kerasgan.metrics import mixture_mode_metrics

    metrics = mixture_mode_metrics(np.load(path), ring_of_gaussians(radius=RADIUS, std=STD))
    return {"code": "reference", "seed": seed, "iterations": iterations, "modes_covered": int(metrics["modes_covered"]),
            "high_quality_percent": round(metrics["high_quality_percent"], 2)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--code", choices=("kerasgan", "reference"), default="kerasgan")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--iterations", type=int, default=2000, help="generator updates (the script's generations)")
    parser.add_argument("--samples", nargs="+", help="--code reference: the .npy sample dumps, one per seed")
    parser.add_argument("--out", help="also append the JSON lines to this file")
    args = parser.parse_args(argv)
    if args.code == "reference" and (not args.samples or len(args.samples) != len(args.seeds)):
        parser.error("--code reference scores the reference's sample dumps: give --samples, one file per seed.")
    rows = []
    for index, seed in enumerate(args.seeds):
        row = (train_kerasgan(seed, args.iterations) if args.code == "kerasgan"
               else score_samples(args.samples[index], seed, args.iterations))
        rows.append(row)
        print(json.dumps(row), flush=True)
        if args.out:
            with open(args.out, "a") as f:
                f.write(json.dumps(row) + "\n")
    modes = [r["modes_covered"] for r in rows]
    quality = [r["high_quality_percent"] for r in rows]
    print(f"{args.code}: modes {np.mean(modes):.2f} of 8 [{min(modes)}, {max(modes)}], high quality "
          f"{np.mean(quality):.1f} % [{min(quality):.1f}, {max(quality):.1f}] over seeds {args.seeds}")


if __name__ == "__main__":
    main()
