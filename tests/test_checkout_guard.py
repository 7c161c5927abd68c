"""The check that fails the suite when tests change the checkout (tests/checkout_guard.py) does fail:
on its own functions, and as the session hook of conftest.py in a pytest run of its own."""

import os
import shutil
import subprocess
import sys

from checkout_guard import changes
from checkout_guard import snapshot

TESTS = os.path.dirname(os.path.abspath(__file__))


def test_snapshot_sees_created_changed_and_deleted_paths(tmp_path):
    (tmp_path / "kept.txt").write_text("a")
    (tmp_path / "edited.txt").write_text("b")
    (tmp_path / "removed.txt").write_text("c")
    (tmp_path / "__pycache__").mkdir()
    before = snapshot(tmp_path)
    assert changes(before, snapshot(tmp_path)) == []
    (tmp_path / "edited.txt").write_text("bb")
    (tmp_path / "removed.txt").unlink()
    (tmp_path / "runs" / "dcgan").mkdir(parents=True)
    (tmp_path / "__pycache__" / "x.pyc").write_bytes(b"")  # bytecode caches are not the tests' doing
    assert changes(before, snapshot(tmp_path)) == [
        "changed edited.txt", "deleted removed.txt", f"created runs{os.sep}", f"created runs{os.sep}dcgan{os.sep}"]
    same_size = (tmp_path / "kept.txt").stat()
    os.utime(tmp_path / "kept.txt", ns=(same_size.st_atime_ns, same_size.st_mtime_ns + 10**9))
    assert "changed kept.txt" in changes(before, snapshot(tmp_path))  # rewritten with the same size


def test_a_session_that_writes_into_the_checkout_fails(tmp_path):
    checkout = tmp_path / "checkout"
    (checkout / "tests").mkdir(parents=True)
    for name in ("conftest.py", "checkout_guard.py"):
        shutil.copy(os.path.join(TESTS, name), checkout / "tests" / name)
    (checkout / "tests" / "test_writes.py").write_text(
        "import os\n"
        "ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))\n"
        "def test_relative_paths_land_outside_the_checkout():\n"
        "    assert not os.getcwd().startswith(ROOT)\n"
        "    os.makedirs('runs/dcgan')\n"
        "    open('runs/dcgan/checkpoint.npz', 'w').close()\n"
        "def test_writes_into_the_checkout():\n"
        "    open(os.path.join(ROOT, 'written_by_a_test.txt'), 'w').close()\n"
    )
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--basetemp={tmp_path / 'base'}",
               "tests"]
    result = subprocess.run(command, cwd=checkout, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "2 passed" in result.stdout and "changed the checkout" in result.stdout
    assert "created written_by_a_test.txt" in result.stdout and "runs" not in result.stdout

    os.remove(checkout / "written_by_a_test.txt")
    (checkout / "tests" / "test_writes.py").write_text("def test_nothing_written():\n    pass\n")
    result = subprocess.run(command, cwd=checkout, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "changed the checkout" not in result.stdout, result.stdout + result.stderr
