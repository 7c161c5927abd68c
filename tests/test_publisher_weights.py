"""Publishers' released checkpoints: each converter against outputs of the publisher's own code
(reduced-width fixtures in the publisher's exact layout, tests/fixtures/publishers), and the zoo's
download, check, convert and cache path against a real HTTP server on 127.0.0.1."""

import dataclasses
import os
import shutil
import warnings

import numpy as np
import pytest
from local_http import serve

import kerasgan
from kerasgan import zoo
from kerasgan.models.biggan.converters import convert_biggan_cifar10
from kerasgan.models.biggan.converters import convert_biggan_imagenet
from kerasgan.models.dcgan import openmmlab_weights as dcgan_openmmlab
from kerasgan.models.dcgan.openmmlab_weights import convert_openmmlab_dcgan
from kerasgan.models.mimicry_weights import convert_mimicry_generator
from kerasgan.models.progan import openmmlab_weights as progan_openmmlab
from kerasgan.models.progan.openmmlab_weights import convert_openmmlab_pggan
from kerasgan.models.sngan.openmmlab_weights import convert_openmmlab_sngan_projection
from kerasgan.utils import download as download_module
from kerasgan.utils import read_torch_checkpoint
from kerasgan.utils import sha256_of_file
from kerasgan.zoo import converted as converted_module
from kerasgan.zoo import registry
from kerasgan.zoo.converted import converted_dir
from kerasgan.zoo.converted import downloads_dir

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures", "publishers")
EXPECTED = np.load(os.path.join(FIXTURES, "expected_outputs.npz"))
TOLERANCE = 1e-4  # of the output's range (the bar); measured ~1e-6 on every backend


def _fixture(name):
    return read_torch_checkpoint(os.path.join(FIXTURES, name))


def _expected(key):
    return EXPECTED[key]


def _nhwc(images, bgr=False):
    x = np.transpose(images, (0, 2, 3, 1))
    return np.ascontiguousarray(x[..., ::-1] if bgr else x)


def _relative(actual, expected):
    return float(np.abs(np.asarray(actual) - expected).max() / (expected.max() - expected.min()))


def _run(network, inputs):
    # The path `generate` takes (on JAX one compiled call: eager JAX compiles op by op, 20 s for
    # BigGAN-128's generator against 3 s here).
    return np.asarray(kerasgan.backend.predict(network, inputs))


def _assert_generators_match(gan, key, inputs):
    """The converted generator and EMA generator against the publisher's BGR outputs of `key`."""
    for network, array in ((gan.generator, "g_out"), (gan.ema_generator, "g_ema_out")):
        assert _relative(_run(network, inputs), _nhwc(_expected(f"{key}/{array}"), bgr=True)) < TOLERANCE


# ------------------------------------------------------------------ the networks of each fixture
def mimicry_sngan():
    g = kerasgan.models.SNGANResNetGenerator(128, (32, 32, 3), 16, upsampling="bilinear", bn_epsilon=1e-5)
    return kerasgan.models.SNGAN(generator=g, d_filters=16, seed=0)


def mimicry_wgangp():
    g = kerasgan.models.WGANGPResNetGenerator(128, (32, 32, 3), 16, upsampling="bilinear")
    return kerasgan.models.WGANGP(generator=g, d_filters=16, seed=0)


def openmmlab_sngan_projection():
    g = kerasgan.models.SNGANResNetGenerator(128, (32, 32, 3), 16, 10, bn_epsilon=1e-4)
    d = kerasgan.models.SNGANResNetDiscriminator((32, 32, 3), 16, 10, final_bias=True, sn_inference="stored")
    return kerasgan.models.SNGAN(generator=g, discriminator=d, seed=0)


def openmmlab_biggan_cifar10():
    return kerasgan.models.BigGAN(
        image_shape=(32, 32, 3), num_classes=10, ch=4, init="N02", ema_decay=0.9999, sn_inference="stored", seed=0
    )


def biggan_imagenet128():
    g = kerasgan.models.BigGANGenerator(120, (128, 128, 3), 10, ch=4, shared_dim=16, hierarchical=True, attention=(64,))
    d = kerasgan.models.BigGANDiscriminator((128, 128, 3), 10, ch=8, attention=(64,))
    return kerasgan.models.BigGAN(generator=g, discriminator=d, ema_decay=0.9999, seed=0)


# mmgeneration's PGGAN at 64×64, base 256, max 32 maps (nf 32, 32, 32, 32, 16, 8, 4), latent 32.
PGGAN_FIXTURE = dict(
    generator=(kerasgan.models.ProGANGenerator,
               dict(latent_dim=32, image_shape=(64, 64, 3), fmap_base=256, fmap_max=32,
                    **progan_openmmlab.GENERATOR_OPTIONS)),
    discriminator=(kerasgan.models.ProGANDiscriminator,
                   dict(image_shape=(64, 64, 3), fmap_base=256, fmap_max=32,
                        **progan_openmmlab.DISCRIMINATOR_OPTIONS)),
    seed=0,
)
# mmgeneration's DCGAN at 64×64 with G base 64 (64 → 32 → 16 → 8 maps) and D base 8.
DCGAN_FIXTURE = dict(
    generator=(kerasgan.models.DCGANGenerator,
               dict(latent_dim=100, image_shape=(64, 64, 3), base_filters=8, **dcgan_openmmlab.GENERATOR_OPTIONS)),
    discriminator=(kerasgan.models.DCGANDiscriminator,
                   dict(image_shape=(64, 64, 3), base_filters=8, **dcgan_openmmlab.DISCRIMINATOR_OPTIONS)),
    latent_distribution="normal",
    seed=0,
)


def _build(name, config):
    """The preset `name` at a fixture's width."""
    return dataclasses.replace(zoo.get_preset(name), config=config).build()


# ------------------------------------------------------------------ converters vs the publishers' code
@pytest.mark.parametrize("fixture, build", [("mimicry_sngan32", mimicry_sngan), ("mimicry_wgangp32", mimicry_wgangp)])
def test_mimicry_generators_equal_mimicrys_own(fixture, build):
    gan = build()
    assert convert_mimicry_generator(_fixture(f"{fixture}_netG.pth"), gan) == ["generator"]
    out = _run(gan.generator, _expected(f"{fixture}/z"))
    assert _relative(out, _nhwc(_expected(f"{fixture}/g_out"))) < TOLERANCE


def test_mimicry_needs_its_bilinear_generator():
    with pytest.raises(ValueError, match="needs a generator built with upsampling='bilinear'"):
        convert_mimicry_generator(
            _fixture("mimicry_sngan32_netG.pth"), kerasgan.models.SNGAN(g_filters=16, d_filters=16)
        )


def test_openmmlab_sngan_projection_equals_mmgenerations_own():
    key = "openmmlab_sngan_proj_cifar10"
    gan = openmmlab_sngan_projection()
    assert convert_openmmlab_sngan_projection(_fixture(f"{key}.pth"), gan) == ["generator", "discriminator"]
    labels = _expected(f"{key}/label").astype("int32")
    out = _run(gan.generator, [_expected(f"{key}/z"), labels])
    assert _relative(out, _nhwc(_expected(f"{key}/g_out"), bgr=True)) < TOLERANCE  # converted to RGB
    logits = _run(gan.discriminator, [_nhwc(_expected(f"{key}/d_in_rand"), bgr=True), labels])
    assert _relative(logits, _expected(f"{key}/d_out_on_rand")) < TOLERANCE


def test_openmmlab_biggan_cifar10_equals_mmgenerations_own():
    key = "openmmlab_biggan_cifar10"
    gan = openmmlab_biggan_cifar10()
    converted = convert_biggan_cifar10(_fixture(f"{key}.pth"), gan)
    assert converted == ["generator", "ema_generator", "discriminator"]
    labels = _expected(f"{key}/label").astype("int32")
    _assert_generators_match(gan, key, [_expected(f"{key}/z"), labels])
    logits = _run(gan.discriminator, [_nhwc(_expected(f"{key}/d_in_rand"), bgr=True), labels])
    assert _relative(logits, _expected(f"{key}/d_out_on_rand")) < TOLERANCE


def test_openmmlab_biggan_imagenet128_equals_mmgenerations_own():
    """OpenMMLab returns this model's images flipped to BGR (`rgb2bgr`); the weights make RGB."""
    key = "openmmlab_biggan_imagenet128"
    gan = biggan_imagenet128()
    converted = convert_biggan_imagenet(_fixture(f"{key}.pth"), gan)
    assert converted == ["generator", "ema_generator", "discriminator"]
    labels = _expected(f"{key}/label").astype("int32")
    _assert_generators_match(gan, key, [_expected(f"{key}/z"), labels])
    # The discriminator keeps BigGAN-PyTorch's out-of-place ReLU (OpenMMLab's config rectifies in place).
    logits = _run(gan.discriminator, [_nhwc(_expected(f"{key}/g_ema_out")), labels])
    assert _relative(logits, _expected(f"{key}/d_out_on_g_ema_out_noinplace")) < TOLERANCE


def test_biggan_pytorch_state_dicts_equal_the_authors_own():
    key = "biggan_pytorch_128"
    gan = biggan_imagenet128()
    assert convert_biggan_imagenet(_fixture("biggan_pytorch_G_ema.pth"), gan) == ["generator", "ema_generator"]
    out = _run(gan.ema_generator, [_expected(f"{key}/z"), _expected(f"{key}/y").astype("int32")])
    assert _relative(out, _nhwc(_expected(f"{key}/g_ema_out"))) < TOLERANCE
    assert convert_biggan_imagenet(_fixture("biggan_pytorch_D.pth"), gan) == ["discriminator"]
    logits = _run(gan.discriminator, [_nhwc(_expected(f"{key}/d_in")), _expected(f"{key}/y").astype("int32")])
    assert _relative(logits, _expected(f"{key}/d_out_on_rand")) < TOLERANCE


def test_openmmlab_dcgan_celeba64_equals_mmgenerations_own():
    key = "openmmlab_dcgan_celeba64"
    gan = _build("dcgan_celeba64", DCGAN_FIXTURE)
    assert convert_openmmlab_dcgan(_fixture(f"{key}.pth"), gan) == ["generator", "discriminator"]
    assert _relative(_run(gan.generator, _expected(f"{key}/z")), _nhwc(_expected(f"{key}/g_out"), bgr=True)) < TOLERANCE
    logits = _run(gan.discriminator, _nhwc(_expected(f"{key}/d_in_rand"), bgr=True))
    assert _relative(logits, _expected(f"{key}/d_out_on_rand")) < TOLERANCE


def test_openmmlab_pggan_celebahq_equals_mmgenerations_own():
    """Fully grown (the released state), and mid-fade: mmgeneration's transition weight 0.3 is lod 0.7."""
    key = "openmmlab_pggan_celebahq"
    gan = _build("progan_celebahq1024", PGGAN_FIXTURE)
    assert convert_openmmlab_pggan(_fixture(f"{key}.pth"), gan) == ["generator", "ema_generator", "discriminator"]
    assert float(gan.lod) == 0.0 and int(gan.images_seen) == 17_400_000  # the checkpoint's growing state
    z, real = _expected(f"{key}/z"), _nhwc(_expected(f"{key}/d_in_rand"), bgr=True)
    _assert_generators_match(gan, key, z)
    assert _relative(_run(gan.discriminator, real), _expected(f"{key}/d_out_on_rand")) < TOLERANCE
    gan.grow_to(0.7)
    faded = _nhwc(_expected(f"{key}/g_ema_out_tw0p3"), bgr=True)
    assert _relative(_run(gan.ema_generator, z), faded) < TOLERANCE
    assert _relative(_run(gan.discriminator, real), _expected(f"{key}/d_out_on_rand_tw0p3")) < TOLERANCE


def test_openmmlab_converters_need_their_network_options():
    gan = kerasgan.models.ProGAN(image_shape=(64, 64, 3), latent_dim=32, fmap_base=256, fmap_max=32)
    with pytest.raises(ValueError, match=r"needs a ProGANGenerator built with pixel_norm_epsilon=1e-05.*"
                                         r"received pixel_norm_epsilon=1e-08"):
        convert_openmmlab_pggan(_fixture("openmmlab_pggan_celebahq.pth"), gan)
    dcgan = kerasgan.models.DCGAN(image_shape=(64, 64, 3), base_filters=8)
    with pytest.raises(ValueError, match=r"needs a DCGANGenerator built with kernel_size=4.*received kernel_size=5"):
        convert_openmmlab_dcgan(_fixture("openmmlab_dcgan_celeba64.pth"), dcgan)
    with pytest.raises(ValueError, match="`projection_norm` must be 'feature' or 'channel'; received 'batch'"):
        kerasgan.models.DCGANGenerator(projection_norm="batch")


def test_a_checkpoint_of_another_width_or_architecture_is_refused():
    wider = kerasgan.models.SNGANResNetGenerator(128, (32, 32, 3), 32, upsampling="bilinear", bn_epsilon=1e-5)
    with pytest.raises(
        ValueError, match=r"'l1.weight' has shape \(256, 128\), the kerasgan network expects \(512, 128\)"
    ):
        convert_mimicry_generator(
            _fixture("mimicry_sngan32_netG.pth"), kerasgan.models.SNGAN(generator=wider, d_filters=16)
        )
    with pytest.raises(ValueError, match=r"has no key 'noise2feat.weight_orig'.*not the expected architecture"):
        convert_biggan_cifar10(_fixture("openmmlab_sngan_proj_cifar10.pth"), openmmlab_biggan_cifar10())


# ------------------------------------------------------------------ the zoo: download, check, convert, cache
@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras_home"))
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.delenv("KERASGAN_MIRROR", raising=False)


def _served_preset(monkeypatch, origin, base, real, fixture, build_config, hashed=True):
    """A copy of the preset `real` at the fixture's width, whose publisher file is the fixture served
    by a local server under a publisher-style name (with its sha256 prefix when `hashed`)."""
    digest = sha256_of_file(os.path.join(FIXTURES, fixture))
    file_name = f"{real}_fixture-{digest[:8]}.pth" if hashed else f"{real}_fixture.pth"
    shutil.copy(os.path.join(FIXTURES, fixture), origin / file_name)
    entry = zoo.get_preset(real)
    pw = dataclasses.replace(entry.publisher_weights, url=base + file_name, file_name=file_name)
    preset = dataclasses.replace(entry, name=f"{real}_fixture", config=build_config, publisher_weights=pw)
    monkeypatch.setitem(registry._PRESETS, preset.name, preset)
    return preset, file_name


SNGAN_PROJECTION_FIXTURE = dict(
    generator=(
        kerasgan.models.SNGANResNetGenerator,
        dict(latent_dim=128, image_shape=(32, 32, 3), filters=16, num_classes=10, bn_epsilon=1e-4),
    ),
    discriminator=(
        kerasgan.models.SNGANResNetDiscriminator,
        dict(image_shape=(32, 32, 3), filters=16, num_classes=10, final_bias=True, sn_inference="stored"),
    ),
    seed=0,
)


def _projection_samples(gan):
    key = "openmmlab_sngan_proj_cifar10"
    return _run(gan.generator, [_expected(f"{key}/z"), _expected(f"{key}/label").astype("int32")])


def test_first_load_downloads_checks_converts_and_caches_then_works_offline(tmp_path, monkeypatch):
    origin = tmp_path / "origin"
    origin.mkdir()
    with serve(origin) as server:
        preset, file_name = _served_preset(
            monkeypatch,
            origin,
            server.base_url,
            "sngan_projection_cifar10",
            "openmmlab_sngan_proj_cifar10.pth",
            SNGAN_PROJECTION_FIXTURE,
        )
        reads = _count_calls(monkeypatch,
                             {"read_torch_checkpoint": converted_module, "sha256_of_file": download_module})
        first = zoo.load(preset.name)
        assert server.requests == [f"/{file_name}"]
        assert reads == {"read_torch_checkpoint": 1, "sha256_of_file": 1}  # the publisher's file: one parse, one hash
    expected = _nhwc(_expected("openmmlab_sngan_proj_cifar10/g_out"), bgr=True)
    assert _relative(_projection_samples(first), expected) < TOLERANCE
    assert os.listdir(downloads_dir()) == [file_name]
    metadata = kerasgan.core.preset_folder.read_metadata(os.path.join(converted_dir(), preset.name))
    assert metadata["publisher"] == "OpenMMLab" and metadata["converted_networks"] == ["generator", "discriminator"]
    assert metadata["publisher_sha256"] == sha256_of_file(origin / file_name)
    # Server gone: the cached conversion serves, through GAN.from_preset too.
    second = kerasgan.GAN.from_preset(preset.name)
    np.testing.assert_array_equal(_projection_samples(second), _projection_samples(first))
    # Without the converted cache the downloaded file is converted again, still offline.
    shutil.rmtree(converted_dir())
    np.testing.assert_array_equal(_projection_samples(zoo.load(preset.name)), _projection_samples(first))


def _count_calls(monkeypatch, functions):
    """Count the calls of each `{name: module}` function in that module."""
    counts = dict.fromkeys(functions, 0)
    for name, module in functions.items():
        original = getattr(module, name)

        def counted(*args, _name=name, _original=original, **kwargs):
            counts[_name] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)
    return counts


def _assert_nothing_cached():
    assert not os.path.isdir(downloads_dir()) or os.listdir(downloads_dir()) == []
    assert not os.path.isdir(converted_dir()) or os.listdir(converted_dir()) == []


def test_a_file_without_the_published_hash_prefix_is_refused(tmp_path, monkeypatch):
    origin = tmp_path / "origin"
    origin.mkdir()
    with serve(origin) as server:
        preset, file_name = _served_preset(
            monkeypatch,
            origin,
            server.base_url,
            "sngan_projection_cifar10",
            "openmmlab_sngan_proj_cifar10.pth",
            SNGAN_PROJECTION_FIXTURE,
        )
        data = bytearray((origin / file_name).read_bytes())
        data[-100] ^= 0xFF
        (origin / file_name).write_bytes(bytes(data))
        with pytest.raises(
            zoo.WeightsIntegrityError,
            match=rf"{file_name} has sha256 [0-9a-f]{{64}}, expected one "
            rf"starting with {file_name[-12:-4]}.*nothing was cached",
        ):
            zoo.load(preset.name)
    _assert_nothing_cached()


@pytest.mark.parametrize("served", ["truncated", "html"])
def test_a_cut_download_or_an_html_page_is_refused(tmp_path, monkeypatch, served):
    """Google Drive files carry no checksum: a cut file or Drive's confirmation page must still never be cached."""
    origin = tmp_path / "origin"
    origin.mkdir()
    config = dict(
        generator=(
            kerasgan.models.SNGANResNetGenerator,
            dict(latent_dim=128, image_shape=(32, 32, 3), filters=16, upsampling="bilinear", bn_epsilon=1e-5),
        ),
        d_filters=16,
        seed=0,
    )
    with serve(origin, truncate=served == "truncated") as server:
        preset, file_name = _served_preset(
            monkeypatch, origin, server.base_url, "sngan_cifar10", "mimicry_sngan32_netG.pth", config, hashed=False
        )
        if served == "html":
            (origin / file_name).write_bytes(b"<!DOCTYPE html><html><head><title>Google Drive - Virus scan warning")
            match = rf"returned an HTML page, not a PyTorch checkpoint.*nothing was cached.*save it as .*{file_name}"
        else:
            match = rf"(not a whole PyTorch checkpoint|Could not download).*{file_name}"
        with pytest.raises(OSError, match=match):
            zoo.load(preset.name)
    _assert_nothing_cached()


def test_no_checksum_publisher_records_the_first_download_and_checks_it_later(tmp_path, monkeypatch):
    origin = tmp_path / "origin"
    origin.mkdir()
    config = dict(
        generator=(
            kerasgan.models.WGANGPResNetGenerator,
            dict(latent_dim=128, image_shape=(32, 32, 3), filters=16, upsampling="bilinear"),
        ),
        d_filters=16,
        seed=0,
    )
    with serve(origin) as server:
        preset, file_name = _served_preset(
            monkeypatch, origin, server.base_url, "wgangp_cifar10", "mimicry_wgangp32_netG.pth", config, hashed=False
        )
        with pytest.warns(
            UserWarning, match=r"Mimicry publishes no checksum .*recorded the sha256 of this first download"
        ):
            gan = zoo.load(preset.name)
        assert (
            _relative(_run(gan.generator, _expected("mimicry_wgangp32/z")), _nhwc(_expected("mimicry_wgangp32/g_out")))
            < TOLERANCE
        )
        record = os.path.join(downloads_dir(), file_name + ".sha256")
        assert open(record).read().strip() == sha256_of_file(origin / file_name)
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # the warning is said once
            zoo.load(preset.name)
        # The publisher's file changes: the cached conversion no longer matches it, nor does the new download.
        shutil.rmtree(converted_dir())
        os.remove(os.path.join(downloads_dir(), file_name))
        shutil.copy(os.path.join(FIXTURES, "mimicry_sngan32_netG.pth"), origin / file_name)
        recorded = open(record).read().strip()
        with pytest.raises(zoo.WeightsIntegrityError, match=rf"has sha256 [0-9a-f]{{64}}, expected {recorded}"):
            zoo.load(preset.name)
    assert sorted(os.listdir(downloads_dir())) == [file_name + ".sha256"]


def test_unreachable_publisher_names_the_url_and_the_manual_steps(monkeypatch):
    entry = zoo.get_preset("biggan_cifar10")
    preset = dataclasses.replace(
        entry,
        name="biggan_cifar10_offline",
        publisher_weights=dataclasses.replace(
            entry.publisher_weights, url="http://127.0.0.1:9/" + entry.publisher_weights.file_name
        ),
    )
    monkeypatch.setitem(registry._PRESETS, preset.name, preset)
    with pytest.raises(
        OSError,
        match=r"Could not download the OpenMMLab checkpoint biggan_cifar10_32x32.*from "
        r"http://127.0.0.1:9/.*To place it by hand: .*save it as .*downloads",
    ):
        zoo.load(preset.name)
    _assert_nothing_cached()


def test_mirror_replaces_the_publishers_host(tmp_path, monkeypatch):
    origin = tmp_path / "origin"
    origin.mkdir()
    with serve(origin) as server:
        preset, file_name = _served_preset(
            monkeypatch,
            origin,
            "http://unreachable.invalid/",
            "sngan_projection_cifar10",
            "openmmlab_sngan_proj_cifar10.pth",
            SNGAN_PROJECTION_FIXTURE,
        )
        monkeypatch.setenv("KERASGAN_MIRROR", server.base_url)
        zoo.load(preset.name)
        assert server.requests == [f"/{file_name}"]


def test_publisher_file_given_by_path(tmp_path, monkeypatch):
    path = tmp_path / "openmmlab_biggan_cifar10.pth"
    shutil.copy(os.path.join(FIXTURES, "openmmlab_biggan_cifar10.pth"), path)
    entry = zoo.get_preset("biggan_cifar10")
    preset = dataclasses.replace(entry, name="biggan_cifar10_fixture", config={**entry.config, "ch": 4})
    monkeypatch.setitem(registry._PRESETS, preset.name, preset)
    gan = zoo.load(preset.name, weights=str(path))
    key = "openmmlab_biggan_cifar10"
    out = _run(gan.ema_generator, [_expected(f"{key}/z"), _expected(f"{key}/label").astype("int32")])
    assert _relative(out, _nhwc(_expected(f"{key}/g_ema_out"), bgr=True)) < TOLERANCE
    # Under the publisher's own file name the published hash prefix is checked.
    named = tmp_path / entry.publisher_weights.file_name
    shutil.copy(path, named)
    with pytest.raises(
        zoo.WeightsIntegrityError, match=r"has sha256 .* but OpenMMLab's .* has one starting with 08b61a44"
    ):
        zoo.load(preset.name, weights=str(named))


def test_biggan_preset_takes_the_authors_g_ema(monkeypatch, tmp_path):
    """A BigGAN preset converts BigGAN-PyTorch's own G_ema.pth, into the authors' spectral norm."""
    entry = zoo.get_preset("biggan_imagenet128")
    preset = dataclasses.replace(
        entry,
        name="biggan_imagenet128_fixture",
        config={
            **entry.config,
            "num_classes": 10,
            "ch": 4,
            "shared_dim": 16,
            "discriminator": (
                kerasgan.models.BigGANDiscriminator,
                dict(image_shape=(128, 128, 3), num_classes=10, ch=8, attention=(64,)),
            ),
        },
    )
    monkeypatch.setitem(registry._PRESETS, preset.name, preset)
    gan = zoo.load(preset.name, weights=os.path.join(FIXTURES, "biggan_pytorch_G_ema.pth"))
    out = _run(
        gan.ema_generator, [_expected("biggan_pytorch_128/z"), _expected("biggan_pytorch_128/y").astype("int32")]
    )
    assert _relative(out, _nhwc(_expected("biggan_pytorch_128/g_ema_out"))) < TOLERANCE


@pytest.mark.parametrize("name, fixture, config", [
    ("dcgan_celeba64", "openmmlab_dcgan_celeba64", DCGAN_FIXTURE),
    ("progan_celebahq1024", "openmmlab_pggan_celebahq", PGGAN_FIXTURE),
])
def test_celeba_presets_convert_openmmlabs_file_given_by_path(monkeypatch, name, fixture, config):
    preset = dataclasses.replace(zoo.get_preset(name), name=f"{name}_fixture", config=config)
    monkeypatch.setitem(registry._PRESETS, preset.name, preset)
    gan = zoo.load(preset.name, weights=os.path.join(FIXTURES, f"{fixture}.pth"))
    out = gan.generate(8, seed=0)  # the EMA generator where kept, in [-1, 1]
    assert out.shape == (8, 64, 64, 3) and np.abs(out).max() <= 1.0
    sampler = gan.ema_generator or gan.generator
    expected = _nhwc(_expected(f"{fixture}/g_ema_out" if gan.ema_generator else f"{fixture}/g_out"), bgr=True)
    assert _relative(_run(sampler, _expected(f"{fixture}/z")), expected) < TOLERANCE


def test_zoo_says_where_weights_come_from():
    assert zoo.info("sngan_cifar10")["weights"].startswith("converted from Mimicry's released")
    assert zoo.info("dcgan_mnist")["weights"] == "trained here (shipped preset folder)"
    assert zoo.info("dcgan_cifar10")["weights"] == "none yet"
    assert zoo.info("biggan_cifar10")["status"] == "converted from OpenMMLab"
    assert set(zoo.list(trained=False)) == {"dcgan_cifar10", "progan_cifar10", "mmdgan_mnist"}
