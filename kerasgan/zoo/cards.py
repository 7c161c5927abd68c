"""Model cards: `zoo/<name>.md` rendered from the registry, and the `zoo/README.md` index.

    python -m kerasgan.zoo.cards          # rewrite every card and the index from the registry

The registry is the single source: a test fails when a card differs from what it renders.
"""

import os

from kerasgan.zoo.preset import REPO_ROOT
from kerasgan.zoo.registry import get_preset
from kerasgan.zoo.registry import preset_names

_METRIC_NAMES = {
    "fid": "FID (MNIST-classifier features)",
    "kid": "KID (MNIST-classifier features)",
    "kid_std": "KID standard deviation over subsets",
    "precision": "precision (k=3)",
    "recall": "recall (k=3)",
    "class_accuracy": "classifier accuracy on class-conditional samples",
    "class_accuracy_min": "lowest per-class accuracy",
    "class_accuracy_per_class": "accuracy per class (0–9)",
    "modes_covered": "modes covered (seed 0)",
    "num_modes": "modes in the mixture",
    "high_quality_percent": "high-quality samples, % (seed 0)",
    "reverse_kl": "reverse KL to uniform over modes, nats (seed 0)",
    "modes_covered_mean": "modes covered, mean over seeds 0–9",
    "high_quality_percent_mean": "high-quality samples, %, mean over seeds 0–9",
    "modes_covered_of_1000": "Stacked-MNIST modes covered (of 1,000)",
    "kl_to_uniform": "KL(generated classes ‖ uniform), nats",
    "modes_covered_of_1000_mean": "modes covered, mean over seeds 0–2",
    "kl_to_uniform_mean": "KL to uniform, mean over seeds 0–2",
    "num_samples": "generated samples per evaluation",
    "num_levels": "generated levels evaluated",
    "playable_percent": "playable levels, %",
    "duplicate_percent": "duplicates of other generated levels, %",
    "training_duplicate_percent": "copies of an original training level, %",
    "unique_playable": "distinct new playable levels",
    "unique_playable_percent": "distinct new playable levels, % of generated",
    "final_training_levels": "training levels at the end (5 + bootstrapped)",
    "bits_per_dim": "teacher NLL on held-out MNIST, bits/dim",
}


def render_card(name):
    """The markdown card of a preset."""
    p = get_preset(name)
    config = ", ".join(f"{k}={_config_value(v)}" for k, v in p.config.items())
    lines = [
        f"# {p.name}",
        "",
        f"**Status: {p.status}.** {p.status_note}",
        "",
        p.description,
        "",
        f"- Model: `kerasgan.models.{p.model_class.__name__}({config})`",
        f"- Paper: {p.paper}",
        f"- Reference code followed: {p.reference}",
        f"- Data: {p.dataset}",
        f"- Data licence: {p.data_licence}",
        f"- Recipe: `python {p.recipe}` ({', '.join(f'{k}: {v}' for k, v in p.fit.items())})",
        "",
    ]
    if p.trained:
        lines += ["## Measured", "", "| metric | value |", "|---|---|"]
        lines += [f"| {_METRIC_NAMES.get(k, k)} | {v} |" for k, v in p.metrics.items()]
        lines += ["", f"How: {p.metrics_protocol}", ""]
        lines += _comparison(p)
        lines += ["## Training", ""]
        lines += [f"- {k.replace('_', ' ')}: {v}" for k, v in p.training.items()]
        lines += [
            "",
            "## Weights",
            "",
            f"- File: `pretrained/{p.weights_file}` (generator, discriminator and EMA generator where used; no optimizer state)",
            f"- sha256: `{p.sha256}`",
            f"- Download origin: {p.default_origin} (`KERASGAN_WEIGHTS_ORIGIN` points to a mirror)",
            "",
            "## Samples",
            "",
            f"![samples of {p.name}](images/{p.name}.png)",
            "",
            "```python",
            "import kerasgan",
            f'gan = kerasgan.zoo.load("{p.name}")',
            "samples = gan.generate(64, seed=0)",
            "```",
        ]
    else:
        lines += [
            "## Weights",
            "",
            "None yet: `kerasgan.zoo.load(name)` raises `PresetNotTrainedError`. Train with the recipe "
            "(it writes the weights, their sha256 and the measured metrics), then load the file with "
            f'`kerasgan.zoo.load("{p.name}", weights="pretrained/{p.name}.weights.h5")`.',
            "",
            "```python",
            "import kerasgan",
            f'gan = kerasgan.zoo.load("{p.name}", weights=False)  # the architecture, fresh weights',
            "```",
        ]
    return "\n".join(lines) + "\n"


def render_index():
    """The zoo/README.md table of all presets."""
    lines = [
        "# Model cards",
        "",
        "One card per preset, rendered from the registry by `python -m kerasgan.zoo.cards`.",
        "`kerasgan.zoo.load(name)` loads a trained preset; the recipe in `recipes/` retrains it.",
        "",
        "| preset | status | model | data | headline metric |",
        "|---|---|---|---|---|",
    ]
    for name in preset_names():
        p = get_preset(name)
        headline = _headline(p.metrics)
        lines.append(f"| [{name}]({name}.md) | {p.status} | {p.model_class.__name__} | {p.name.rsplit('_', 1)[-1]} | {headline} |")
    return "\n".join(lines) + "\n"


def write_cards(root=REPO_ROOT):
    os.makedirs(os.path.join(root, "zoo"), exist_ok=True)
    for name in preset_names():
        _write(os.path.join(root, "zoo", f"{name}.md"), render_card(name))
    _write(os.path.join(root, "zoo", "README.md"), render_index())


def _comparison(p):
    """A table of the metrics this preset shares with its baselines (trained by the same recipe)."""
    if not p.baselines:
        return []
    rows = [p] + [get_preset(name) for name in p.baselines]
    keys = [k for k in p.metrics if all(k in r.metrics and not isinstance(r.metrics[k], list) for r in rows)]
    lines = ["## Compared with its baseline", "", "| preset | " + " | ".join(_METRIC_NAMES.get(k, k) for k in keys) + " |",
             "|---|" + "---|" * len(keys)]
    for r in rows:
        lines.append(f"| [{r.name}]({r.name}.md) | " + " | ".join(str(r.metrics[k]) for k in keys) + " |")
    return lines + ["", "The baseline is trained by the same recipe without the preset's key idea (see each card's description).", ""]


def _headline(metrics):
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


def _config_value(value):
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], type):
        args = ", ".join(f"{k}={v!r}" for k, v in value[1].items())
        return f"{value[0].__name__}({args})"
    return repr(value)


def _write(path, text):
    with open(path + ".partial", "w") as f:
        f.write(text)
    os.replace(path + ".partial", path)


if __name__ == "__main__":
    write_cards()
