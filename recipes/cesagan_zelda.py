"""Train the `cesagan_zelda` preset from the five embedded GVGAI Zelda levels, with bootstrapping.

    python recipes/cesagan_zelda.py         # ~12 min on 2 CPU cores (TensorFlow backend)

10 rounds of 500 steps (batch 32); after each round the playable, unique, new levels among 1,000
generated ones join the training set. `--epochs` sets the number of rounds. Writes the preset folder
pretrained/cesagan_zelda/ (weights, config, metadata with the metrics and training record,
card, samples).
"""

from driver import run_zelda_recipe

if __name__ == "__main__":
    run_zelda_recipe("cesagan_zelda", bootstrap=True)
