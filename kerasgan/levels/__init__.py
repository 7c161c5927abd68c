"""Tile-based game levels: GVGAI Zelda data, encoding, playability and pictures (CESAGAN)."""

from kerasgan.levels.playability import is_playable
from kerasgan.levels.playability import level_statistics
from kerasgan.levels.render import render_levels
from kerasgan.levels.zelda import TILES
from kerasgan.levels.zelda import decode_levels
from kerasgan.levels.zelda import encode_levels
from kerasgan.levels.zelda import format_level
from kerasgan.levels.zelda import level_conditions
from kerasgan.levels.zelda import load_zelda_levels
from kerasgan.levels.zelda import parse_level
from kerasgan.levels.zelda import tile_counts
from kerasgan.levels.zelda import write_gvgai_levels

__all__ = [
    "TILES", "decode_levels", "encode_levels", "format_level", "is_playable", "level_conditions",
    "level_statistics", "load_zelda_levels", "parse_level", "render_levels", "tile_counts", "write_gvgai_levels",
]
