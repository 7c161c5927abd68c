"""CESAGAN's bootstrapping: grow the training set with the model's own playable, new levels."""

import numpy as np

from kerasgan.levels.playability import is_playable
from kerasgan.levels.zelda import encode_levels
from kerasgan.levels.zelda import level_conditions


def _key(level):
    return "".join(np.asarray(level).ravel())


def train_with_bootstrapping(gan, levels, rounds, steps_per_round, batch_size=32, samples_per_round=1000,
                             bootstrap=True, seed=0, verbose=0):
    """Train a CESAGAN in rounds; after each round (with `bootstrap`) add to the training set
    every generated level that is playable, unique and not already in it (Torrado et al., CoG
    2020: "playable generated levels are added to the training set").

    Each round fits `steps_per_round` steps of `batch_size` levels drawn uniformly (seeded) from
    the current training set, then generates `samples_per_round` levels (conditioned on the
    training set's property vectors) and, with `bootstrap`, adds the new playable ones. With
    `bootstrap=False` the same steps train on the original levels only (the plain conditional
    SAGAN of the paper's comparison).

    Args:
        gan: a compiled `CESAGAN`.
        levels: the original training levels, `(N, 9, 13)` tile characters.
        rounds, steps_per_round, batch_size, samples_per_round: the schedule.
        bootstrap: whether to add generated levels.
        seed: seeds the batches and the generated levels.
        verbose: passed to `fit`.

    Returns:
        `(training_levels, history)`: the final training set and one dict per round (`round`,
        `training_levels`, `playable_percent` of that round's samples, `added`, the last logs).
    """
    if not getattr(gan, "compiled", False):
        raise ValueError("train_with_bootstrapping expects a compiled CESAGAN: call gan.compile() first.")
    training = list(np.asarray(levels))
    known = {_key(level) for level in training}
    rng = np.random.default_rng(seed)
    history = []
    for r in range(rounds):
        gan.set_training_levels(np.stack(training))
        x, u = encode_levels(np.stack(training)), level_conditions(np.stack(training))
        order = rng.integers(0, len(training), size=steps_per_round * batch_size)
        logs = gan.fit(x[order], u[order], batch_size=batch_size, epochs=1, shuffle=False, verbose=verbose).history
        generated = gan.generate_levels(samples_per_round, seed=[seed, r])
        playable = [is_playable(level) for level in generated]
        added = 0
        if bootstrap:
            for level, ok in zip(generated, playable, strict=True):
                if ok and _key(level) not in known:
                    known.add(_key(level))
                    training.append(level)
                    added += 1
        history.append({"round": r + 1, "training_levels": len(training), "playable_percent":
                        round(100.0 * float(np.mean(playable)), 2), "added": added,
                        "logs": {k: round(float(v[-1]), 4) for k, v in logs.items()}})
    gan.set_training_levels(np.stack(training))
    return np.stack(training), history
