"""Reference architectures have exactly the reference code's parameter counts (computed by hand)."""

import numpy as np
from shapes_only import shapes_only

from kerasgan.models import DCGANDiscriminator
from kerasgan.models import DCGANGenerator
from kerasgan.models import SNGANResNetDiscriminator
from kerasgan.models import SNGANResNetGenerator
from kerasgan.models import WGANGPResNetCritic
from kerasgan.models import WGANGPResNetGenerator


def conv(k, cin, cout, bias=True):
    return k * k * cin * cout + (cout if bias else 0)


def bn(c):
    return 2 * c  # gamma and beta; running statistics are not parameters


def trainable(model):
    return int(sum(np.prod(v.shape) for v in model.trainable_variables))


@shapes_only
def test_sngan_resnet32_generator():
    # gen_models/resnet_32.py: l1 Linear(128, 4*4*256); 3 x Block(256, 256, upsample) with
    # b1, b2 BatchNorm, c1, c2 3x3 convs and c_sc 1x1 (learnable: upsample); b5; c5 3x3 -> 3.
    ch = 256
    block = bn(ch) + conv(3, ch, ch) + bn(ch) + conv(3, ch, ch) + conv(1, ch, ch)
    expected = (128 * 16 * ch + 16 * ch) + 3 * block + bn(ch) + conv(3, ch, 3)
    assert expected == 4_276_739
    assert trainable(SNGANResNetGenerator()) == expected


@shapes_only
def test_sngan_resnet32_conditional_generator():
    # CategoricalConditionalBatchNormalization: per-class gamma and beta (10 x C each).
    ch, k = 256, 10
    block = 2 * k * ch + conv(3, ch, ch) + 2 * k * ch + conv(3, ch, ch) + conv(1, ch, ch)
    expected = (128 * 16 * ch + 16 * ch) + 3 * block + bn(ch) + conv(3, ch, 3)
    assert trainable(SNGANResNetGenerator(num_classes=k)) == expected


@shapes_only
def test_sngan_resnet32_discriminator():
    # dis_models/snresnet_32.py: OptimizedBlock(3, 128), Block(down), 2 x Block, SNLinear(128, 1, nobias).
    ch = 128
    optimized = conv(3, 3, ch) + conv(3, ch, ch) + conv(1, 3, ch)
    down = conv(3, ch, ch) + conv(3, ch, ch) + conv(1, ch, ch)
    plain = conv(3, ch, ch) + conv(3, ch, ch)
    expected = optimized + down + 2 * plain + ch
    assert expected == 1_053_824
    assert trainable(SNGANResNetDiscriminator()) == expected
    # The projection discriminator adds the SN embedding (10 x 128).
    assert trainable(SNGANResNetDiscriminator(num_classes=10)) == expected + 10 * ch


@shapes_only
def test_wgangp_resnet_critic():
    # gan_cifar_resnet.py, DIM_D = 128: OptimizedResBlockDisc1, down block, 2 blocks with identity
    # shortcut, Linear(128, 1) with bias; no normalization.
    d = 128
    expected = (
        (conv(3, 3, d) + conv(3, d, d) + conv(1, 3, d))
        + (2 * conv(3, d, d) + conv(1, d, d))
        + 2 * (2 * conv(3, d, d))
        + (d + 1)
    )
    assert expected == 1_053_825
    assert trainable(WGANGPResNetCritic()) == expected


@shapes_only
def test_wgangp_resnet_generator():
    # gan_cifar_resnet.py, DIM_G = 128: Linear(128, 4*4*128), 3 up blocks (N1, Conv1, N2, Conv2,
    # 1x1 shortcut), Normalize, Conv 3x3 -> 3.
    d = 128
    block = bn(d) + conv(3, d, d) + bn(d) + conv(3, d, d) + conv(1, d, d)
    expected = (128 * 16 * d + 16 * d) + 3 * block + bn(d) + conv(3, d, 3)
    assert trainable(WGANGPResNetGenerator()) == expected


@shapes_only
def test_dcgan_64():
    # Newmu/dcgan_code faces: nz=100, ngf=ndf=128, nc=3, no biases; gw (100 x 16384) with
    # BatchNorm over its 16384 outputs; 5x5 deconvs 1024->512->256->128->3 (BN on the first three).
    g = (
        100 * 16384
        + bn(16384)
        + conv(5, 1024, 512, False)
        + bn(512)
        + conv(5, 512, 256, False)
        + bn(256)
        + conv(5, 256, 128, False)
        + bn(128)
        + conv(5, 128, 3, False)
    )
    assert g == 18_885_760
    assert trainable(DCGANGenerator(latent_dim=100, image_shape=(64, 64, 3), base_filters=128)) == g
    # dw 3->128 (no BN), 128->256, 256->512, 512->1024 (BN), dwy (1024*4*4 x 1).
    d = (
        conv(5, 3, 128, False)
        + conv(5, 128, 256, False)
        + bn(256)
        + conv(5, 256, 512, False)
        + bn(512)
        + conv(5, 512, 1024, False)
        + bn(1024)
        + 1024 * 16
    )
    assert d == 17_232_768
    assert trainable(DCGANDiscriminator(image_shape=(64, 64, 3), base_filters=128)) == d
