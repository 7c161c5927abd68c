"""Bad input fails early with an error naming what was expected and what was received."""

import numpy as np
import pytest

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


def test_non_finite_loss_raises(dcgan):
    x = np.full((8, 28, 28, 1), np.nan, "float32")
    with pytest.raises(
        FloatingPointError, match=r"'(d_loss|g_loss)' is nan at epoch 0, batch 0; expected a finite value"
    ):
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
