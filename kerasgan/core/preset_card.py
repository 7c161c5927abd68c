"""The model card of a preset, rendered from its metadata: the `README.md` of a preset folder."""

METRIC_NAMES = {
    "fid": "FID (features: see How below)",
    "kid": "KID (features: see How below)",
    "kid_std": "KID standard deviation over subsets",
    "is": "Inception Score",
    "ms_ssim": "MS-SSIM between generated pairs (lower = more diverse)",
    "swd": "sliced Wasserstein distance ×10³ (per pyramid level / average)",
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
    "class_entropy": "entropy of the classifier's class histogram ÷ log(classes) (1 = every class equally often)",
    "rarest_class_share": "rarest class's share × classes (1 = as often as the average class, 0 = never drawn)",
}

_FACTS = (
    ("model", "Model"),
    ("paper", "Paper"),
    ("reference", "Reference code followed"),
    ("dataset", "Data"),
    ("data_licence", "Data licence"),
)


def render_card(metadata, baselines=None, load_as=None):
    """Markdown card of a preset from its `metadata` (the content of `metadata.json`).

    Every field is optional but `name`: a user's folder with only metrics renders too. Trained
    presets (with `sha256`) show their measurements, training record and weights; others say that
    no weights exist yet. `baselines` maps the names of the presets listed in
    `metadata["baselines"]` to their metrics, for a comparison table. `load_as` is what
    `kerasgan.zoo.load` takes to load this preset (its name, or a folder path).

    Example:

    ```python
    card = render_card({"name": "my_gan", "metrics": {"fid": 12.3}, "sha256": "..."})
    ```
    """
    m = metadata
    name = m["name"]
    load_as = load_as or name
    trained = bool(m.get("sha256"))
    lines = [f"# {name}", ""]
    status = "trained" if trained else "not trained yet"
    if m.get("publisher") and not trained:
        status = f"converted from {m['publisher']} on first load"
    lines += [f"**Status: {status}.** {m.get('source', '')}".rstrip(), ""]
    if m.get("description"):
        lines += [m["description"], ""]
    facts = [f"- {label}: {_model(m) if key == 'model' else m[key]}" for key, label in _FACTS if m.get(key)]
    if m.get("recipe"):
        fit = ", ".join(f"{k}: {v}" for k, v in m.get("fit", {}).items())
        facts.append(f"- Recipe: `python {m['recipe']}`" + (f" ({fit})" if fit else ""))
    lines += facts + ([""] if facts else [])
    if m.get("publisher"):
        lines += _publisher(m, load_as)
    elif trained:
        lines += _measured(m) + _comparison(m, baselines or {}) + _reference_comparison(m) + _training(m)
        lines += [
            "## Weights",
            "",
            f"- File: `{m.get('weights_file', 'model.weights.h5')}` in the preset folder (generator, discriminator, "
            "EMA generator and auxiliary networks where used; no optimizer state)",
            f"- sha256: `{m['sha256']}`",
            "",
        ]
        if m.get("samples_file"):
            lines += ["## Samples", "", f"![samples of {name}]({m['samples_file']})", ""]
        lines += ["```python", "import kerasgan", f'gan = kerasgan.zoo.load("{load_as}")',
                  "samples = gan.generate(64, seed=0)", "```"]
    elif not m.get("publisher"):
        lines += [
            "## Weights",
            "",
            "None yet: `kerasgan.zoo.load(name)` raises `PresetNotTrainedError`. Train with the recipe "
            "(it writes the preset folder: weights, sha256, measured metrics and card), then load it with "
            f'`kerasgan.zoo.load("path/to/{name}")`.',
            "",
            "```python",
            "import kerasgan",
            f'gan = kerasgan.zoo.load("{name}", weights=False)  # the architecture, fresh weights',
            "```",
        ]
    return "\n".join(lines) + "\n"


def _publisher(m, load_as):
    """Where converted weights come from, what the publisher reports and how the conversion was checked."""
    lines = [
        f"## Weights: {m['publisher']}'s release, converted",
        "",
        f"- File: `{m['publisher_file']}` from {m['publisher_url']}",
    ]
    if m.get("publisher_page"):
        lines.append(f"- Listed at: {m['publisher_page']}")
    lines += [
        f"- Checksum: {m.get('publisher_checksum', 'none')}",
        f"- Licence of the weights: {m.get('weights_licence', 'not stated')}",
        "- On first load kerasgan downloads the file into `$KERAS_HOME/kerasgan/downloads/`, checks it, reads it "
        "without torch, converts it and caches the converted preset folder in `$KERAS_HOME/kerasgan/converted/`. "
        f"Offline: place the file there by hand, or pass `kerasgan.zoo.load(\"{load_as}\", weights=\"path/to/file\")`.",
        "",
        f"## Reported by {m['publisher']} (not re-measured here)",
        "",
    ]
    lines += _metric_table(m.get("reported_metrics", {}))
    lines += ["", f"How: {m.get('reported_protocol', 'not stated')}.", ""]
    lines += ["## Conversion check", "", m.get("conversion_check", "not recorded"), ""]
    if m.get("metrics_protocol"):
        metrics = "fid,kid,is" if "Inception Score" in m["metrics_protocol"] else "fid,kid"
        lines += [
            "## Re-measuring",
            "",
            f"Where the data is reachable: {m['metrics_protocol']} For example "
            f"`python -m kerasgan eval {load_as} --extractor fid_inception --metrics {metrics} --data reference.npz` "
            "with the reference images in `reference.npz`.",
            "",
        ]
    if m.get("sha256"):
        lines += [f"- Converted weights sha256: `{m['sha256']}`", ""]
    lines += ["```python", "import kerasgan", f'gan = kerasgan.zoo.load("{load_as}")',
              "samples = gan.generate(64, seed=0)", "```"]
    return lines


def _table(header, rows):
    """Markdown table lines: `header` names, one line per row of values."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(str(v) for v in row) + " |" for row in rows]


def _metric_table(metrics):
    return _table(["metric", "value"], [(METRIC_NAMES.get(k, k), v) for k, v in metrics.items()])


def _model(m):
    return f"`{m['constructor']}`" if m.get("constructor") else f"`kerasgan.models.{m['model']}` (config.json)"


def _measured(m):
    if not m.get("metrics"):
        return []
    lines = ["## Measured", ""] + _metric_table(m["metrics"])
    lines.append("")
    if m.get("metrics_protocol"):
        lines += [f"How: {m['metrics_protocol']}", ""]
    return lines


def _comparison(m, baselines):
    """The metrics this preset shares with its baselines (trained by the same recipe)."""
    names = [n for n in m.get("baselines", ()) if n in baselines]
    if not names:
        return []
    rows = [(m["name"], m["metrics"])] + [(n, baselines[n]) for n in names]
    keys = [k for k in m["metrics"] if all(k in r and not isinstance(r[k], list) for _, r in rows)]
    lines = ["## Compared with its baseline", ""]
    lines += _table(["preset"] + [METRIC_NAMES.get(k, k) for k in keys], [[n] + [r[k] for k in keys] for n, r in rows])
    return lines + ["", "The baseline is trained by the same recipe without the preset's key idea (see each card's "
                    "description).", ""]


def _reference_comparison(m):
    """A side-by-side run against the reference implementation, as its script recorded it
    (`metadata["reference_comparison"]`: `protocol`, `header`, `rows`)."""
    run = m.get("reference_comparison")
    if not run:
        return []
    lines = ["## Against the reference implementation", ""] + _table(run["header"], run["rows"])
    return lines + ["", f"How: {run['protocol']}", ""]


def _training(m):
    if not m.get("training"):
        return []
    return ["## Training", ""] + [f"- {k.replace('_', ' ')}: {v}" for k, v in m["training"].items()] + [""]
