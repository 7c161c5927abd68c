"""The zoo's errors: each names what was expected and what was received."""

from kerasgan.utils.download import IntegrityError


class UnknownPresetError(KeyError):
    """No preset of that name is registered (the message lists close matches)."""

    def __str__(self):
        return str(self.args[0]) if self.args else ""


class PresetNotTrainedError(RuntimeError):
    """The preset's weights have not been trained yet; its recipe trains them."""


class WeightsIntegrityError(IntegrityError):
    """A weights file's sha256 is not the one the preset records."""
