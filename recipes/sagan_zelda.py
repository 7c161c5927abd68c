"""Train `sagan_zelda`, the baseline of `cesagan_zelda`: the same schedule without bootstrapping.

    python recipes/sagan_zelda.py           # ~12 min on 2 CPU cores (TensorFlow backend)

Writes the preset folder
pretrained/sagan_zelda/ (weights, config, metadata with the metrics and training record,
card, samples).
"""

from driver import run_zelda_recipe

if __name__ == "__main__":
    run_zelda_recipe("sagan_zelda", bootstrap=False)
