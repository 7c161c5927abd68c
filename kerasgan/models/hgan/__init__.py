from kerasgan.models.hgan.hgan import HGAN
from kerasgan.models.hgan.pixelcnn import PixelCNN

__all__ = ["HGAN", "PixelCNN"]
from kerasgan.models.hgan import presets  # noqa: E402,F401  (registers the presets)
