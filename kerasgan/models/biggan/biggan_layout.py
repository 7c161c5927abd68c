"""The reference's architecture tables (ajbrock/BigGAN-PyTorch `BigGAN.py` `G_arch`, `D_arch`)."""

G_ARCH = {
    32: dict(in_channels=(4, 4, 4), out_channels=(4, 4, 4), resolution=(8, 16, 32)),
    64: dict(in_channels=(16, 16, 8, 4), out_channels=(16, 8, 4, 2), resolution=(8, 16, 32, 64)),
    128: dict(in_channels=(16, 16, 8, 4, 2), out_channels=(16, 8, 4, 2, 1), resolution=(8, 16, 32, 64, 128)),
}
D_ARCH = {
    32: dict(in_channels=(None, 4, 4, 4), out_channels=(4, 4, 4, 4), downsample=(True, True, False, False),
             resolution=(16, 16, 16, 16)),
    64: dict(in_channels=(None, 1, 2, 4, 8), out_channels=(1, 2, 4, 8, 16), downsample=(True, True, True, True, False),
             resolution=(32, 16, 8, 4, 4)),
    128: dict(in_channels=(None, 1, 2, 4, 8, 16), out_channels=(1, 2, 4, 8, 16, 16),
              downsample=(True, True, True, True, True, False), resolution=(64, 32, 16, 8, 4, 4)),
}


def check_resolution(image_shape, cls_name):
    size = image_shape[0]
    if image_shape[0] != image_shape[1] or size not in G_ARCH:
        raise ValueError(
            f"{cls_name} has the reference's architectures for square images of size {sorted(G_ARCH)}; "
            f"received image_shape={tuple(image_shape)}."
        )
    return size


def initializer(name):
    """The reference's `G_init`/`D_init`: "ortho" (default), "N02" or "glorot"."""
    import keras

    table = {"ortho": keras.initializers.Orthogonal(), "N02": keras.initializers.RandomNormal(0.0, 0.02),
             "glorot": keras.initializers.GlorotUniform()}
    if name not in table:
        raise ValueError(f"`init` must be one of {sorted(table)}; received {name!r}.")
    return table[name]
