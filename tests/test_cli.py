"""The command line: `kerasgan train` and `kerasgan eval` end to end on tiny settings."""

import json

import numpy as np
import pytest

from kerasgan import cli
from kerasgan.data import load_mnist_test


def test_train_then_eval(tmp_path, capsys):
    out = tmp_path / "run"
    # Fine-tune a preset (its architecture, recipe batch size and weights) with DiffAugment added.
    cli.main(["train", "--preset", "dcgan_mnist", "--init-weights", "--diffaugment", "--epochs", "1", "--limit", "128",
              "--out", str(out), "--verbose", "0", "--eval-every", "1", "--eval-samples", "128"])
    assert (out / "model" / "model.weights.h5").exists() and (out / "samples.png").exists()
    from kerasgan import zoo

    tuned, preset = zoo.load(str(out / "model")), zoo.load("dcgan_mnist")
    assert [t.policy for t in tuned.techniques] == ["color,translation,cutout"]
    drift = max(float(np.abs(a - b).max()) for a, b in zip(tuned.generator.get_weights(),
                                                             preset.generator.get_weights(), strict=True))
    assert 0 < drift < 0.05  # started from the preset's weights, then trained
    log = json.loads((out / "log.json").read_text())["epochs"]
    assert len(log) == 1 and np.isfinite(log[0]["d_loss"]) and log[0]["fid"] > 0  # --eval-every 1

    model_path = out  # `eval` takes the train folder (its final model)
    stats = tmp_path / "mnist_stats.npz"
    capsys.readouterr()
    args = ["eval", str(model_path), "--metrics", "fid", "--num-samples", "200", "--reference-stats", str(stats)]
    first = cli.main(args)
    printed = json.loads(capsys.readouterr().out)
    assert stats.exists()  # reference statistics computed once and saved
    second = cli.main(args)  # now loaded from the .npz
    assert printed["extractor"] == "mnist_classifier_v1" and printed["fid"] == pytest.approx(first["fid"])
    assert second["fid"] == pytest.approx(first["fid"], rel=1e-9) and first["fid"] > 0


def test_eval_missing_model(tmp_path):
    with pytest.raises(
        FileNotFoundError,
        match=r"takes a kerasgan train output folder, a preset name .* or a saved model \(.keras\); received .*nope",
    ):
        cli.main(["eval", str(tmp_path / "nope.keras")])


@pytest.mark.slow
def test_eval_preset_reproduces_its_card(capsys):
    from kerasgan import zoo

    results = cli.main(["eval", "dcgan_mnist", "--metrics", "fid,kid", "--num-samples", "5000"])
    registered = zoo.info("dcgan_mnist")["metrics"]
    assert results["fid"] == pytest.approx(registered["fid"], rel=2e-3)
    assert results["kid"] == pytest.approx(registered["kid"], rel=2e-2)


def test_mnist_test_set_overlap_is_removable():
    x, y = load_mnist_test()
    x2, y2 = load_mnist_test(drop_training_overlap=True)
    assert x.shape == (10000, 28, 28, 1) and len(x2) == 9331 and len(y2) == 9331


def test_levels_writes_gvgai_text_files(tmp_path, capsys):
    from kerasgan.levels import load_zelda_levels
    from kerasgan.levels import parse_level
    from kerasgan.models import CESAGAN

    gan = CESAGAN(latent_dim=8, filters=8, embedding_dim=4, seed=0)
    gan.set_training_levels(load_zelda_levels())
    path = tmp_path / "cesagan.keras"
    gan.save(path)
    paths = cli.main(["levels", str(path), "--num-levels", "3", "--out", str(tmp_path / "levels"), "--prefix", "gen"])
    assert [p.rsplit("/", 1)[-1] for p in paths] == ["gen0.txt", "gen1.txt", "gen2.txt"]
    expected = gan.generate_levels(3, seed=0)
    for p, level in zip(paths, expected, strict=True):
        with open(p) as f:
            assert (parse_level(f.read()) == level).all()
    assert json.loads(capsys.readouterr().out)["written"] == 3
    with pytest.raises(TypeError, match=r"is a DCGAN, which does not generate levels"):
        cli.main(["levels", "dcgan_mnist", "--out", str(tmp_path / "x")])
