"""CESAGAN presets and their no-bootstrapping baseline (registered when kerasgan is imported)."""

from kerasgan.models.cesagan.cesagan import CESAGAN
from kerasgan.zoo import common
from kerasgan.zoo.preset import Preset
from kerasgan.zoo.registry import register

PAPER = ("Torrado, Khalifa, Green, Justesen, Risi & Togelius, Bootstrapping Conditional GANs for Video Game Level "
         "Generation, IEEE CoG 2020 (arXiv:1910.01603)")
REFERENCE = ("none public; SAGAN (Zhang et al., ICML 2019) for the loss, normalisation and optimizers, the paper for "
             "the conditional embedding and bootstrapping (see the CESAGAN docstring for what is ours)")
DATA = "the five human-designed GVGAI Zelda levels (9×13, embedded: kerasgan.levels.load_zelda_levels)"
LICENCE = "GVGAI framework levels, Apache License 2.0"
FIT = dict(rounds=10, steps_per_round=500, batch_size=32, samples_per_round=1000,
           optimizer="Adam(1e-4 G, 4e-4 D, β=(0, 0.9)), hinge loss")
PROTOCOL = (
    "kerasgan.levels.level_statistics on 15,000 levels (`generate_levels(15000, seed=0)`, conditioned on property "
    "vectors drawn from the model's final training set), the paper's sample size: playable = walls on the border, "
    "exactly one avatar, key and door, the key reachable from the avatar and the door from the key (BFS, walls "
    "block); duplicate = repeats an earlier generated level; training duplicate = identical to one of the 5 "
    "original levels; unique playable = distinct playable levels that are not original levels."
)

register(Preset(
    name="cesagan_zelda",
    model_class=CESAGAN,
    config=dict(latent_dim=32, filters=64, embedding_dim=32, seed=0),
    dataset=DATA,
    data_licence=LICENCE,
    description=(
        "CESAGAN for GVGAI Zelda: conditional SAGAN on one-hot 16×16×8 tile maps (the 9×13 level padded with walls) "
        "conditioned on log(1 + count) of each tile type, with bootstrapping: after each of 10 rounds of 500 steps, "
        "the playable, unique generated levels (of 1,000) that are not yet in the training set join it."
    ),
    paper=PAPER,
    reference=REFERENCE,
    recipe="recipes/cesagan_zelda.py",
    fit=FIT,
    status_note=common.TRAINED_HERE,
    weights_file="cesagan_zelda.weights.h5",
    sha256="091e059a05ac8569fd03d0f78aab91ac150792ae0d244bc4f6a3deee511ce482",
    metrics={'num_levels': 15000, 'playable_percent': 91.87, 'duplicate_percent': 75.87, 'training_duplicate_percent': 0.02, 'unique_playable': 2952, 'unique_playable_percent': 19.68, 'final_training_levels': 1969},
    training={'rounds': 10, 'steps_per_round': 500, 'fit_batch_size': 32, 'generator_steps': 5000, 'samples_per_round': 1000, 'bootstrapping': True, 'seconds': 1361.2, 'training_levels_per_round': [15, 87, 166, 330, 535, 764, 1047, 1348, 1640, 1969], 'added_per_round': [10, 72, 79, 164, 205, 229, 283, 301, 292, 329], 'playable_percent_per_round': [92.6, 92.6, 93.9, 97.1, 96.0, 94.6, 96.9, 97.9, 86.5, 92.0], 'backend': 'tensorflow', 'machine': 'x86_64, 2 CPU cores'},
    metrics_protocol=PROTOCOL,
    baselines=("sagan_zelda",),
))

register(Preset(
    name="sagan_zelda",
    model_class=CESAGAN,
    config=dict(latent_dim=32, filters=64, embedding_dim=32, seed=0),
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
    status_note=common.TRAINED_HERE,
    weights_file="sagan_zelda.weights.h5",
    sha256="de4e0b748041963e2c19aae0aae79240e8a6b9b32687a6d3d9a33fe50d62f6c9",
    metrics={'num_levels': 15000, 'playable_percent': 59.85, 'duplicate_percent': 99.95, 'training_duplicate_percent': 0.0, 'unique_playable': 3, 'unique_playable_percent': 0.02, 'final_training_levels': 5},
    training={'rounds': 10, 'steps_per_round': 500, 'fit_batch_size': 32, 'generator_steps': 5000, 'samples_per_round': 1000, 'bootstrapping': False, 'seconds': 845.1, 'training_levels_per_round': [5, 5, 5, 5, 5, 5, 5, 5, 5, 5], 'added_per_round': [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 'playable_percent_per_round': [92.6, 100.0, 0.0, 100.0, 100.0, 97.1, 0.0, 59.7, 60.0, 60.5], 'backend': 'tensorflow', 'machine': 'x86_64, 2 CPU cores'},
    metrics_protocol=PROTOCOL,
))
