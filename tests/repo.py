"""The repository around the package: its root and the tooling in recipes/ (not installed)."""

import os
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RECIPES = os.path.join(REPO_ROOT, "recipes")
if RECIPES not in sys.path:
    sys.path.insert(0, RECIPES)

import cards  # noqa: E402
import driver  # noqa: E402

__all__ = ["RECIPES", "REPO_ROOT", "cards", "driver"]
