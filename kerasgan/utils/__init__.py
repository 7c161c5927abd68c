"""Low-level helpers shared by kerasgan's packages: files and hashes, downloads, argument checks,
image files. Nothing here imports another kerasgan package."""

from kerasgan.utils.download import IntegrityError
from kerasgan.utils.download import download_file
from kerasgan.utils.files import atomic_write
from kerasgan.utils.files import sha256_of_file
from kerasgan.utils.torch_checkpoint import read_pytorch_state_dict
from kerasgan.utils.torch_checkpoint import read_torch_checkpoint

__all__ = ["IntegrityError", "atomic_write", "download_file", "read_pytorch_state_dict", "read_torch_checkpoint",
           "sha256_of_file"]
