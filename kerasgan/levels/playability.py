"""Playability of GVGAI Zelda levels and the statistics of a set of generated levels."""

import collections

import numpy as np

from kerasgan.levels.zelda import AVATAR
from kerasgan.levels.zelda import DOOR
from kerasgan.levels.zelda import KEY
from kerasgan.levels.zelda import WALL
from kerasgan.levels.zelda import level_indices


def _reachable(grid, start):
    seen = np.zeros(grid.shape, bool)
    seen[start] = True
    queue = collections.deque([start])
    while queue:
        r, c = queue.popleft()
        for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            rr, cc = r + dr, c + dc
            if 0 <= rr < grid.shape[0] and 0 <= cc < grid.shape[1] and not seen[rr, cc] and grid[rr, cc] != WALL:
                seen[rr, cc] = True
                queue.append((rr, cc))
    return seen


def is_playable(level):
    """Whether a Zelda level is playable: walls all around the border, exactly one avatar, one
    key and one door, and the avatar can walk (4-neighbour moves, walls block, monsters do not)
    to the key and from there to the door.

    The checks of Torrado et al. (CoG 2020) as far as they are described (one avatar, a key and
    a door the player can reach in order); the border rule keeps the player inside the level.

    Example:

    ```python
    all(kerasgan.levels.is_playable(lvl) for lvl in kerasgan.levels.load_zelda_levels())  # True
    ```
    """
    grid = level_indices(level)[0]
    border = np.concatenate([grid[0], grid[-1], grid[:, 0], grid[:, -1]])
    if (border != WALL).any():
        return False
    positions = {tile: np.argwhere(grid == tile) for tile in (AVATAR, KEY, DOOR)}
    if any(len(p) != 1 for p in positions.values()):
        return False
    avatar, key, door = (tuple(positions[t][0]) for t in (AVATAR, KEY, DOOR))
    from_avatar = _reachable(grid, avatar)
    return bool(from_avatar[key] and _reachable(grid, key)[door])


def level_statistics(levels, training_levels):
    """Statistics of generated levels against a training set (CESAGAN's evaluation).

    Returns a dict:
        num_levels: how many were generated;
        playable_percent: % of them that are playable (`is_playable`);
        duplicate_percent: % that repeat an earlier generated level (100 − % distinct);
        training_duplicate_percent: % identical to a training level;
        unique_playable: distinct playable levels not in the training set;
        unique_playable_percent: that count as % of the generated levels.
    """
    levels = np.asarray(levels)
    keys = ["".join(lvl.ravel()) for lvl in levels]
    training = {"".join(lvl.ravel()) for lvl in np.asarray(training_levels)}
    playable = {}
    for key, level in zip(keys, levels, strict=True):
        if key not in playable:
            playable[key] = is_playable(level)
    n = len(keys)
    novel_playable = [k for k in playable if playable[k] and k not in training]
    return {
        "num_levels": n,
        "playable_percent": round(100.0 * sum(playable[k] for k in keys) / n, 2),
        "duplicate_percent": round(100.0 * (1.0 - len(playable) / n), 2),
        "training_duplicate_percent": round(100.0 * sum(k in training for k in keys) / n, 2),
        "unique_playable": len(novel_playable),
        "unique_playable_percent": round(100.0 * len(novel_playable) / n, 2),
    }
