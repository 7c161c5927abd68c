"""The converters the BigGAN presets use: a publisher's release in OpenMMLab's layout, or the
authors' own BigGAN-PyTorch state dicts, told apart by their keys."""

from kerasgan.models.biggan.biggan_pytorch_weights import architecture_for
from kerasgan.models.biggan.biggan_pytorch_weights import convert_biggan_pytorch
from kerasgan.models.biggan.biggan_pytorch_weights import is_biggan_pytorch_state
from kerasgan.models.biggan.openmmlab_weights import convert_openmmlab_biggan

__all__ = ["architecture_for", "convert_biggan_cifar10", "convert_biggan_imagenet"]


def convert_biggan_cifar10(checkpoint, gan):
    """OpenMMLab's BigGAN CIFAR-10 checkpoint (BGR, torch spectral norm), or a BigGAN-PyTorch state
    dict of that configuration, into `gan`; returns the converted network names."""
    if is_biggan_pytorch_state(checkpoint):
        return convert_biggan_pytorch(checkpoint, gan)
    return convert_openmmlab_biggan(checkpoint, gan, bgr=True)


def convert_biggan_imagenet(checkpoint, gan):
    """OpenMMLab's conversion of BigGAN-PyTorch's ImageNet release (RGB), or the authors' own
    `G.pth` / `G_ema.pth` / `D.pth`, into `gan`; returns the converted network names."""
    if is_biggan_pytorch_state(checkpoint):
        return convert_biggan_pytorch(checkpoint, gan)
    return convert_openmmlab_biggan(checkpoint, gan, bgr=False)
