"""Pictures of tile levels: each tile a coloured cell."""

import numpy as np

from kerasgan.levels.zelda import TILES
from kerasgan.levels.zelda import level_indices

COLOURS = {
    "w": (70, 70, 80), ".": (225, 215, 185), "A": (40, 110, 230), "+": (250, 205, 30), "g": (40, 170, 70),
    "1": (220, 50, 50), "2": (170, 40, 160), "3": (240, 120, 30),
}


def render_levels(levels, path, columns=5, cell=12, gap=6):
    """Draw Zelda levels as a PNG grid (walls grey, floor sand, avatar blue, key yellow, door green,
    monsters red / purple / orange), `columns` levels per row."""
    from PIL import Image

    index = level_indices(levels)
    palette = np.array([COLOURS[t] for t in TILES], "uint8")
    n, h, w = index.shape
    rows = -(-n // columns)
    canvas = np.full((rows * (h * cell + gap) + gap, columns * (w * cell + gap) + gap, 3), 255, "uint8")
    for i, level in enumerate(index):
        r, c = divmod(i, columns)
        y, x = gap + r * (h * cell + gap), gap + c * (w * cell + gap)
        canvas[y:y + h * cell, x:x + w * cell] = np.kron(palette[level], np.ones((cell, cell, 1), "uint8"))
    Image.fromarray(canvas).save(path)
    return path
