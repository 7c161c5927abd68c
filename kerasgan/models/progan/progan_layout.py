"""Feature-map widths and resolution checks shared by ProGAN's generator and discriminator."""

import math


def feature_maps(fmap_base, fmap_decay, fmap_max):
    """The reference's `nf(stage) = min(int(fmap_base / 2**(stage * fmap_decay)), fmap_max)`."""

    def nf(stage):
        return min(int(fmap_base / (2.0 ** (stage * fmap_decay))), fmap_max)

    return nf


def resolution_log2(image_shape, cls_name):
    """log2 of the (square, power-of-two, at least 8) image size."""
    size = image_shape[0]
    log2 = int(round(math.log2(size))) if size > 0 else 0
    if image_shape[0] != image_shape[1] or 2**log2 != size or log2 < 3:
        raise ValueError(
            f"{cls_name} grows from 4×4 to square power-of-two images of at least 8×8; received "
            f"image_shape={tuple(image_shape)}."
        )
    return log2
