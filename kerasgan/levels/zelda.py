"""GVGAI Zelda levels: the embedded training levels, one-hot encoding, properties, text format."""

import os

import numpy as np

TILES = ("w", ".", "A", "+", "g", "1", "2", "3")
TILE_NAMES = ("wall", "floor", "avatar", "key", "door", "monster 1", "monster 2", "monster 3")
LEVEL_SHAPE = (9, 13)
PADDED_SHAPE = (16, 16)
WALL, FLOOR, AVATAR, KEY, DOOR = (TILES.index(t) for t in "w.A+g")
ENEMIES = tuple(TILES.index(t) for t in "123")
_DATA = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "zelda")


def parse_level(text):
    """A level in GVGAI's text format (one row per line) → a `(rows, cols)` array of tile characters."""
    rows = [line.rstrip("\r") for line in text.strip("\n").split("\n")]
    if not rows or len({len(r) for r in rows}) != 1:
        raise ValueError(f"A GVGAI level has rows of equal length; received row lengths {[len(r) for r in rows]}.")
    level = np.array([list(r) for r in rows])
    unknown = sorted(str(t) for t in set(level.ravel()) - set(TILES))
    if unknown:
        raise ValueError(f"Zelda levels use the tiles {''.join(TILES)!r}; received unknown tiles {unknown}.")
    return level


def format_level(level):
    """A `(rows, cols)` tile array → GVGAI's text format."""
    return "\n".join("".join(row) for row in np.asarray(level)) + "\n"


def load_zelda_levels():
    """The five human-designed GVGAI Zelda levels (embedded; GVGAI, Apache 2.0) as a `(5, 9, 13)`
    array of tile characters.

    Example:

    ```python
    levels = kerasgan.levels.load_zelda_levels()
    print(kerasgan.levels.format_level(levels[0]))
    ```
    """
    names = sorted(n for n in os.listdir(_DATA) if n.endswith(".txt"))
    levels = []
    for name in names:
        with open(os.path.join(_DATA, name)) as f:
            levels.append(parse_level(f.read()))
    return np.stack(levels)


def _as_levels(levels, caller):
    levels = np.asarray(levels)
    received = levels.shape
    if levels.ndim == 2:
        levels = levels[None]
    if levels.ndim != 3 or levels.shape[1:] != LEVEL_SHAPE or not np.isin(levels, TILES).all():
        raise ValueError(
            f"{caller} expects Zelda levels of shape (N, {LEVEL_SHAPE[0]}, {LEVEL_SHAPE[1]}) (or one level) with "
            f"tiles {''.join(TILES)!r}; received an array of shape {received}."
        )
    return levels


def level_indices(levels):
    """Tile characters → tile indices (positions in `TILES`)."""
    levels = _as_levels(levels, "level_indices")
    lookup = {t: i for i, t in enumerate(TILES)}
    return np.vectorize(lookup.__getitem__, otypes=["int32"])(levels)


def encode_levels(levels):
    """Levels → one-hot float32 `(N, 16, 16, 8)`: the 9×13 level in the top-left corner, the
    padding (rows 9–15, columns 13–15) filled with walls, so every cell is one tile and the
    generator's stride-2 layers see a 16×16 grid. `decode_levels` crops the padding away."""
    index = np.full((len(_as_levels(levels, "encode_levels")), *PADDED_SHAPE), WALL, "int32")
    index[:, : LEVEL_SHAPE[0], : LEVEL_SHAPE[1]] = level_indices(levels)
    return np.eye(len(TILES), dtype="float32")[index]


def decode_levels(tensor):
    """One-hot or tile-probability tensors `(N, 16, 16, 8)` → levels `(N, 9, 13)` of tile
    characters (argmax per cell, padding cropped)."""
    tensor = np.asarray(tensor)
    if tensor.ndim != 4 or tensor.shape[1:] != (*PADDED_SHAPE, len(TILES)):
        raise ValueError(
            f"decode_levels expects tile scores of shape (N, {PADDED_SHAPE[0]}, {PADDED_SHAPE[1]}, {len(TILES)}); "
            f"received shape {tensor.shape}."
        )
    index = np.argmax(tensor[:, : LEVEL_SHAPE[0], : LEVEL_SHAPE[1]], axis=-1)
    return np.asarray(TILES)[index]


def tile_counts(levels):
    """Counts of each tile type per level, `(N, 8)` int, in the order of `TILES`."""
    index = level_indices(levels).reshape(len(np.asarray(levels).reshape(-1, *LEVEL_SHAPE)), -1)
    return np.stack([np.bincount(row, minlength=len(TILES)) for row in index]).astype("int32")


def level_conditions(levels):
    """CESAGAN's conditional vector of each level: log(1 + count) of each of the 8 tile types
    (walls, floor, avatar, key, door and the three monsters), float32 `(N, 8)`."""
    return np.log1p(tile_counts(levels)).astype("float32")


def write_gvgai_levels(levels, directory, prefix="zelda_lvl", start=0):
    """Write levels as GVGAI text files `<directory>/<prefix><i>.txt` (one row per line), each
    written to a temporary file first and renamed into place; returns the paths.

    Example:

    ```python
    paths = kerasgan.levels.write_gvgai_levels(gan.generate_levels(10, seed=0), "generated_levels")
    ```
    """
    levels = _as_levels(levels, "write_gvgai_levels")
    os.makedirs(directory, exist_ok=True)
    paths = []
    for i, level in enumerate(levels, start=start):
        path = os.path.join(directory, f"{prefix}{i}.txt")
        with open(path + ".partial", "w") as f:
            f.write(format_level(level))
        os.replace(path + ".partial", path)
        paths.append(path)
    return paths
