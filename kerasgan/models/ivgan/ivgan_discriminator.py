import keras

from kerasgan.models.ivgan.ivgan_generator import torch_batch_norm
from kerasgan.models.network import Network
from kerasgan.models.network import image_shape_arg
from kerasgan.models.network import num_resamplings


@keras.saving.register_keras_serializable(package="kerasgan")
class IVGANDiscriminator(Network):
    """The IVGAN discriminator with its intervention head (Liang et al., "Intervention GANs").

    Follows zhangliangyu32/IVGAN (`model_GAN.py`): the PyTorch DCGAN discriminator trunk, a 4×4
    stride-2 convolution to `filters` maps with LeakyReLU(0.2) and no BatchNorm, then k-1 such
    convolutions doubling the maps, each with BatchNorm and LeakyReLU(0.2), down to 4×4. Two heads
    read the same 4×4 features: the adversarial logit (a 4×4 valid convolution to one map,
    `linear1`; the sigmoid is inside the loss) and, when `num_blocks > 0`, the `num_blocks` logits
    of "which latent block was intervened on" (a linear layer on the flattened features,
    `linear2`, with bias). No other biases, weights N(0, 0.02). Outputs `[logit, block_logits]`,
    or the logit alone when `num_blocks == 0` (the same trunk as a plain DCGAN discriminator:
    the baseline of the IVGAN card).

    Args:
        image_shape: (size, size, channels), size 4·2^k.
        filters: maps of the first layer (`ndf = 64`).
        num_blocks: latent blocks the intervention chooses from (`np = 4`); 0 for no head.

    Example:

    ```python
    d = kerasgan.models.IVGANDiscriminator(image_shape=(32, 32, 3), num_blocks=4)
    logit, block_logits = d(np.zeros((2, 32, 32, 3), "float32"))  # (2, 1), (2, 4)
    ```
    """

    def __init__(self, image_shape=(64, 64, 3), filters=64, num_blocks=4, num_classes=0,
                 name="ivgan_discriminator", **kwargs):
        image_shape = image_shape_arg(image_shape, "IVGANDiscriminator")
        if num_classes:
            raise ValueError(f"IVGANDiscriminator is unconditional; received num_classes={num_classes}.")
        if isinstance(num_blocks, bool) or not isinstance(num_blocks, int) or num_blocks < 0:
            raise ValueError(f"`num_blocks` must be an int >= 0; received num_blocks={num_blocks!r}.")
        n_down = num_resamplings(image_shape, "IVGANDiscriminator")
        init = keras.initializers.RandomNormal(0.0, 0.02)
        x = keras.Input(image_shape, name="images")
        h = keras.layers.Conv2D(filters, 4, strides=2, padding="same", use_bias=False, kernel_initializer=init)(x)
        h = keras.layers.LeakyReLU(0.2)(h)
        width = filters
        for _ in range(n_down - 1):
            width *= 2
            h = keras.layers.Conv2D(width, 4, strides=2, padding="same", use_bias=False, kernel_initializer=init)(h)
            h = torch_batch_norm()(h)
            h = keras.layers.LeakyReLU(0.2)(h)
        logit = keras.layers.Conv2D(1, 4, padding="valid", use_bias=False, kernel_initializer=init, dtype="float32",
                                    name="adversarial_head")(h)
        logit = keras.layers.Reshape((1,), dtype="float32")(logit)
        outputs = logit
        flat = keras.layers.Flatten()(h)
        if num_blocks:
            outputs = [logit, keras.layers.Dense(num_blocks, kernel_initializer=init, dtype="float32",
                                                 name="intervention_head")(flat)]
        config = dict(image_shape=image_shape, filters=filters, num_blocks=num_blocks, num_classes=0)
        super().__init__(x, outputs, config, features=flat, name=name, **kwargs)
