import dataclasses
import os
import re

_PREFIX = re.compile(r"-([0-9a-f]{8})\.pth$")


@dataclasses.dataclass(frozen=True)
class PublisherWeights:
    """A released checkpoint that a preset converts into kerasgan's networks.

    The zoo downloads the publisher's file by name (`url`), checks it, reads it without torch,
    converts it with `converter` into the preset's model and caches the converted preset folder
    under `$KERAS_HOME/kerasgan/converted/<preset>/`; later loads use that folder.

    Checks: a full `sha256` when one is pinned; else the 8-hex-digit prefix that OpenMMLab (and
    torch.hub) put at the end of the file name; else, for publishers that give no checksum
    (Google Drive), the sha256 of the first download is recorded next to the cached file and
    checked at every later load (with a one-time warning saying so).

    Args:
        publisher: who released it, e.g. `"Mimicry"`, `"OpenMMLab"`.
        url: the download URL (`$KERASGAN_MIRROR/<file_name>` replaces it when that is set).
        file_name: the publisher's file name, kept in the cache.
        converter: `converter(checkpoint, gan) -> [network names converted]`, where `checkpoint`
            is the file as `kerasgan.utils.read_torch_checkpoint` returns it.
        licence: the licence of the released weights.
        reported_metrics: what the publisher reports, e.g. `{"fid": 16.77, "is": 7.97}`.
        reported_protocol: how the publisher measured them.
        page: where the publisher lists the file.
        conversion_check: how the conversion was proven exact (shown on the card).
        sha256: the file's full sha256, if known.
        architecture: optional `architecture(checkpoint) -> {config overrides}` for files that
            need another variant of the preset's networks (BigGAN presets: the authors' own
            BigGAN-PyTorch state dicts build the authors' spectral norm).
    """

    publisher: str
    url: str
    file_name: str
    converter: object
    licence: str
    reported_metrics: dict
    reported_protocol: str
    page: str
    conversion_check: str
    sha256: str = None
    architecture: object = None

    @property
    def sha256_prefix(self):
        """The published prefix at the end of the file name (`-<8 hex>.pth`), or None."""
        match = _PREFIX.search(self.file_name)
        return match.group(1) if match else None

    @property
    def expected_hash(self):
        return self.sha256 or self.sha256_prefix

    @property
    def download_url(self):
        mirror = os.environ.get("KERASGAN_MIRROR")
        return mirror.rstrip("/") + "/" + self.file_name if mirror else self.url
