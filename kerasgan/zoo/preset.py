import dataclasses
import os
import re

_NAME = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_ORIGIN = "https://github.com/kerasgan/kerasgan/releases/download/weights-v1/"


@dataclasses.dataclass(frozen=True)
class Preset:
    """A named configuration of a kerasgan model: architecture, recipe, metrics and weights.

    Presets are data, registered by the model packages with `kerasgan.zoo.register` and named
    `<model>_<dataset>[_<resolution>]`. A preset with `weights_file` and `sha256` is trained: its
    weights load by name. Without them it is "not trained yet": `load(name)` refuses and points to
    the recipe; `load(name, weights=False)` still builds the architecture.

    Args:
        name: `<model>_<dataset>[_<resolution>]`, lower case.
        model_class: the `kerasgan.GAN` subclass.
        config: its constructor arguments; a value `(NetworkClass, {kwargs})` builds a network.
        dataset: the training data set, in words.
        data_licence: the licence of that data set.
        description: what the preset is (architecture, size, conditioning).
        paper: the paper it reproduces.
        reference: the reference code its architecture and losses follow.
        recipe: the script that trains it, relative to the repository root.
        fit: how the recipe calls `fit` (batch size, epochs, ...), for the card.
        weights_file, sha256: the trained weights (`.weights.h5`, no optimizer state).
        metrics: measured values, e.g. `{"fid": 3.1}`; `metrics_protocol` says how.
        training: how it was trained (`epochs`, `seconds`, `backend`, `hardware`, ...).
        origin: download URL of the weights (default: `DEFAULT_ORIGIN` + `weights_file`).
        status_note: why a preset is not trained yet.
        baselines: names of presets trained by the same recipe without the model's key idea
            (e.g. IVGAN's DCGAN without the intervention loss); the card compares them.

    Example:

    ```python
    preset = kerasgan.zoo.get_preset("dcgan_mnist")
    preset.status, preset.metrics["fid"]
    gan = preset.build()  # fresh weights
    ```
    """

    name: str
    model_class: type
    config: dict
    dataset: str
    data_licence: str
    description: str
    paper: str
    reference: str
    recipe: str
    fit: dict = dataclasses.field(default_factory=dict)
    weights_file: str = None
    sha256: str = None
    metrics: dict = dataclasses.field(default_factory=dict)
    metrics_protocol: str = ""
    training: dict = dataclasses.field(default_factory=dict)
    origin: str = None
    status_note: str = ""
    baselines: tuple = ()

    def __post_init__(self):
        if not isinstance(self.name, str) or not _NAME.match(self.name):
            raise ValueError(
                f"Preset names are `<model>_<dataset>[_<resolution>]` in lower case; received {self.name!r}."
            )
        if (self.weights_file is None) != (self.sha256 is None):
            raise ValueError(
                f"Preset {self.name!r} needs both `weights_file` and `sha256` (trained) or neither "
                f"(not trained yet); received weights_file={self.weights_file!r}, sha256={self.sha256!r}."
            )
        if self.sha256 is not None and not _SHA256.match(self.sha256):
            raise ValueError(f"Preset {self.name!r}: `sha256` must be 64 lower-case hex digits; received {self.sha256!r}.")
        if self.weights_file is not None and not self.weights_file.endswith(".weights.h5"):
            raise ValueError(f"Preset {self.name!r}: `weights_file` must end in .weights.h5; received {self.weights_file!r}.")
        if self.sha256 is None and not self.status_note:
            raise ValueError(f"Preset {self.name!r} is not trained: give a `status_note` saying why.")

    @property
    def trained(self):
        return self.sha256 is not None

    @property
    def status(self):
        return "trained" if self.trained else "not trained yet"

    @property
    def card(self):
        return f"zoo/{self.name}.md"

    @property
    def sample_image(self):
        return f"zoo/images/{self.name}.png"

    @property
    def weights_origin(self):
        """The download URL, `$KERASGAN_WEIGHTS_ORIGIN/<weights_file>` when that is set (mirrors)."""
        if not self.trained:
            return None
        mirror = os.environ.get("KERASGAN_WEIGHTS_ORIGIN")
        if mirror:
            return mirror.rstrip("/") + "/" + self.weights_file
        return self.default_origin

    @property
    def default_origin(self):
        """The preset's own download URL (ignoring `KERASGAN_WEIGHTS_ORIGIN`)."""
        if not self.trained:
            return None
        return self.origin or DEFAULT_ORIGIN + self.weights_file

    def build(self):
        """The preset's model with fresh weights (built, not compiled)."""
        config = {key: _instantiate(value) for key, value in self.config.items()}
        return self.model_class(**config)

    def to_dict(self):
        """A JSON-friendly description (what `kerasgan.zoo.info` returns)."""
        return {
            "name": self.name,
            "status": self.status,
            "model": self.model_class.__name__,
            "config": {key: _describe(value) for key, value in self.config.items()},
            "dataset": self.dataset,
            "data_licence": self.data_licence,
            "description": self.description,
            "paper": self.paper,
            "reference": self.reference,
            "recipe": self.recipe,
            "fit": dict(self.fit),
            "weights_file": self.weights_file,
            "sha256": self.sha256,
            "origin": self.weights_origin,
            "metrics": dict(self.metrics),
            "metrics_protocol": self.metrics_protocol,
            "training": dict(self.training),
            "card": self.card,
            "status_note": self.status_note,
            "baselines": list(self.baselines),
        }


def _instantiate(value):
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], type) and isinstance(value[1], dict):
        return value[0](**value[1])
    return value


def _describe(value):
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], type) and isinstance(value[1], dict):
        return {"class": value[0].__name__, "config": dict(value[1])}
    if hasattr(value, "get_config"):
        return {"class": type(value).__name__, "config": value.get_config()}
    return value
