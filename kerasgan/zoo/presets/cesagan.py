"""CESAGAN presets and their no-bootstrapping baseline."""

from kerasgan.models.cesagan.cesagan import CESAGAN
from kerasgan.zoo.preset import Preset

PAPER = (
    "Torrado, Khalifa, Green, Justesen, Risi & Togelius, Bootstrapping Conditional GANs for Video Game Level "
    "Generation, IEEE CoG 2020 (arXiv:1910.01603)"
)
REFERENCE = (
    "none public; SAGAN (Zhang et al., ICML 2019) for the loss, normalisation and optimizers, the paper for "
    "the conditional embedding and bootstrapping (see the CESAGAN docstring for what is ours)"
)
DATA = "the five human-designed GVGAI Zelda levels (9×13, embedded: kerasgan.levels.load_zelda_levels)"
LICENCE = "GVGAI framework levels, Apache License 2.0"
FIT = dict(
    rounds=10,
    steps_per_round=500,
    batch_size=32,
    samples_per_round=1000,
    optimizer="Adam(1e-4 G, 4e-4 D, β=(0, 0.9)), hinge loss",
)
PROTOCOL = (
    "kerasgan.levels.level_statistics on 15,000 levels (`generate_levels(15000, seed=0)`, conditioned on property "
    "vectors drawn from the model's final training set), the paper's sample size: playable = walls on the border, "
    "exactly one avatar, key and door, the key reachable from the avatar and the door from the key (BFS, walls "
    "block); duplicate = repeats an earlier generated level; training duplicate = identical to one of the 5 "
    "original levels; unique playable = distinct playable levels that are not original levels."
)

PRESETS = (
    Preset(
        name="cesagan_zelda",
        model_class=CESAGAN,
        dataset=DATA,
        data_licence=LICENCE,
        description=(
            "CESAGAN for GVGAI Zelda: conditional SAGAN on one-hot 16×16×8 tile maps (the 9×13 level padded with "
            "walls) conditioned on log(1 + count) of each tile type, with bootstrapping: after each of 10 rounds of "
            "500 steps, "
            "the playable, unique generated levels (of 1,000) that are not yet in the training set join it."
        ),
        paper=PAPER,
        reference=REFERENCE,
        recipe="recipes/cesagan_zelda.py",
        fit=FIT,
        metrics_protocol=PROTOCOL,
        baselines=("sagan_zelda",),
    ),
    Preset(
        name="sagan_zelda",
        model_class=CESAGAN,
        dataset=DATA,
        data_licence=LICENCE,
        description=(
            "The baseline of cesagan_zelda, the paper's plain conditional SAGAN: the same networks, conditioning, "
            "optimizers and 10 × 500 steps, trained on the 5 original levels only (no bootstrapping)."
        ),
        paper=PAPER,
        reference=REFERENCE,
        recipe="recipes/sagan_zelda.py",
        fit=FIT,
        metrics_protocol=PROTOCOL,
    ),
)
