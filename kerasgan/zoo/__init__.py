"""The kerasgan model zoo: presets by name, with cards, recipes and sha256-checked weights.

```python
kerasgan.zoo.list()                      # every preset name
kerasgan.zoo.info("dcgan_mnist")         # data, recipe, metrics, status, sha256, ...
gan = kerasgan.zoo.load("dcgan_mnist")   # a trained preset shipped with kerasgan
gan = kerasgan.zoo.load("my_gan/")       # a preset folder written by gan.save_to_preset
```
"""

from kerasgan.core import preset_folder as _preset_folder
from kerasgan.zoo.api import info
from kerasgan.zoo.api import list_presets as list  # noqa: A001 (the public name is zoo.list)
from kerasgan.zoo.api import load
from kerasgan.zoo.errors import PresetNotTrainedError
from kerasgan.zoo.errors import UnknownPresetError
from kerasgan.zoo.errors import WeightsIntegrityError
from kerasgan.zoo.preset import Preset
from kerasgan.zoo.registry import get_preset
from kerasgan.zoo.registry import register

# The one preset loader: `GAN.from_preset` calls it; the core itself never imports the zoo.
_preset_folder.set_preset_loader(load)

__all__ = [
    "Preset", "PresetNotTrainedError", "UnknownPresetError", "WeightsIntegrityError", "get_preset",
    "info", "list", "load", "register",
]
