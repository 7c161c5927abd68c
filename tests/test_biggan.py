"""BigGAN: the reference's parameter counts, truncation, the orthogonal penalty against a closed
form, class conditioning and the EMA start."""

import keras
import numpy as np
import pytest
from gan_cases import trained_case
from saved_model_check import check_saved_model_export
from shapes_only import shapes_only

from kerasgan import StepContext
from kerasgan import techniques
from kerasgan.models import BigGAN
from kerasgan.models import BigGANDiscriminator
from kerasgan.models import BigGANGenerator


def _trainable(model):
    return sum(int(np.prod(v.shape)) for v in model.trainable_weights)


def _reference_g(ch, n_classes, dim_z, shared_dim, hier, in_ch, out_ch, attn_channels, n_out=3):
    """ajbrock/BigGAN-PyTorch Generator parameters (model.parameters(), SN u/BN stats excluded)."""
    conv = lambda i, o, k: i * o * k * k + o  # noqa: E731
    slots = len(in_ch) + 1 if hier else 1
    cond = (shared_dim + dim_z // slots) if shared_dim else n_classes
    total = n_classes * shared_dim + (dim_z // slots) * (16 * in_ch[0] * ch) + 16 * in_ch[0] * ch
    for i, o in zip(in_ch, out_ch, strict=True):
        i, o = i * ch, o * ch
        total += conv(i, o, 3) + conv(o, o, 3) + conv(i, o, 1) + 2 * cond * i + 2 * cond * o
    total += sum(2 * c * (c // 8) + c * (c // 2) * 2 + 1 for c in attn_channels)
    return total + 2 * out_ch[-1] * ch + conv(out_ch[-1] * ch, n_out, 3)


def _reference_d(ch, n_classes, in_ch, out_ch, down, attn_channels, n_in=3):
    conv = lambda i, o, k: i * o * k * k + o  # noqa: E731
    total = 0
    for i, o, d in zip((n_in, *[c * ch for c in in_ch[1:]]), [c * ch for c in out_ch], down, strict=True):
        total += conv(i, o, 3) + conv(o, o, 3) + (conv(i, o, 1) if (i != o or d) else 0)
    total += sum(2 * c * (c // 8) + c * (c // 2) * 2 + 1 for c in attn_channels)
    return total + out_ch[-1] * ch + 1 + n_classes * out_ch[-1] * ch


@shapes_only
def test_cifar10_config_parameter_counts():
    g = BigGANGenerator(128, (32, 32, 3), 10, ch=64, init="N02")
    d = BigGANDiscriminator((32, 32, 3), 10, ch=64, init="N02")
    assert _trainable(g) == _reference_g(64, 10, 128, 0, False, (4, 4, 4), (4, 4, 4), ()) == 4_304_387
    assert _trainable(d) == _reference_d(64, 10, (None, 4, 4, 4), (4, 4, 4, 4), (True, True, False, False), ())
    assert _trainable(d) == 4_207_361


@shapes_only
def test_imagenet128_config_parameter_counts():
    # launch_BigGAN_bs256x8.sh: G_ch = D_ch = 96, dim_z 120, shared_dim 128, hier, attention at 64.
    g = BigGANGenerator(120, (128, 128, 3), 1000, ch=96, shared_dim=128, hierarchical=True, attention=(64,), init="N02")
    d = BigGANDiscriminator((128, 128, 3), 1000, ch=96, attention=(64,), init="N02")
    expected_g = _reference_g(96, 1000, 120, 128, True, (16, 16, 8, 4, 2), (16, 8, 4, 2, 1), (2 * 96,))
    expected_d = _reference_d(96, 1000, (None, 1, 2, 4, 8, 16), (1, 2, 4, 8, 16, 16), (True,) * 5 + (False,), (96,))
    # The published counts (BigGAN-PyTorch test.py, compare_gan's resnet_biggan_test.py).
    assert _trainable(g) == expected_g == 70_433_988
    assert _trainable(d) == expected_d == 87_982_370


@pytest.fixture(scope="module")
def gan():
    model = BigGAN(image_shape=(32, 32, 1), latent_dim=8, num_classes=3, ch=2, shared_dim=4, hierarchical=True,
                   n_critic=1, seed=0)
    model.compile()
    return model


def test_truncation_bounds_every_latent(gan):
    z = gan.latent_numpy(np.random.default_rng(0), 2000, truncation=0.5)
    assert np.abs(z).max() <= 0.5 and z.std() > 0.2  # resampled, not clipped or rescaled
    assert np.mean(np.abs(z) > 0.45) > 0.05
    np.testing.assert_array_equal(gan.generate(4, seed=3, truncation=0.5), gan.generate(4, seed=3, truncation=0.5))
    assert not np.allclose(gan.generate(4, seed=3, truncation=0.5), gan.generate(4, seed=3))
    with pytest.raises(ValueError, match="positive threshold"):
        gan.generate(2, truncation=0.0)


def test_class_labels_change_the_output(gan):
    a = gan.generate(6, seed=1, labels=np.zeros(6, "int32"))
    b = gan.generate(6, seed=1, labels=np.full(6, 2, "int32"))
    assert np.abs(a - b).mean() > 1e-4


def test_orthogonal_penalty_closed_form(gan):
    shared = gan.generator.get_layer("shared").embeddings
    kernels = [v for v in gan.generator.trainable_variables if len(v.shape) >= 2 and v is not shared]
    assert len(kernels) >= 10 and all(v is not shared for v in kernels)
    expected = 0.0
    for v in kernels:
        w = np.asarray(v.numpy(), "float64").reshape(-1, v.shape[-1])
        gram = w.T @ w
        expected += np.sum((gram * (1 - np.eye(len(gram)))) ** 2)
    _, fake_labels = None, np.arange(2) % 3
    (ortho,) = [t for t in gan.step_techniques if isinstance(t, techniques.OrthogonalRegularization)]
    value = ortho.generator_terms(gan, StepContext(fake_labels=fake_labels))["ortho"]
    assert float(keras.ops.convert_to_numpy(value)) == pytest.approx(1e-4 * expected, rel=1e-5)


def test_ortho_gradient_matches_reference_update():
    """d/dW of β‖WᵀW ⊙ (1−I)‖² is 4β·W((WᵀW) ⊙ (1−I)): twice BigGAN-PyTorch's added gradient
    2β·((WWᵀ) ⊙ (1−I))W in its (out, in) layout, as the model's docstring states (central
    differences of our penalty's value)."""
    from kerasgan.losses import orthogonal_penalty

    w = np.random.default_rng(0).standard_normal((6, 4))
    eps = 1e-3
    numeric = np.zeros_like(w)
    for idx in np.ndindex(*w.shape):
        step = np.zeros_like(w)
        step[idx] = eps
        plus = float(keras.ops.convert_to_numpy(orthogonal_penalty([(w + step).astype("float32")], weight=1.0)))
        minus = float(keras.ops.convert_to_numpy(orthogonal_penalty([(w - step).astype("float32")], weight=1.0)))
        numeric[idx] = (plus - minus) / (2 * eps)
    torch_w = w.T  # (out, in)
    reference = 2.0 * ((torch_w @ torch_w.T) * (1 - np.eye(4))) @ torch_w
    np.testing.assert_allclose(numeric.T, 2 * reference, rtol=2e-2, atol=2e-3)


def test_ema_is_a_copy_before_ema_start():
    # The EMA start is the GAN core's (BigGAN's ema_start=20000 uses it): a small DCGAN compiles fast.
    from kerasgan.models import DCGAN

    model = DCGAN(image_shape=(28, 28, 1), latent_dim=8, base_filters=4, ema_decay=0.5, ema_start=100, seed=0)
    model.compile()
    x = np.random.default_rng(0).uniform(-1, 1, (8, 28, 28, 1)).astype("float32")
    model.fit(x, batch_size=4, epochs=1, verbose=0)
    assert int(model.g_optimizer.iterations.numpy()) == 2
    for e, w in zip(model.ema_generator.variables, model.generator.variables, strict=True):
        np.testing.assert_array_equal(e.numpy(), w.numpy())


def test_config_validation():
    with pytest.raises(ValueError, match="sizes? \\[32, 64, 128\\]"):
        BigGANGenerator(image_shape=(48, 48, 3))
    with pytest.raises(ValueError, match="needs the shared embedding"):
        BigGANGenerator(hierarchical=True)
    with pytest.raises(ValueError, match="not divisible"):
        BigGANGenerator(latent_dim=10, shared_dim=4, hierarchical=True)


def test_ema_generator_export(tmp_path):
    gan = trained_case("biggan")[0]  # trained (EMA from step 0) once per session, shared with the training tests
    z = gan.latent_numpy(np.random.default_rng(1), 3, truncation=1.0)
    labels = np.array([0, 1, 2], "int32")
    ema_out = keras.ops.convert_to_numpy(gan.ema_generator([z, labels]))
    np.testing.assert_allclose(gan.generate(3, seed=1, labels=labels, truncation=1.0), ema_out, atol=1e-6)
    check_saved_model_export(gan, tmp_path / "g", (z, labels), ema_out)


def test_cbn_maps_follow_the_reference_spectral_norm_choice():
    """BigGAN-PyTorch: SN linears for the CBN gain/bias with a shared embedding, plain per-class
    embeddings without one (`cbn_spectral_norm` overrides, as biggan_mnist, trained with SN)."""
    from kerasgan.layers import SNDense

    def cbn_maps(**kwargs):
        g = BigGANGenerator(image_shape=(32, 32, 3), num_classes=3, ch=2, **kwargs)
        return {type(layer.bn1.gain).__name__ for layer in g.layers if hasattr(layer, "bn1")}

    assert cbn_maps() == {"Dense"}
    assert cbn_maps(shared_dim=4) == {SNDense.__name__}
    assert cbn_maps(cbn_spectral_norm=True) == {SNDense.__name__}
