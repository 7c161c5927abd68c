"""Render the zoo's cards from the registry and the preset folders, and check or rewrite them.

    python recipes/cards.py          # rewrite every card and zoo/README.md
    python recipes/cards.py --check  # exit 1, listing them, if any card is out of date

Rewriting also copies each trained preset's words (description, data, paper, recipe, ...) from its
registry entry into its folder's metadata; measured numbers are only ever written by its recipe.

A trained preset's card is the `README.md` of its folder (`pretrained/<name>/`), rendered
from the folder's metadata; a preset not trained yet has `zoo/<name>.md`, rendered from its
registry entry; `zoo/README.md` indexes them all. Repository tooling, not part of the package.
"""

import argparse
import os
import sys

from kerasgan.core import preset_folder
from kerasgan.core.preset_card import render_card
from kerasgan.zoo import get_preset
from kerasgan.zoo import list as preset_names
from kerasgan.zoo.registry import baseline_metrics

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def card(name):
    """`(path relative to the repository root, markdown)` of a preset's card."""
    preset = get_preset(name)
    if preset.shipped:
        return preset.card, render_card({**preset.metadata, **preset.words()}, baseline_metrics(preset))
    return preset.card, render_card({**preset.words(), "source": preset.status_note})


def index():
    """The zoo/README.md table of all presets."""
    lines = [
        "# Model cards",
        "",
        "One card per preset, rendered by `python recipes/cards.py`: a preset trained here has its card in",
        "its preset folder, `pretrained/<name>/README.md`, shipped with the package; a preset whose",
        "weights are a publisher's release converted on first load, or that has none yet, has `zoo/<name>.md`.",
        "`kerasgan.zoo.load(name)` loads a preset; the recipe in `recipes/` retrains it from scratch.",
        "",
        "| preset | status | model | data | headline metric |",
        "|---|---|---|---|---|",
    ]
    for name in preset_names():
        preset = get_preset(name)
        link = os.path.relpath(os.path.join(REPO_ROOT, preset.card), os.path.join(REPO_ROOT, "zoo"))
        lines.append(f"| [{name}]({link}) | {preset.status} | {preset.model_class.__name__} | "
                     f"{name.rsplit('_', 1)[-1]} | {headline(preset)} |")
    return "\n".join(lines) + "\n"


def headline(preset):
    metrics = preset.metrics
    if preset.publisher_weights is not None:
        reported = preset.publisher_weights.reported_metrics
        publisher = preset.publisher_weights.publisher.split()[0]
        labels = {"fid": "FID", "is": "IS", "ms_ssim": "MS-SSIM"}
        shown = ", ".join(f"{label} {reported[key]}" for key, label in labels.items() if key in reported)
        return f"{shown} (reported by {publisher})"
    if "kl_to_uniform" in metrics:
        return f"{metrics['modes_covered_of_1000']}/1000 modes, KL {metrics['kl_to_uniform']:.2f}"
    if "playable_percent" in metrics:
        return f"{metrics['playable_percent']}% playable, {metrics['unique_playable_percent']}% unique playable"
    if "bits_per_dim" in metrics and "fid" in metrics:
        return f"FID {metrics['fid']:.2f}, teacher {metrics['bits_per_dim']:.3f} bits/dim"
    if "fid" in metrics:
        return f"FID {metrics['fid']:.2f}, KID {metrics['kid']:.3f}"
    if "modes_covered" in metrics:
        return f"{metrics['modes_covered']}/{metrics['num_modes']} modes, {metrics['high_quality_percent']}% HQ"
    return "—"


def expected_files():
    """`{path: text}` of every card and the index."""
    files = dict(card(name) for name in preset_names())
    files["zoo/README.md"] = index()
    return files


def stale():
    """Paths whose file differs from what they render to (missing files included)."""
    out = []
    for path, text in expected_files().items():
        full = os.path.join(REPO_ROOT, path)
        if not os.path.isfile(full) or open(full).read() != text:
            out.append(path)
    return out


def write_all():
    for name in preset_names(trained=True):
        preset = get_preset(name)
        if not preset.shipped:
            continue
        preset_folder.update_metadata(preset.folder, preset.words(), baseline_metrics(preset))
    for path, text in expected_files().items():
        full = os.path.join(REPO_ROOT, path)
        if not path.startswith("pretrained/"):
            with open(full + ".partial", "w") as f:
                f.write(text)
            os.replace(full + ".partial", full)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale cards")
    args = parser.parse_args()
    if args.check:
        paths = stale()
        print("\n".join(paths) or "all cards are current")
        sys.exit(1 if paths else 0)
    write_all()
