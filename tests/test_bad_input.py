"""Bad input fails early with an error naming what was expected and what was received."""

import keras
import numpy as np
import pytest

import kerasgan
from kerasgan.models import DCGAN
from kerasgan.models import SNGAN


@pytest.fixture(scope="module")
def dcgan():
    gan = DCGAN(image_shape=(28, 28, 1), latent_dim=8, base_filters=4, seed=0)
    gan.compile()
    return gan


def _fit(gan, *data, batch_size=8):
    return gan.fit(*data, batch_size=batch_size, epochs=1, verbose=0)


def test_wrong_image_size(dcgan):
    x = np.zeros((8, 32, 32, 1), "float32")
    with pytest.raises(
        ValueError, match=r"expects images of shape \(batch, 28, 28, 1\).*received shape \(8, 32, 32, 1\)"
    ):
        _fit(dcgan, x)


def test_wrong_channels(dcgan):
    x = np.zeros((8, 28, 28, 3), "float32")
    with pytest.raises(ValueError, match=r"\(batch, 28, 28, 1\).*channels last.*received shape \(8, 28, 28, 3\)"):
        _fit(dcgan, x)


def test_channels_first_or_missing_channel_axis(dcgan):
    with pytest.raises(ValueError, match=r"received shape \(8, 28, 28\)"):
        _fit(dcgan, np.zeros((8, 28, 28), "float32"))


def test_integer_images(dcgan):
    x = np.zeros((8, 28, 28, 1), "uint8")
    with pytest.raises(
        TypeError, match=r"floating-point images scaled to \[-1, 1\]; received dtype uint8.*scale_images"
    ):
        _fit(dcgan, x)


def test_weights_untouched_after_bad_input(dcgan):
    before = [np.array(v.numpy()) for v in dcgan.variables]
    with pytest.raises(TypeError):
        _fit(dcgan, np.zeros((8, 28, 28, 1), "int32"))
    for b, v in zip(before, dcgan.variables, strict=True):
        np.testing.assert_array_equal(b, v.numpy())


def test_non_finite_data_is_refused_before_training(dcgan):
    x = np.full((8, 28, 28, 1), np.nan, "float32")
    with pytest.raises(ValueError, match=r"x holds NaN or infinite values \(8 images, the first at index 0\)"):
        _fit(dcgan, x)


@pytest.fixture(scope="module")
def conditional():
    gan = SNGAN(image_shape=(8, 8, 1), latent_dim=4, g_filters=4, d_filters=4, num_classes=3, n_critic=1, seed=0)
    gan.compile()
    return gan


def test_labels_missing_for_conditional_model(conditional):
    with pytest.raises(
        ValueError, match=r"class-conditional \(3 classes\).*tuple \(images, labels\).*received images only"
    ):
        _fit(conditional, np.zeros((8, 8, 8, 1), "float32"))


def test_one_hot_labels_rejected(conditional):
    x = np.zeros((8, 8, 8, 1), "float32")
    y = np.eye(3, dtype="float32")[np.arange(8) % 3]
    with pytest.raises(ValueError, match=r"integer ids of shape \(batch,\).*received dtype float32 and shape \(8, 3\)"):
        _fit(conditional, x, y)


def test_generate_label_checks(conditional):
    with pytest.raises(ValueError, match=r"`labels` must hold 2 class ids in \[0, 3\)"):
        conditional.generate(2, labels=[0, 5])


def test_batch_smaller_than_n_critic():
    gan = SNGAN(image_shape=(8, 8, 1), latent_dim=4, g_filters=4, d_filters=4, n_critic=5, seed=0)
    gan.compile()
    with pytest.raises(ValueError, match=r"n_critic=5 discriminator steps.*at least 5 images; received a batch of 4"):
        _fit(gan, np.zeros((4, 8, 8, 1), "float32"), batch_size=4)


def test_bad_constructor_arguments():
    with pytest.raises(ValueError, match=r"`n_critic` must be a positive int; received 0"):
        DCGAN(image_shape=(28, 28, 1), base_filters=4, n_critic=0)
    with pytest.raises(ValueError, match=r"supports image sizes 4\*2\^k or 7\*2\^k.*received 30"):
        DCGAN(image_shape=(30, 30, 1))
    with pytest.raises(ValueError, match=r"adversarial|valid"):
        DCGAN(image_shape=(28, 28, 1), base_filters=4, adversarial_loss="nope")


def test_compile_rejects_loss_argument():
    gan = DCGAN(image_shape=(28, 28, 1), latent_dim=4, base_filters=4)
    with pytest.raises(ValueError, match=r"takes no `loss` or `metrics`.*'non_saturating'"):
        gan.compile(loss="mse")


def test_partial_last_batch_smaller_than_n_critic_is_refused_before_training():
    gan = SNGAN(image_shape=(8, 8, 1), latent_dim=4, g_filters=4, d_filters=4, n_critic=5, seed=0)
    gan.compile()
    with pytest.raises(
        ValueError,
        match=r"last batch of an epoch would hold 3 images \(23 images, batch_size=10\), fewer than n_critic=5",
    ):
        _fit(gan, np.zeros((23, 8, 8, 1), "float32"), batch_size=10)
    assert int(gan.g_optimizer.iterations.numpy()) == 0


# ------------------------------------------------------------------ data checked before the first step
def _weights(gan):
    return [keras.ops.convert_to_numpy(v) for v in [*gan.weights, *gan.optimizer.variables]]


def _assert_same(before, after):
    assert len(before) == len(after)
    for b, a in zip(before, after, strict=True):
        np.testing.assert_array_equal(b, a)


def test_nan_data_leaves_a_fine_tuned_preset_unchanged():
    gan = kerasgan.zoo.load("dcgan_mnist")
    gan.compile()
    x = kerasgan.data.load_mnist_subset(64)[0]
    x[5, 3, 3, 0] = np.nan
    before = _weights(gan)
    with pytest.raises(ValueError, match=r"x holds NaN or infinite values \(1 images, the first at index 5\)"):
        _fit(gan, x)
    _assert_same(before, _weights(gan))


def _stream(batches):
    def generate():
        yield from ((b,) for b in batches)

    return generate()


def test_a_nan_batch_mid_stream_is_undone_and_stops_training():
    """A Python generator is not peeked: the step sees the NaN batch, undoes itself and stops."""
    x = np.random.default_rng(0).uniform(-1, 1, (16, 28, 28, 1)).astype("float32")
    bad = x[8:].copy()
    bad[2, 4, 4, 0] = np.nan
    first = DCGAN(image_shape=(28, 28, 1), latent_dim=8, base_filters=4, seed=0)
    twins = [first, DCGAN.from_config(first.get_config())]
    twins[1].set_weights(first.get_weights())
    for gan in twins:
        gan.compile()
    twins[1].fit(_stream([x[:8]]), steps_per_epoch=1, epochs=1, verbose=0)
    with pytest.raises(FloatingPointError, match=r"'d_loss' is nan at epoch 0, batch 1.*NaN or infinite values in "
                                                  r"that batch.*weights and optimizer state are those from before"):
        twins[0].fit(_stream([x[:8], bad]), steps_per_epoch=2, epochs=1, verbose=0)
    assert int(twins[0].optimizer.iterations) == 1
    _assert_same(_weights(twins[1]), _weights(twins[0]))


@pytest.mark.parametrize("scale, match", [
    (127.5, r"values in \[0, 255\]: they look like pixels in \[0, 255\]: `kerasgan.data.scale_images\(x, "
            r"input_range=\(0, 255\)\)`"),
    (0.5, r"values in \[0, 1\], none negative: they look like images in \[0, 1\].*input_range=\(0, 1\)"),
])
def test_unscaled_images_name_scale_images(dcgan, scale, match):
    x = (np.linspace(-1, 1, 8 * 28 * 28).reshape(8, 28, 28, 1).astype("float32") + 1.0) * scale
    with pytest.raises(ValueError, match=match):
        _fit(dcgan, x)
    fixed = kerasgan.data.scale_images(x, input_range=(0, 255) if scale > 1 else (0, 1))
    assert abs(fixed.min() + 1.0) < 1e-6 and abs(fixed.max() - 1.0) < 1e-6


def test_empty_data(dcgan):
    with pytest.raises(ValueError, match=r"DCGAN.fit received no images: x has shape \(0, 28, 28, 1\)"):
        _fit(dcgan, np.zeros((0, 28, 28, 1), "float32"))

    class Empty(keras.utils.PyDataset):
        def __len__(self):
            return 0

        def __getitem__(self, index):
            raise IndexError(index)

    with pytest.raises(ValueError, match="DCGAN.fit received a Empty that yields no batches"):
        dcgan.fit(Empty(), epochs=1, verbose=0)


@pytest.mark.parametrize("labels, match", [
    (np.arange(8) % 10, r"has 3 classes: labels must be ids in \[0, 3\); y hold values in \[0, 7\] \(5 of 8 outside\)"),
    (np.full(8, -1), r"has 3 classes: labels must be ids in \[0, 3\); y hold values in \[-1, -1\] \(8 of 8 outside\)"),
])
def test_labels_out_of_range(conditional, labels, match):
    with pytest.raises(ValueError, match=match):
        _fit(conditional, np.zeros((8, 8, 8, 1), "float32"), labels)


def test_labels_given_to_an_unconditional_model(dcgan):
    with pytest.raises(ValueError, match=r"DCGAN is unconditional \(num_classes=0\), but fit received labels \(y, "
                                         r"shape \(8,\)\): they would be ignored"):
        _fit(dcgan, np.zeros((8, 28, 28, 1), "float32"), np.zeros(8, "int32"))


class _Batches(keras.utils.PyDataset):
    def __init__(self, batches):
        super().__init__()
        self.batches = batches

    def __len__(self):
        return len(self.batches)

    def __getitem__(self, index):
        return self.batches[index]


def test_streams_are_checked_by_their_first_batch(conditional):
    images = np.zeros((8, 8, 8, 1), "float32")
    with pytest.raises(ValueError, match=r"labels must be ids in \[0, 3\); the first batch's labels hold values in "
                                         r"\[2, 9\] \(7 of 8 outside\)"):
        conditional.fit(_Batches([(images, np.arange(8) + 2)]), epochs=1, verbose=0)
    nan = images.copy()
    nan[0, 0, 0, 0] = np.inf
    with pytest.raises(ValueError, match=r"the first batch's images holds NaN or infinite values"):
        conditional.fit(_Batches([(nan, np.zeros(8, "int32"))]), epochs=1, verbose=0)


def test_tf_data_first_batch_is_checked(dcgan):
    tf = pytest.importorskip("tensorflow")
    x = np.full((8, 28, 28, 1), 200.0, "float32")
    with pytest.raises(ValueError, match=r"the first batch's images holds values in \[200, 200\]: they look like "
                                         r"pixels in \[0, 255\]"):
        dcgan.fit(tf.data.Dataset.from_tensor_slices(x).batch(8), epochs=1, verbose=0)
