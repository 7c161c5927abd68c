"""`kerasgan train` for real use, end to end through the command line: image folders with and
without class sub-folders, a run killed with SIGKILL and resumed bit for bit, samples, export and
complete `--help`."""

import json
import os
import signal
import subprocess
import sys
import time

import keras
import numpy as np
import pytest

from kerasgan import cli

BACKEND = keras.backend.backend()
EPOCHS = 8


def _write_images(folder, n, seed, size=12):
    from PIL import Image

    rng = np.random.default_rng(seed)
    os.makedirs(folder, exist_ok=True)
    for i in range(n):
        pixels = np.zeros((size + 4, size), "uint8")  # not square: centre-cropped then resized
        r, c = rng.integers(2, size - 2, 2)
        pixels[r + 2 - 2 : r + 2 + 2, c - 2 : c + 2] = 255
        Image.fromarray(pixels).save(os.path.join(folder, f"{i:03d}.png"))


def _train_args(data, out, *extra):
    return ["train", "--data", str(data), "--image-size", "8", "--filters", "4", "--batch-size", "4",
            "--seed", "3", "--out", str(out), "--verbose", "0", *extra]


def _command(args):
    env = dict(os.environ, KERAS_BACKEND=BACKEND, TF_CPP_MIN_LOG_LEVEL="3")
    return [sys.executable, "-m", "kerasgan", *args], env


def _checkpoint(path):
    with np.load(path) as f:
        return json.loads(str(f["info"])), {k: f[k] for k in f.files if k.startswith("v")}


def test_killed_run_resumes_to_the_same_weights(tmp_path):
    data = tmp_path / "classes"
    for digit in range(2):
        _write_images(data / f"class_{digit}", 6, seed=digit)
    model = ["--model", "sngan_projection", "--epochs", str(EPOCHS), "--diffaugment", "--n-critic", "1"]
    cli.main(_train_args(data, tmp_path / "whole", *model))  # the uninterrupted run, in this process

    killed = tmp_path / "killed"
    command, env = _command(_train_args(data, killed, *model))
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    checkpoint = killed / "checkpoint.npz"
    deadline = time.time() + 300
    while not checkpoint.exists() and process.poll() is None and time.time() < deadline:
        time.sleep(0.02)
    assert process.poll() is None, process.stderr.read().decode()[-2000:]
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    stopped_at = _checkpoint(checkpoint)[0]["epoch"]
    assert 1 <= stopped_at < EPOCHS

    command, env = _command(["train", "--out", str(killed), "--resume", "--verbose", "0"])
    result = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    assert f"resuming after epoch {stopped_at}" in result.stdout and "kerasgan train: done" in result.stdout

    info, resumed = _checkpoint(killed / "checkpoint.npz")
    whole_info, whole = _checkpoint(tmp_path / "whole" / "checkpoint.npz")
    assert info["epoch"] == whole_info["epoch"] == EPOCHS
    assert resumed.keys() == whole.keys()
    for key in whole:
        np.testing.assert_allclose(resumed[key], whole[key], atol=1e-6, err_msg=key)
    log = json.loads((killed / "log.json").read_text())["epochs"]
    assert [e["epoch"] for e in log] == list(range(1, EPOCHS + 1))
    assert (killed / "model" / "model.weights.h5").exists()
    assert (killed / "samples" / f"epoch_{EPOCHS:04d}.png").exists()


def test_flat_folder_train_sample_export(tmp_path, capsys):
    data = tmp_path / "flat"
    _write_images(data, 12, seed=5)
    out = tmp_path / "run"
    cli.main(_train_args(data, out, "--model", "dcgan", "--epochs", "2", "--sample-every", "2", "--tensorboard"))
    printed = capsys.readouterr().out
    assert "on 12 images (8, 8, 1)" in printed and "kerasgan train: done, 2 epochs" in printed
    assert sorted(os.listdir(out / "samples")) == ["epoch_0002.png"]
    assert any(name.startswith("events") for _, _, files in os.walk(out / "tensorboard") for name in files)
    with pytest.raises(FileExistsError, match=r"already holds a training run .*pass --resume"):
        cli.main(_train_args(data, out, "--model", "dcgan"))
    resume = ["train", "--out", str(out), "--resume", "--verbose", "0"]
    with pytest.raises(ValueError, match=r"these cannot change: --model, --seed \(only --epochs"):
        cli.main([*resume, "--seed", "4", "--model", "wgangp"])
    with pytest.raises(ValueError, match=r"trained for 2 epochs already; received --epochs 1"):
        cli.main([*resume, "--epochs", "1"])
    os.rename(data / "000.png", data / "renamed.png")
    with pytest.raises(ValueError, match=r"--resume needs the data of the run: .* now holds .*'files_sha256'"):
        cli.main([*resume, "--epochs", "3"])
    os.rename(data / "renamed.png", data / "000.png")
    capsys.readouterr()
    assert cli.console_main(resume) == 0  # the executable's exit status on success
    assert "has completed its 2 epochs" in capsys.readouterr().out

    cli.main(["sample", str(out), "--num", "6", "--out", str(tmp_path / "s.npz"), "--seed", "1"])
    with np.load(tmp_path / "s.npz") as f:
        images = f["images"]
    from kerasgan import zoo

    gan = zoo.load(str(out / "model"))
    np.testing.assert_allclose(images, gan.generate(6, seed=1), atol=1e-6)
    cli.main(["sample", str(out), "--num", "6", "--out", str(tmp_path / "grid.png")])
    assert (tmp_path / "grid.png").exists()
    if BACKEND == "torch":
        with pytest.raises(RuntimeError, match=r"needs the TensorFlow or JAX backend.*format=.onnx."):
            cli.main(["export", str(out), str(tmp_path / "saved")])
    else:
        cli.main(["export", str(out), str(tmp_path / "saved")])
        assert (tmp_path / "saved" / "saved_model.pb").exists()


def test_data_and_option_errors(tmp_path, capsys):
    with pytest.raises(FileNotFoundError, match=r"holds no train_config.json and checkpoint.npz"):
        cli.main(["train", "--out", str(tmp_path / "none"), "--resume"])
    with pytest.raises(ValueError, match=r"--init-weights .* needs --preset"):
        cli.main(["train", "--init-weights", "--out", str(tmp_path / "a")])
    data = tmp_path / "flat"
    _write_images(data, 8, seed=1)
    with pytest.raises(ValueError, match=r"sngan_projection is class-conditional: --data needs labels"):
        cli.main(_train_args(data, tmp_path / "b", "--model", "sngan_projection", "--epochs", "1"))
    # An earlier run in the default --out (runs/dcgan, in the working directory): what the user typed
    # is checked first, the output folder last.
    os.makedirs("runs/dcgan")
    open("runs/dcgan/checkpoint.npz", "w").close()
    with pytest.raises(SystemExit) as exit_info:  # the executable: one line, exit status 2
        cli.console_main(["train", "--data", str(data)])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.startswith(f"kerasgan: error: --data {data} is an image folder: give --image-size")
    with pytest.raises(FileNotFoundError, match=r"missing.npz.\): no such file or folder"):
        cli.main(["train", "--data", str(tmp_path / "missing.npz")])
    with pytest.raises(ValueError, match=r"has 8 images, fewer than one GAN iteration takes \(64"):
        cli.main(["train", "--data", str(data), "--image-size", "8", "--filters", "4"])
    with pytest.raises(FileExistsError, match=r"runs/dcgan already holds a training run"):
        cli.main(_train_args(data, "runs/dcgan", "--epochs", "1"))
    assert os.listdir("runs/dcgan") == ["checkpoint.npz"]  # refused before anything was written
    with pytest.raises(ValueError, match=r"these cannot change: --seed"):  # before --out's state
        cli.main(["train", "--out", str(tmp_path / "none"), "--resume", "--seed", "1"])
    with pytest.raises(ValueError, match=r"--out must end in .png .* or .npz"):
        cli.main(["sample", "dcgan_mnist", "--out", str(tmp_path / "x.jpg")])
    with pytest.raises(ValueError, match=r"not class-conditional: --class and --labels do not apply"):
        cli.main(["sample", "dcgan_mnist", "--class", "3", "--out", str(tmp_path / "x.png")])


def _commands():
    import argparse

    parser = cli.build_parser()
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices


@pytest.mark.parametrize("command", ["train", "sample", "export", "eval", "levels"])
def test_help_is_complete(command, capsys):
    import argparse

    with pytest.raises(SystemExit) as exit_info:
        cli.main([command, "--help"])
    assert exit_info.value.code == 0
    shown = capsys.readouterr().out
    for action in _commands()[command]._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        assert action.help, f"kerasgan {command}: {action.dest} has no help"
        names = action.option_strings or [action.dest]
        assert any(name in shown for name in names), f"kerasgan {command} --help does not show {names}"
    assert command in _commands() and _commands()[command].description
