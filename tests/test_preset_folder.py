"""Preset folders: `GAN.save_to_preset` writes one, `kerasgan.zoo.load` and `GAN.from_preset` load it
from a path or an http(s) URL (a real server on 127.0.0.1), and nothing bad is ever loaded or cached."""

import json
import os

import keras
import numpy as np
import pytest
from local_http import serve

import kerasgan
from kerasgan import zoo
from kerasgan.core import preset_folder
from kerasgan.utils import IntegrityError
from kerasgan.utils import sha256_of_file

FILES = ["README.md", "config.json", "metadata.json", "model.weights.h5", "samples.png"]


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras_home"))
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture(scope="module")
def trained():
    """A small conditional GAN with an EMA generator, trained one step (so its weights are its own)."""
    gan = kerasgan.models.SNGAN(
        image_shape=(8, 8, 1), latent_dim=4, g_filters=4, d_filters=4, num_classes=3, n_critic=2, ema_decay=0.9, seed=3
    )
    gan.compile()
    x = np.random.default_rng(0).uniform(-1, 1, (8, 8, 8, 1)).astype("float32")
    gan.fit(x, np.arange(8) % 3, batch_size=gan.iteration_batch_size(4), epochs=1, verbose=0)
    return gan


@pytest.fixture
def folder(trained, tmp_path):
    path = tmp_path / "my_sngan"
    trained.save_to_preset(path, metadata={"description": "a test GAN", "dataset": "noise", "metrics": {"fid": 1.5}})
    return path


def test_save_to_preset_writes_a_self_describing_folder(trained, folder):
    assert sorted(os.listdir(folder)) == FILES
    metadata = json.loads((folder / "metadata.json").read_text())
    assert metadata["name"] == "my_sngan" and metadata["model"] == "SNGAN" and metadata["format"] == "kerasgan-preset"
    assert metadata["sha256"] == sha256_of_file(folder / "model.weights.h5")
    assert metadata["metrics"] == {"fid": 1.5} and metadata["kerasgan_version"] == kerasgan.__version__
    config = json.loads((folder / "config.json").read_text())
    assert config["class_name"] == "SNGAN" and config["config"]["n_critic"] == 2
    card = (folder / "README.md").read_text()
    assert card.startswith("# my_sngan") and "a test GAN" in card and "| FID (features: see How below) | 1.5 |" in card
    assert metadata["sha256"] in card


def test_folder_loads_the_same_gan_without_optimizer_state(trained, folder):
    expected = trained.generate(6, seed=1, labels=[0, 1, 2, 0, 1, 2])
    for loaded in (
        zoo.load(str(folder)),
        kerasgan.GAN.from_preset(str(folder)),
        kerasgan.models.SNGAN.from_preset(folder),
    ):
        assert type(loaded) is kerasgan.models.SNGAN and loaded.ema_generator is not None
        assert getattr(loaded, "optimizer", None) is None
        np.testing.assert_array_equal(loaded.generate(6, seed=1, labels=[0, 1, 2, 0, 1, 2]), expected)
    loaded = zoo.load(str(folder))
    loaded.compile()  # and it fine-tunes
    x = np.random.default_rng(1).uniform(-1, 1, (8, 8, 8, 1)).astype("float32")
    assert np.isfinite(loaded.fit(x, np.arange(8) % 3, batch_size=8, epochs=1, verbose=0).history["d_loss"][0])
    fresh = zoo.load(str(folder), weights=False)
    assert not np.array_equal(fresh.generate(6, seed=1, labels=[0, 1, 2, 0, 1, 2]), expected)


def test_tampered_weights_are_refused(folder):
    weights = folder / "model.weights.h5"
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0xFF
    weights.write_bytes(bytes(data))
    with pytest.raises(
        IntegrityError, match=r"model.weights.h5 has sha256 .* but preset 'my_sngan' records .*not loaded"
    ):
        zoo.load(str(folder))


def test_not_a_preset_folder(tmp_path):
    (tmp_path / "stuff").mkdir()
    with pytest.raises(FileNotFoundError, match=r"is not a kerasgan preset folder: expected metadata.json"):
        zoo.load(str(tmp_path / "stuff"))
    with pytest.raises(FileNotFoundError, match=r"No preset folder at .*missing/folder.*a kerasgan.zoo name"):
        kerasgan.GAN.from_preset(str(tmp_path / "missing" / "folder"))
    with pytest.raises(ValueError, match=r"a kerasgan.zoo name .*, a preset folder .* or an http\(s\) URL of one; "
                                         r"received 3"):
        kerasgan.GAN.from_preset(3)


def test_saving_never_clobbers_other_folders_and_replaces_presets_whole(trained, folder, tmp_path):
    other = tmp_path / "holiday_photos"
    other.mkdir()
    (other / "beach.jpg").write_bytes(b"jpeg")
    with pytest.raises(FileExistsError, match="is not a kerasgan preset folder .*nothing was changed"):
        trained.save_to_preset(other)
    assert os.listdir(other) == ["beach.jpg"]

    def crash(path):
        raise OSError("disk full")

    before = (folder / "metadata.json").read_text()
    with pytest.raises(OSError, match="disk full"):
        trained.save_to_preset(folder, samples=crash)
    assert (folder / "metadata.json").read_text() == before and sorted(os.listdir(folder)) == FILES
    assert [p for p in os.listdir(tmp_path) if p.startswith(".")] == []  # no staging folder left
    trained.save_to_preset(folder, metadata={"description": "second version"}, samples=False)
    assert "samples.png" not in os.listdir(folder)
    assert json.loads((folder / "metadata.json").read_text())["description"] == "second version"


def test_update_metadata_rewrites_metadata_and_card(folder):
    preset_folder.update_metadata(folder, {"metrics": {"fid": 9.25}})
    assert json.loads((folder / "metadata.json").read_text())["metrics"] == {"fid": 9.25}
    assert "| FID (features: see How below) | 9.25 |" in (folder / "README.md").read_text()


def test_card_renders_a_recorded_reference_comparison(folder):
    run = {"protocol": "both codes, same data.", "header": ["code", "1,000 its"], "rows": [["reference", "3 / 5.10"]]}
    preset_folder.update_metadata(folder, {"reference_comparison": run})
    card = (folder / "README.md").read_text()
    table = "| code | 1,000 its |\n|---|---|\n| reference | 3 / 5.10 |"
    assert f"## Against the reference implementation\n\n{table}" in card
    assert "How: both codes, same data." in card


def _cached_files(tmp_path):
    root = tmp_path / "keras_home" / "kerasgan" / "presets"
    return sorted(f for _, _, fs in os.walk(root) for f in fs) if root.exists() else []


def test_url_download_caches_then_works_offline(trained, folder, tmp_path):
    expected = trained.generate(4, seed=0, labels=[0, 1, 2, 0])
    with serve(folder.parent) as server:
        url = server.url("my_sngan/")
        np.testing.assert_array_equal(zoo.load(url).generate(4, seed=0, labels=[0, 1, 2, 0]), expected)
        assert sorted(server.requests) == [
            "/my_sngan/config.json",
            "/my_sngan/metadata.json",
            "/my_sngan/model.weights.h5",
        ]
    assert _cached_files(tmp_path) == ["config.json", "metadata.json", "model.weights.h5"]
    # Server stopped: the cache serves, through GAN.from_preset too.
    np.testing.assert_array_equal(kerasgan.GAN.from_preset(url).generate(4, seed=0, labels=[0, 1, 2, 0]), expected)


def test_url_with_wrong_weights_is_refused_and_cache_left_clean(folder, tmp_path):
    weights = folder / "model.weights.h5"
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0xFF
    weights.write_bytes(bytes(data))
    with serve(folder.parent) as server:
        with pytest.raises(
            IntegrityError,
            match=r"downloaded from http://127.0.0.1:\d+/my_sngan/model.weights.h5 has "
            r"sha256 .*nothing was cached",
        ):
            zoo.load(server.url("my_sngan/"))
    assert "model.weights.h5" not in _cached_files(tmp_path)


def test_interrupted_url_download_never_poisons_the_cache(trained, folder, tmp_path):
    with serve(folder.parent, truncate=True) as server:
        with pytest.raises((OSError, ValueError), match="my_sngan"):
            zoo.load(server.url("my_sngan/"))
    assert "model.weights.h5" not in _cached_files(tmp_path)
    with serve(folder.parent) as server:  # the next attempt downloads afresh and succeeds
        zoo.load(server.url("my_sngan/"))
    assert "model.weights.h5" in _cached_files(tmp_path)


def test_unreachable_url_names_it_and_the_manual_steps():
    url = "http://127.0.0.1:9/my_gan/"  # nothing listens on the discard port
    with pytest.raises(
        OSError,
        match=r"Could not download the preset file metadata.json from "
        r"http://127.0.0.1:9/my_gan/metadata.json.*Without network: download "
        r"metadata.json, config.json and model.weights.h5",
    ):
        zoo.load(url)


@keras.saving.register_keras_serializable(package="kerasgan_tests")
def halved_hinge_discriminator_loss(real_logits, fake_logits):
    return 0.5 * kerasgan.losses.hinge_discriminator_loss(real_logits, fake_logits)


@keras.saving.register_keras_serializable(package="kerasgan_tests")
def halved_hinge_generator_loss(fake_logits):
    return 0.5 * kerasgan.losses.hinge_generator_loss(fake_logits)


def test_custom_adversarial_loss_is_saved_and_loaded(tmp_path):
    """A model with a custom AdversarialLoss saves (folder and .keras) and loads with that loss;
    before, the loss object went into get_config as is and neither could be written."""
    loss = kerasgan.losses.AdversarialLoss("halved_hinge", halved_hinge_discriminator_loss, halved_hinge_generator_loss)
    gan = kerasgan.models.DCGAN(image_shape=(28, 28, 1), latent_dim=4, base_filters=4, adversarial_loss=loss, seed=0)
    gan.save_to_preset(tmp_path / "custom", samples=False)
    gan.compile()
    gan.save(tmp_path / "custom.keras")
    for loaded in (zoo.load(str(tmp_path / "custom")), keras.saving.load_model(tmp_path / "custom.keras")):
        assert loaded.adversarial_loss == loss
        assert kerasgan.losses.get(loaded.adversarial_loss).discriminator(np.ones((2, 1)), -np.ones((2, 1))) == 0.0
        np.testing.assert_array_equal(loaded.generate(2, seed=0), gan.generate(2, seed=0))


def test_unregistered_custom_loss_says_how_to_save_it(tmp_path):
    loss = kerasgan.losses.AdversarialLoss("mine", lambda r, f: 0.0 * r.sum(), lambda f: 0.0 * f.sum())
    gan = kerasgan.models.DCGAN(image_shape=(28, 28, 1), latent_dim=4, base_filters=4, adversarial_loss=loss, seed=0)
    with pytest.raises(
        ValueError,
        match=r"'mine' cannot be saved: its discriminator function .* is not registered.*"
        r"register_keras_serializable",
    ):
        gan.save_to_preset(tmp_path / "mine")
    assert not os.path.exists(tmp_path / "mine")
