import keras
import numpy as np
import pytest

from kerasgan.layers import LinearMaxout
from kerasgan.models import MLPDiscriminator
from kerasgan.models import MLPGenerator


def test_maxout_over_contiguous_groups():
    layer = LinearMaxout(3, num_pieces=4)
    x = np.random.default_rng(0).standard_normal((5, 2)).astype("float32")
    y = keras.ops.convert_to_numpy(layer(x))
    kernel, bias = (keras.ops.convert_to_numpy(w) for w in layer.linear.weights)
    expected = (x @ kernel + bias).reshape(5, 3, 4).max(axis=-1)
    np.testing.assert_allclose(y, expected, rtol=1e-5, atol=1e-6)


def test_config_round_trip_and_bad_arguments():
    layer = LinearMaxout(7, num_pieces=2, kernel_initializer=keras.initializers.RandomNormal(0.0, 0.02))
    clone = LinearMaxout.from_config(layer.get_config())
    assert (clone.units, clone.num_pieces) == (7, 2)
    with pytest.raises(ValueError, match="num_pieces=0"):
        LinearMaxout(4, num_pieces=0)


def test_pacgan_2d_networks_parameter_counts():
    # fjxmlzn/PacGAN 2-D: G 2 -> 4 x 400 (no bias, BN) -> 2; D 2 -> 3 x maxout(200 x 5) -> 1.
    g, d = MLPGenerator(), MLPDiscriminator()
    g_trainable = sum(int(np.prod(v.shape)) for v in g.trainable_weights)
    assert g_trainable == 2 * 400 + 3 * 400 * 400 + 4 * 2 * 400 + 400 * 2 + 2
    d_trainable = sum(int(np.prod(v.shape)) for v in d.trainable_weights)
    assert d_trainable == (2 * 1000 + 1000) + 2 * (200 * 1000 + 1000) + (200 + 1)
    assert g.image_shape == (2,) and d.image_shape == (2,)
    assert MLPGenerator.from_config(g.get_config()).count_params() == g.count_params()
    with pytest.raises(ValueError, match="positive int `units`"):
        MLPGenerator(units=0)
