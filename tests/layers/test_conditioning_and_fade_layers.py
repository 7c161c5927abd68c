import keras
import numpy as np
import pytest

from kerasgan.layers import Bias
from kerasgan.layers import LevelOfDetailBlend
from kerasgan.layers import LinearConditionalBatchNormalization
from kerasgan.layers import ResidualBlockDown
from kerasgan.layers import ResidualBlockUp


@pytest.mark.parametrize("spectral_norm", [False, True])
def test_linear_cbn_matches_formula(spectral_norm):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((4, 3, 3, 5)).astype("float32")
    c = rng.standard_normal((4, 7)).astype("float32")
    bn = LinearConditionalBatchNormalization(spectral_norm=spectral_norm, kernel_initializer="glorot_uniform")
    out = keras.ops.convert_to_numpy(bn([x, c], training=True))
    mean, var = x.mean(axis=(0, 1, 2)), x.var(axis=(0, 1, 2))
    x_hat = (x - mean) / np.sqrt(var + 1e-5)
    if spectral_norm:  # the SN linear maps in inference mode (u is not updated) give c W / sigma(W)
        gain, bias = (keras.ops.convert_to_numpy(layer(c, training=False)) for layer in (bn.gain, bn.bias))
    else:
        gain, bias = (c @ keras.ops.convert_to_numpy(layer.kernel) for layer in (bn.gain, bn.bias))
    if spectral_norm:
        out = keras.ops.convert_to_numpy(bn([x, c], training=False))
        x_hat = (x - bn.moving_mean.numpy()) / np.sqrt(bn.moving_variance.numpy() + 1e-5)
    expected = x_hat * (1 + gain[:, None, None, :]) + bias[:, None, None, :]
    np.testing.assert_allclose(out, expected, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(keras.ops.convert_to_numpy(bn.moving_mean), 0.1 * mean, rtol=1e-5, atol=1e-6)
    assert sum(int(np.prod(v.shape)) for v in bn.trainable_weights) == 2 * 7 * 5  # no biases, no affine
    clone = LinearConditionalBatchNormalization.from_config(bn.get_config())
    assert clone.spectral_norm == spectral_norm and clone.epsilon == 1e-5


def test_fade_and_bias_layers():
    blend = LevelOfDetailBlend(offset=2)
    a, b = np.zeros((2, 3), "float32"), np.full((2, 3), 4.0, "float32")
    blend([a, b])
    for lod, expected in ((0.0, 0.0), (2.0, 0.0), (2.25, 1.0), (3.0, 4.0), (7.0, 4.0)):
        blend.lod.assign(lod)
        np.testing.assert_allclose(keras.ops.convert_to_numpy(blend([a, b])), expected)
    assert not blend.trainable_weights and LevelOfDetailBlend.from_config(blend.get_config()).offset == 2
    with pytest.raises(ValueError, match="offset"):
        LevelOfDetailBlend(offset=-1)
    bias = Bias()
    y = bias(np.ones((2, 4, 4, 3), "float32"))
    assert [tuple(v.shape) for v in bias.trainable_weights] == [(3,)] and np.all(keras.ops.convert_to_numpy(y) == 1)


def test_biggan_block_options():
    up = ResidualBlockUp(8, spectral_norm=True, linear_conditioning=True)
    out = up([np.ones((2, 4, 4, 6), "float32"), np.ones((2, 5), "float32")], training=True)
    assert tuple(out.shape) == (2, 8, 8, 8)
    assert type(up.conv1).__name__ == "SNConv2D" and type(up.bn1).__name__ == "LinearConditionalBatchNormalization"
    assert ResidualBlockUp.from_config(up.get_config()).linear_conditioning
    with pytest.raises(ValueError, match="not both"):
        ResidualBlockUp(8, num_classes=3, linear_conditioning=True)
    wide = ResidualBlockDown(16, wide=True)
    wide(np.ones((2, 8, 8, 4), "float32"))
    assert tuple(wide.conv1.kernel.shape) == (3, 3, 4, 16)  # hidden = filters (BigGAN)
    narrow = ResidualBlockDown(16)
    narrow(np.ones((2, 8, 8, 4), "float32"))
    assert tuple(narrow.conv1.kernel.shape) == (3, 3, 4, 4)  # hidden = input channels (SN-GAN)
