"""benchmarks/stability.py: a row trains the task's preset with its change on the backend under
test and records modes, quality and time; the table shows mean and range over seeds."""

import importlib.util
import json
import os

import pytest
from repo import REPO_ROOT


def _stability():
    spec = importlib.util.spec_from_file_location("stability", os.path.join(REPO_ROOT, "benchmarks", "stability.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rows_train_and_are_recorded(tmp_path, capsys):
    out = tmp_path / "ring8.json"
    _stability().main(["--rows", "salimans_combination,relativistic_average", "--seeds", "0", "--iterations", "3",
                       "--points", "300", "--out", str(out)])
    records = json.loads(out.read_text())
    assert [(r["row"], r["seed"], r["iterations"]) for r in records] == [
        ("salimans_combination", 0, 3), ("relativistic_average", 0, 3)]
    for record in records:
        assert 0 <= record["modes_covered"] <= record["num_modes"] == 8 and record["seconds_per_iteration"] > 0
    assert set(records[0]["final_logs"]) == {"d_loss", "g_loss", "feature_matching", "label_smoothing"}
    assert "| salimans_combination | FeatureMatching + MinibatchDiscrimination" in capsys.readouterr().out


def test_table_gives_mean_and_range_over_seeds():
    base = dict(row="ttur", changes="c", num_modes=8, seconds_per_iteration=0.1)
    records = [{**base, "seed": 0, "modes_covered": 6, "high_quality_percent": 80.0},
               {**base, "seed": 1, "modes_covered": 8, "high_quality_percent": 90.0}]
    assert _stability().table(records).splitlines()[-1] == (
        "| ttur | c | 2 | 7.0 [6.0, 8.0] / 8 | 85.0 [80.0, 90.0] | 0.100 [0.100, 0.100] |")


def test_unknown_rows_are_named():
    with pytest.raises(SystemExit):
        _stability().main(["--rows", "baseline,no_such_row"])


@pytest.mark.slow  # ~20 s: DCGAN's compile and the classifier's features of the test digits
def test_the_mnist_task_records_fid_and_refuses_what_dcgan_cannot_take(tmp_path, capsys):
    stability = _stability()
    stability.MNIST_SAMPLES = 100
    out = tmp_path / "mnist.json"
    stability.main(["--task", "mnist", "--rows", "baseline,gn,egan", "--seeds", "0", "--iterations", "2", "--out",
                    str(out)])
    (record,) = json.loads(out.read_text())
    assert (record["row"], record["iterations"], record["generator_updates"]) == ("baseline", 2, 2)
    assert record["fid"] > 0 and 0 <= record["class_entropy"] <= 1
    printed = capsys.readouterr().out
    assert "row gn refused on mnist: GradientNormalization needs a piecewise-linear discriminator" in printed
    assert "row egan refused on mnist: MixtureEGAN is a model of the 2-D tasks" in printed
    assert "| baseline | the preset as shipped | 1 |" in printed
