"""DiffAugment on a small data set: the same DCGAN trained on a few hundred MNIST digits with and
without DiffAugment (Zhao et al. 2020), FID of each against the MNIST test set.

    KERAS_BACKEND=tensorflow PYTHONPATH=. .venv/bin/python benchmarks/diffaugment_small_data.py

Both runs use the `dcgan_mnist` architecture (DCGAN 28×28, 64 base filters, latent 100, Adam
2e-4/0.5), the first `--images` digits of the embedded 5k MNIST subset, `--steps` iterations of
64 images and the same seed; they differ only in `augment=`. FID uses the project's MNIST
classifier features (`kerasgan.metrics.MNISTClassifier`) on `--num-samples` samples against the
official test set less its overlaps with the training subset. Prints one line per run and a
JSON summary at the end.
"""

import argparse
import json
import time

import keras

from kerasgan.data import load_mnist_subset
from kerasgan.data import load_mnist_test
from kerasgan.metrics import GANEvaluator
from kerasgan.metrics import MNISTClassifier
from kerasgan.models import DCGAN


def train_and_measure(x, augment, steps, seed, evaluator):
    gan = DCGAN(image_shape=(28, 28, 1), latent_dim=100, base_filters=64, seed=seed, augment=augment)
    gan.compile()
    batch = 64
    per_epoch = -(-len(x) // batch)
    epochs = -(-steps // per_epoch)
    start = time.time()
    history = gan.fit(x, batch_size=batch, epochs=epochs, verbose=0, shuffle=True)
    seconds = time.time() - start
    metrics = evaluator.evaluate(gan)
    return {
        "augment": augment or "none",
        "steps": epochs * per_epoch,
        "seconds": round(seconds, 1),
        "fid": round(float(metrics["fid"]), 3),
        "kid": round(float(metrics["kid"]), 5),
        "final_d_loss": round(float(history.history["d_loss"][-1]), 4),
        "final_g_loss": round(float(history.history["g_loss"][-1]), 4),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--images", type=int, default=500, help="training digits (first N of the 5k subset)")
    parser.add_argument("--steps", type=int, default=3000, help="GAN iterations of 64 images")
    parser.add_argument("--policy", default="color,translation,cutout", help="DiffAugment policy")
    parser.add_argument("--seeds", default="0", help="comma-separated seeds; each trains both models")
    parser.add_argument("--num-samples", type=int, default=5000, help="samples per FID")
    args = parser.parse_args(argv)
    keras.utils.set_random_seed(0)
    x = load_mnist_subset()[0][: args.images]
    reference = load_mnist_test(drop_training_overlap=True)[0]
    evaluator = GANEvaluator(
        MNISTClassifier.pretrained(), reference_images=reference, metrics=("fid", "kid"), num_samples=args.num_samples
    )
    runs = []
    for seed in (int(s) for s in args.seeds.split(",")):
        for augment in (None, args.policy):
            run = {"seed": seed, "images": len(x), "backend": keras.backend.backend(),
                   **train_and_measure(x, augment, args.steps, seed, evaluator)}
            print(json.dumps(run), flush=True)
            runs.append(run)
    print(json.dumps({"runs": runs}, indent=2))


if __name__ == "__main__":
    main()
