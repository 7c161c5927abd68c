"""kerasgan.zoo: the registry, weights resolution (cache, source tree, download over a real HTTP
server on 127.0.0.1), integrity checks, and what the trained presets can do on every backend."""

import json
import os
import shutil
import warnings

import keras
import numpy as np
import pytest
from local_http import serve
from saved_model_check import check_saved_model_export

import kerasgan
from kerasgan import zoo
from kerasgan.metrics._files import sha256_of_file
from kerasgan.zoo.cards import render_card
from kerasgan.zoo.cards import render_index
from kerasgan.zoo.preset import REPO_ROOT

ALL = zoo.list()
TRAINED = zoo.list(trained=True)
SERVED = "sngan_mnist"  # the smallest trained weights file: the download tests serve it
REQUIRED = ("dcgan_mnist", "wgangp_mnist", "sngan_mnist", "sngan_projection_mnist", "gan_ring8", "gan_grid25",
            "progan_mnist", "biggan_mnist", "dcgan_cifar10", "wgangp_cifar10", "sngan_cifar10",
            "sngan_projection_cifar10", "progan_cifar10", "biggan_cifar10", "ivgan_stacked_mnist", "dcgan_stacked_mnist",
            "hgan_mnist", "cesagan_zelda", "sagan_zelda")


def _repo(*parts):
    return os.path.join(REPO_ROOT, *parts)


@pytest.fixture(autouse=True)
def _isolated_weights(tmp_path, monkeypatch):
    """Each test gets its own empty cache; downloads go only to servers the test starts."""
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras_home"))
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.delenv("KERASGAN_WEIGHTS_ORIGIN", raising=False)
    monkeypatch.delenv("KERASGAN_PRETRAINED_DIR", raising=False)


def _cache(tmp_path):
    return tmp_path / "keras_home" / "kerasgan"


# ------------------------------------------------------------------ the registry as a whole
def test_required_presets_are_registered():
    assert set(REQUIRED) <= set(ALL)
    for name in REQUIRED:
        expected = "not trained yet" if name.endswith("cifar10") else "trained"
        assert zoo.info(name)["status"] == expected, name


@pytest.mark.parametrize("name", ALL)
def test_every_preset_has_card_recipe_and_weights_or_status(name):
    preset = zoo.get_preset(name)
    assert os.path.isfile(_repo(preset.recipe)), f"{name}: recipe {preset.recipe} missing"
    card = _repo(preset.card)
    assert os.path.isfile(card), f"{name}: card missing; run python -m kerasgan.zoo.cards"
    with open(card) as f:
        assert f.read() == render_card(name), f"{name}: card out of date; run python -m kerasgan.zoo.cards"
    if preset.trained:
        weights = _repo("pretrained", preset.weights_file)
        assert sha256_of_file(weights) == preset.sha256, f"{name}: shipped weights do not match the pinned sha256"
        assert os.path.isfile(_repo(preset.sample_image)), f"{name}: sample picture missing"
        with open(_repo("recipes", "results", f"{name}.json")) as f:
            record = json.load(f)
        assert record["sha256"] == preset.sha256
        assert record["metrics"] == preset.metrics, f"{name}: registered metrics differ from the recipe's output"
        assert preset.metrics and preset.metrics_protocol and preset.training.get("seconds")
    else:
        assert preset.status == "not trained yet" and preset.status_note
        assert not os.path.exists(_repo("pretrained", f"{name}.weights.h5"))


def test_zoo_index_is_current_and_pretrained_folder_is_small():
    with open(_repo("zoo", "README.md")) as f:
        assert f.read() == render_index()
    total = sum(os.path.getsize(_repo("pretrained", f)) for f in os.listdir(_repo("pretrained")))
    assert total < 100 * 2**20


def test_list_and_info():
    assert zoo.list("*_cifar10") == ["biggan_cifar10", "dcgan_cifar10", "progan_cifar10", "sngan_cifar10",
                                     "sngan_projection_cifar10", "wgangp_cifar10"]
    assert set(zoo.list(trained=False)) == set(zoo.list("*_cifar10"))
    assert zoo.list("no_such_*") == []
    info = zoo.info("sngan_projection_mnist")
    assert info["model"] == "SNGAN" and info["config"]["num_classes"] == 10
    assert info["recipe"] == "recipes/sngan_projection_mnist.py" and info["card"] == "zoo/sngan_projection_mnist.md"
    assert info["origin"].endswith("/sngan_projection_mnist.weights.h5")
    json.dumps(info)  # JSON-friendly


def test_unknown_name_lists_close_matches():
    with pytest.raises(zoo.UnknownPresetError, match=r"'sngan_cifar'.*Did you mean 'sngan_cifar10'"):
        zoo.load("sngan_cifar")
    with pytest.raises(zoo.UnknownPresetError, match="dcgan_mnist"):
        zoo.info("dcgan_mnst")
    with pytest.raises(zoo.UnknownPresetError) as excinfo:
        zoo.load("stylegan_ffhq")
    assert "Did you mean" not in str(excinfo.value)


@pytest.mark.parametrize("name", zoo.list("*_cifar10"))
def test_not_trained_preset_refuses_to_load_and_points_to_recipe(name):
    with pytest.raises(zoo.PresetNotTrainedError, match=rf"no trained weights yet.*python recipes/{name}\.py"):
        zoo.load(name)


def test_not_trained_preset_builds_its_architecture():
    gan = zoo.load("sngan_cifar10", weights=False)
    assert isinstance(gan, kerasgan.models.SNGAN)
    assert gan.generator.output_shape == (None, 32, 32, 3)
    trainable = sum(int(np.prod(v.shape)) for v in gan.generator.trainable_weights)
    assert trainable == 4_276_739  # SN-GAN ResNet-32 generator of sn_cifar10.yml (see test_parameter_counts)


def test_preset_validation():
    base = dict(name="x_y", model_class=kerasgan.models.DCGAN, config={}, dataset="d", data_licence="l",
                description="", paper="", reference="", recipe="recipes/x_y.py")
    with pytest.raises(ValueError, match="<model>_<dataset>"):
        zoo.Preset(**{**base, "name": "DCGAN-MNIST"})
    with pytest.raises(ValueError, match="both `weights_file` and `sha256`"):
        zoo.Preset(**{**base, "weights_file": "x_y.weights.h5"})
    with pytest.raises(ValueError, match="64 lower-case hex"):
        zoo.Preset(**{**base, "weights_file": "x_y.weights.h5", "sha256": "abc"})
    with pytest.raises(ValueError, match="status_note"):
        zoo.Preset(**base)
    with pytest.raises(ValueError, match="already registered"):
        zoo.register(zoo.Preset(**{**base, "name": "dcgan_mnist", "status_note": "x"}))


# ------------------------------------------------------------------ weights resolution
def test_load_from_source_tree_and_explicit_paths(tmp_path):
    preset = zoo.get_preset(SERVED)
    reference = zoo.load(SERVED).generate(4, seed=0)
    shipped = _repo("pretrained", preset.weights_file)
    np.testing.assert_allclose(zoo.load(SERVED, weights=shipped).generate(4, seed=0), reference, atol=1e-6)
    folder = tmp_path / "my_presets"
    folder.mkdir()
    shutil.copy(shipped, folder / preset.weights_file)
    np.testing.assert_allclose(zoo.load(SERVED, weights=str(folder)).generate(4, seed=0), reference, atol=1e-6)
    with pytest.raises(FileNotFoundError, match=r"directory holding 'sngan_mnist.weights.h5'.*no such file"):
        zoo.load(SERVED, weights=str(tmp_path / "nowhere"))
    other = _repo("pretrained", zoo.get_preset("dcgan_mnist").weights_file)
    with pytest.raises(zoo.WeightsIntegrityError, match=rf"pins {preset.sha256}.*was not\s+loaded"):
        zoo.load(SERVED, weights=other)


@pytest.fixture
def origin(tmp_path, monkeypatch):
    """A folder to serve as the download origin, holding a copy of SERVED's weights; the source
    tree's pretrained/ is hidden so that only the cache and the download can provide weights."""
    monkeypatch.setenv("KERASGAN_PRETRAINED_DIR", str(tmp_path / "no_source_tree"))
    folder = tmp_path / "origin"
    folder.mkdir()
    shutil.copy(_repo("pretrained", zoo.get_preset(SERVED).weights_file), folder / zoo.get_preset(SERVED).weights_file)
    return folder


def test_download_caches_then_works_offline(tmp_path, monkeypatch, origin):
    preset = zoo.get_preset(SERVED)
    with serve(origin) as server:
        monkeypatch.setenv("KERASGAN_WEIGHTS_ORIGIN", server.base_url)
        first = zoo.load(SERVED).generate(4, seed=0)
        assert server.requests == [f"/{preset.weights_file}"]
    cached = _cache(tmp_path) / preset.weights_file
    assert sha256_of_file(cached) == preset.sha256
    assert sorted(os.listdir(_cache(tmp_path))) == [preset.weights_file]  # no staging leftovers
    second = zoo.load(SERVED).generate(4, seed=0)  # server stopped: the cache serves
    np.testing.assert_array_equal(first, second)
    np.testing.assert_allclose(first, zoo.load(SERVED, weights=str(origin)).generate(4, seed=0), atol=1e-6)


def test_corrupted_download_is_rejected_and_cache_left_clean(tmp_path, monkeypatch, origin):
    preset = zoo.get_preset(SERVED)
    data = bytearray((origin / preset.weights_file).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (origin / preset.weights_file).write_bytes(bytes(data))
    with serve(origin) as server:
        monkeypatch.setenv("KERASGAN_WEIGHTS_ORIGIN", server.base_url)
        with pytest.raises(zoo.WeightsIntegrityError, match=rf"do not have the pinned sha256 {preset.sha256}; nothing was cached"):
            zoo.load(SERVED)
        assert server.requests == [f"/{preset.weights_file}"]
    assert os.listdir(_cache(tmp_path)) == []


def test_interrupted_download_never_poisons_the_cache(tmp_path, monkeypatch, origin):
    preset = zoo.get_preset(SERVED)
    with serve(origin, truncate=True) as server:
        monkeypatch.setenv("KERASGAN_WEIGHTS_ORIGIN", server.base_url)
        with pytest.raises((OSError, zoo.WeightsIntegrityError), match=SERVED):
            zoo.load(SERVED)
    assert os.listdir(_cache(tmp_path)) == []
    with serve(origin) as server:  # the next attempt downloads afresh and succeeds
        monkeypatch.setenv("KERASGAN_WEIGHTS_ORIGIN", server.base_url)
        zoo.load(SERVED)
    assert sha256_of_file(_cache(tmp_path) / preset.weights_file) == preset.sha256


def test_corrupted_cache_file_is_deleted_not_used(tmp_path, monkeypatch):
    preset = zoo.get_preset(SERVED)
    monkeypatch.setenv("KERASGAN_PRETRAINED_DIR", str(tmp_path / "no_source_tree"))
    _cache(tmp_path).mkdir(parents=True)
    (_cache(tmp_path) / preset.weights_file).write_bytes(b"not an h5 file")
    monkeypatch.setenv("KERASGAN_WEIGHTS_ORIGIN", "http://127.0.0.1:9/")  # nothing listens there
    with pytest.raises(OSError, match=r"Could not download the weights of preset 'sngan_mnist'.*KERASGAN_WEIGHTS_ORIGIN"):
        zoo.load(SERVED)
    assert os.listdir(_cache(tmp_path)) == []


# ------------------------------------------------------------------ trained presets at work
@pytest.fixture(scope="module")
def digits_classifier():
    return kerasgan.metrics.MNISTClassifier.pretrained()


def _digit_check(images, classifier):
    logits = classifier.logits(images)
    probs = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs /= probs.sum(axis=1, keepdims=True)
    counts = np.bincount(probs.argmax(axis=1), minlength=10)
    return float(probs.max(axis=1).mean()), counts


def test_dcgan_mnist_generates_recognisable_digits(digits_classifier):
    gan = zoo.load("dcgan_mnist")
    confidence, counts = _digit_check(gan.generate(1000, seed=0), digits_classifier)
    assert confidence > 0.8, f"mean classifier confidence {confidence:.3f} on generated digits"
    assert counts.min() >= 30, f"every digit should appear among 1000 samples; counts {counts.tolist()}"
    # The check can fail: the same architecture with fresh weights does not pass it.
    with warnings.catch_warnings():  # untrained samples are grey: the classifier warns about their range
        warnings.simplefilter("ignore")
        fresh_confidence, fresh_counts = _digit_check(zoo.load("dcgan_mnist", weights=False).generate(1000, seed=0), digits_classifier)
    assert fresh_confidence < 0.8 or fresh_counts.min() < 30


@pytest.mark.parametrize("name", ["sngan_projection_mnist", "biggan_mnist"])
def test_conditional_presets_draw_the_requested_digits(name, digits_classifier):
    """The classifier's accuracy on class-conditional samples is at least twice chance (10 %) and
    agrees with the registered measurement (5,000 samples) within sampling noise."""
    gan = zoo.load(name)
    labels = np.repeat(np.arange(10), 50)
    accuracy = np.mean(digits_classifier.predict_digits(gan.generate(500, seed=0, labels=labels)) == labels)
    registered = zoo.info(name)["metrics"]["class_accuracy"]
    assert accuracy > 0.2 and abs(accuracy - registered) < 0.08, (accuracy, registered)


def test_mixture_presets_cover_their_modes():
    from kerasgan.metrics.mixtures import grid_of_gaussians
    from kerasgan.metrics.mixtures import mixture_mode_metrics
    from kerasgan.metrics.mixtures import ring_of_gaussians

    for name, spec in (("gan_ring8", ring_of_gaussians()), ("gan_grid25", grid_of_gaussians())):
        measured = mixture_mode_metrics(zoo.load(name).generate(2500, seed=0), spec)
        registered = zoo.info(name)["metrics"]
        assert measured["modes_covered"] == registered["modes_covered"], name
        np.testing.assert_allclose(measured["high_quality_percent"], registered["high_quality_percent"], atol=0.5)


def test_loaded_preset_fine_tunes_and_exports(tmp_path):
    gan = zoo.load("dcgan_mnist")
    before = [w.copy() for w in gan.generator.get_weights()]
    user_images, _ = kerasgan.data.load_mnist_test()
    gan.compile()
    history = gan.fit(user_images[:128], batch_size=64, epochs=1, verbose=0)
    assert all(np.isfinite(v[-1]) for v in history.history.values())
    assert any(not np.allclose(a, b) for a, b in zip(before, gan.generator.get_weights(), strict=True))
    z = gan.latent_numpy(np.random.default_rng(0), 4)
    expected = keras.ops.convert_to_numpy(gan.generator(z, training=False))
    check_saved_model_export(gan, tmp_path / "dcgan_mnist_generator", (z,), expected, atol=1e-4)


def test_mnist_protocol_real_data_floor(digits_classifier):
    from kerasgan.data import load_mnist_subset
    from kerasgan.data import load_mnist_test
    from kerasgan.metrics import GANEvaluator
    from kerasgan.zoo.common import MNIST_REAL_DATA

    reference, _ = load_mnist_test(drop_training_overlap=True)
    evaluator = GANEvaluator(digits_classifier, reference_images=reference, metrics=("fid", "kid", "precision_recall"))
    measured = evaluator.evaluate_samples(load_mnist_subset()[0])
    for key, value in MNIST_REAL_DATA.items():
        assert measured[key] == pytest.approx(value, abs=2e-3), key


def test_stacked_mnist_presets_reproduce_their_mode_counts(digits_classifier):
    from kerasgan.metrics.stacked_mnist import stacked_mnist_metrics

    for name in ("ivgan_stacked_mnist", "dcgan_stacked_mnist"):
        registered = zoo.info(name)["metrics"]
        measured = stacked_mnist_metrics(zoo.load(name).generate(registered["num_samples"], seed=0),
                                         digits_classifier.predict_digits)
        # Backends differ in the last float bits; a handful of samples may change their digit triple.
        assert abs(measured["modes_covered"] - registered["modes_covered_of_1000"]) <= 5, (name, measured)
        assert measured["kl_to_uniform"] == pytest.approx(registered["kl_to_uniform"], abs=0.02), (name, measured)
    assert zoo.info("ivgan_stacked_mnist")["baselines"] == ["dcgan_stacked_mnist"]


def test_zelda_presets_reproduce_their_level_statistics():
    from kerasgan.levels import level_statistics
    from kerasgan.levels import load_zelda_levels

    for name in ("cesagan_zelda", "sagan_zelda"):
        registered = zoo.info(name)["metrics"]
        gan = zoo.load(name)
        assert int(gan.condition_count.numpy()) == registered["final_training_levels"]
        measured = level_statistics(gan.generate_levels(registered["num_levels"], seed=0), load_zelda_levels())
        for key in ("playable_percent", "duplicate_percent", "training_duplicate_percent"):
            assert measured[key] == pytest.approx(registered[key], abs=0.5), (name, key, measured)


def test_hgan_mnist_student_draws_digits_and_teacher_matches_its_card(digits_classifier):
    gan = zoo.load("hgan_mnist")
    confidence, counts = _digit_check(gan.generate(1000, seed=0), digits_classifier)
    assert confidence > 0.7 and counts.min() >= 20, (confidence, counts.tolist())
    held_out, _ = kerasgan.data.load_mnist_test(drop_training_overlap=True)
    bits = gan.teacher.bits_per_dim(held_out[:2000])
    assert bits == pytest.approx(zoo.info("hgan_mnist")["metrics"]["bits_per_dim"], abs=0.05)
    assert gan.teacher_bank_filled  # the shipped bank holds the final teacher's samples
