import dataclasses
import os
import re

from kerasgan.core import preset_folder

_NAME = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")
_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The preset folders trained here: the repository's top-level pretrained/, which a wheel installs as
# package data in kerasgan/pretrained/ (setup.py); a source checkout reads the top-level folder.
_CANDIDATES = (os.path.join(_PACKAGE_DIR, "pretrained"), os.path.join(os.path.dirname(_PACKAGE_DIR), "pretrained"))
SHIPPED_DIR = next((path for path in _CANDIDATES if os.path.isdir(path)), _CANDIDATES[0])

# What a preset's entry says about it, copied into the metadata of the folder its recipe writes.
WORDS = ("description", "dataset", "data_licence", "paper", "reference", "recipe", "fit", "metrics_protocol",
         "baselines")


def pretrained_dir():
    """Where the zoo looks for preset folders: `$KERASGAN_PRETRAINED_DIR`, else the package's own."""
    return os.environ.get("KERASGAN_PRETRAINED_DIR") or SHIPPED_DIR


@dataclasses.dataclass(frozen=True)
class Preset:
    """A named configuration of a kerasgan model: architecture, data, recipe and, once trained, a
    preset folder with its weights and measurements.

    Presets are data: `kerasgan/zoo/presets/<model>.py` lists them, named
    `<model>_<dataset>[_<resolution>]`. A preset trained here has a folder
    (`pretrained/<name>/`, written by its recipe through `GAN.save_to_preset`): its architecture
    is the folder's `config.json` and its weights, their sha256, the measured metrics and the
    training record are read from the folder's `metadata.json`, never typed into Python. The
    entry's `config` describes a preset that has no folder yet (the recipe's first training
    builds from it); once the folder is written, the entry drops it, so each fact has one place.
    A preset with `publisher_weights` is converted from a publisher's release on first load.
    Without either it is "not trained yet": `load(name)` refuses and points to the recipe;
    `load(name, weights=False)` still builds it.

    Args:
        name: `<model>_<dataset>[_<resolution>]`, lower case.
        model_class: the `kerasgan.GAN` subclass.
        config: its constructor arguments while it has no preset folder; a value
            `(Class, {kwargs})` builds a network, schedule or technique (in a list too). A preset
            with a folder takes its architecture from the folder's `config.json` (see
            `architecture`).
        dataset: the training data set, in words.
        data_licence: the licence of that data set.
        description: what the preset is (architecture, size, conditioning).
        paper: the paper it reproduces.
        reference: the reference code its architecture and losses follow.
        recipe: the script that trains it, relative to the repository root (empty: none).
        fit: how the recipe trains it (batch size, epochs, ...), for the card.
        metrics_protocol: how the recipe measures it.
        status_note: why a preset without a folder is not trained yet.
        baselines: names of presets trained by the same recipe without the model's key idea
            (e.g. IVGAN's DCGAN without the intervention loss); the card compares them.
        publisher_weights: a `PublisherWeights` (a released checkpoint that the zoo downloads,
            checks and converts on first load) for presets whose weights come from a publisher.

    Example:

    ```python
    preset = kerasgan.zoo.get_preset("dcgan_mnist")
    preset.status, preset.metrics["fid"]
    gan = preset.build()  # fresh weights
    ```
    """

    name: str
    model_class: type
    dataset: str
    data_licence: str
    description: str
    paper: str
    reference: str
    recipe: str
    config: dict = None
    fit: dict = dataclasses.field(default_factory=dict)
    metrics_protocol: str = ""
    status_note: str = ""
    baselines: tuple = ()
    publisher_weights: object = None

    def __post_init__(self):
        if not isinstance(self.name, str) or not _NAME.match(self.name):
            raise ValueError(
                f"Preset names are `<model>_<dataset>[_<resolution>]` in lower case; received {self.name!r}."
            )

    @property
    def folder(self):
        """The path of its preset folder (present once trained)."""
        return os.path.join(pretrained_dir(), self.name)

    @property
    def shipped(self):
        """Whether its preset folder, trained here, ships with kerasgan."""
        return os.path.isfile(os.path.join(self.folder, preset_folder.METADATA_FILE))

    @property
    def trained(self):
        """Whether it has weights: trained here, or a publisher's checkpoint converted on load."""
        return self.shipped or self.publisher_weights is not None

    @property
    def status(self):
        if self.shipped:
            return "trained"
        if self.publisher_weights is not None:
            return f"converted from {self.publisher_weights.publisher}"
        return "not trained yet"

    @property
    def weights_source(self):
        """Where its weights come from, in words."""
        if self.shipped:
            return "trained here (shipped preset folder)"
        if self.publisher_weights is not None:
            pw = self.publisher_weights
            return f"converted from {pw.publisher}'s released {pw.file_name} on first load"
        return "none yet"

    @property
    def metadata(self):
        """The shipped folder's `metadata.json` (`{}` without one)."""
        return preset_folder.read_metadata(self.folder) if self.shipped else {}

    @property
    def metrics(self):
        return dict(self.metadata.get("metrics", {}))

    @property
    def sha256(self):
        return self.metadata.get("sha256")

    @property
    def card(self):
        """The card's path relative to the repository root."""
        if self.shipped:
            return f"pretrained/{self.name}/{preset_folder.CARD_FILE}"
        return f"zoo/{self.name}.md"

    def words(self):
        """What the entry says about the preset, as preset metadata."""
        constructor = (f"kerasgan.models.{self.model_class.__name__}({describe_config(self.config)})"
                       if not self.shipped else self.metadata.get("constructor"))
        words = {
            "name": self.name,
            **({"constructor": constructor} if constructor else {}),
            **{key: _jsonable(getattr(self, key)) for key in WORDS if getattr(self, key)},
        }
        pw = self.publisher_weights
        if pw is not None:
            words.update(
                publisher=pw.publisher, publisher_file=pw.file_name, publisher_url=pw.url, publisher_page=pw.page,
                publisher_checksum=(f"sha256 {pw.sha256}" if pw.sha256 else f"sha256 prefix {pw.sha256_prefix} (in the "
                                    "file name)" if pw.sha256_prefix else "none published: the sha256 of the first "
                                    "download is recorded and checked at every later load"),
                weights_licence=pw.licence, reported_metrics=dict(pw.reported_metrics),
                reported_protocol=pw.reported_protocol, conversion_check=pw.conversion_check,
            )
        return words

    @property
    def architecture(self):
        """Its constructor arguments: from its folder's `config.json` once it has a folder (the
        Keras serialization the folder's weights belong to), else the entry's `config`."""
        if self.shipped:
            serialized = preset_folder.read_config(self.folder)
            if serialized.get("class_name") != self.model_class.__name__:
                raise ValueError(
                    f"Preset {self.name!r} is a {self.model_class.__name__}, but the config.json of its folder "
                    f"{self.folder} describes a {serialized.get('class_name')!r}: the folder is not this preset's."
                )
            return serialized["config"]
        if self.config is None:
            raise ValueError(
                f"Preset {self.name!r} has no architecture: its entry gives no `config` and there is no preset folder "
                f"at {self.folder}."
            )
        return self.config

    def build(self, **overrides):
        """The preset's model with fresh weights (built, not compiled); `overrides` replace
        entries of its `architecture`."""
        if self.shipped:
            return self.model_class.from_config({**self.architecture, **overrides})
        config = {key: _instantiate(value) for key, value in {**self.architecture, **overrides}.items()}
        return self.model_class(**config)

    def to_dict(self):
        """A JSON-friendly description (what `kerasgan.zoo.info` returns)."""
        metadata = self.metadata
        return {
            "name": self.name,
            "status": self.status,
            "model": self.model_class.__name__,
            "config": {key: _describe(value) for key, value in self.architecture.items()},
            "dataset": self.dataset,
            "data_licence": self.data_licence,
            "description": self.description,
            "paper": self.paper,
            "reference": self.reference,
            "recipe": self.recipe,
            "fit": dict(self.fit),
            "source": metadata.get("source", self.status_note),
            "weights": self.weights_source,
            "folder": self.folder if self.shipped else None,
            "sha256": metadata.get("sha256"),
            "metrics": dict(metadata.get("metrics", {})),
            "metrics_protocol": self.metrics_protocol,
            "training": dict(metadata.get("training", {})),
            "card": self.card,
            "status_note": self.status_note,
            "baselines": list(self.baselines),
        }


def describe_config(config):
    """`key=value, ...` of a preset config, networks as `Class(args)`."""
    return ", ".join(f"{k}={_config_value(v)}" for k, v in config.items())


def _config_value(value):
    if _is_spec(value):
        return f"{value[0].__name__}({', '.join(f'{k}={v!r}' for k, v in value[1].items())})"
    if isinstance(value, list):
        return f"[{', '.join(_config_value(v) for v in value)}]"
    return repr(value)


def _is_spec(value):
    return isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], type) and isinstance(value[1], dict)


def _instantiate(value):
    if isinstance(value, list):  # e.g. techniques
        return [_instantiate(v) for v in value]
    return value[0](**value[1]) if _is_spec(value) else value


def _describe(value):
    if isinstance(value, list):
        return [_describe(v) for v in value]
    if isinstance(value, dict) and {"class_name", "config"} <= set(value):  # a Keras serialization
        return {"class": value["class_name"], "config": value["config"]}
    if _is_spec(value):
        return {"class": value[0].__name__, "config": dict(value[1])}
    if hasattr(value, "get_config"):
        return {"class": type(value).__name__, "config": value.get_config()}
    return value


def _jsonable(value):
    return list(value) if isinstance(value, tuple) else value
