"""The wheel: built from a copy of the sources and installed outside the checkout, it carries the
preset folders trained here (the repository's top-level `pretrained/`) and loads them by name."""

import glob
import json
import os
import shutil
import subprocess
import sys

import keras
import numpy as np
from repo import REPO_ROOT

from kerasgan import zoo

SOURCES = ("kerasgan", "pretrained", "setup.py", "pyproject.toml", "README.md")
CHECK = """
import json, sys
import numpy as np
import kerasgan
from kerasgan import zoo
gan = zoo.load("dcgan_mnist")
np.save(sys.argv[1], np.asarray(gan.generate(4, seed=0)))
print(json.dumps({"module": kerasgan.__file__, "folder": zoo.get_preset("dcgan_mnist").folder,
                  "trained": [n for n in zoo.list() if zoo.get_preset(n).shipped]}))
"""


def _build_and_install(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    for name in SOURCES:
        path = os.path.join(REPO_ROOT, name)
        ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
        (shutil.copytree(path, source / name, ignore=ignore) if os.path.isdir(path) else shutil.copy(path, source))
    wheels = tmp_path / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(source)], check=True)
    (wheel,) = glob.glob(str(wheels / "kerasgan-*.whl"))
    site = tmp_path / "site"
    subprocess.run([*pip, "install", "--no-deps", "--target", str(site), wheel], check=True)
    return site


def test_installed_wheel_loads_the_shipped_presets(tmp_path):
    site = _build_and_install(tmp_path)
    run_dir = tmp_path / "elsewhere"
    run_dir.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("KERASGAN_PRETRAINED_DIR", None)
    result = subprocess.run([sys.executable, "-c", CHECK, str(tmp_path / "samples.npy")], cwd=run_dir, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["module"].startswith(str(site)), found
    assert found["folder"] == os.path.join(str(site), "kerasgan", "pretrained", "dcgan_mnist")
    in_repo = sorted(n for n in os.listdir(os.path.join(REPO_ROOT, "pretrained")) if not n.startswith("."))
    assert found["trained"] == in_repo
    expected = keras.ops.convert_to_numpy(zoo.load("dcgan_mnist").generate(4, seed=0))
    np.testing.assert_allclose(np.load(tmp_path / "samples.npy"), expected, atol=1e-6)
