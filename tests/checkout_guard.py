"""The suite leaves the checkout as it found it.

A test that runs the CLI or a recipe with a relative path (the default `--out runs/dcgan`) must not
write into the user's checkout, nor read what an earlier run left there: conftest.py runs every test
in a fresh temporary working directory, and this module's snapshot, taken when the session starts and
again when it ends, fails the session if any file or folder of the checkout was created, changed or
deleted. Python's bytecode caches, pytest's cache, virtual environments and .git are left out: they are
written by running anything at all, not by the code under test.
"""

import os

SKIPPED = frozenset({".git", ".venv", "venv", "__pycache__", ".pytest_cache", ".ruff_cache"})


def snapshot(root):
    """Every file (size, modification time) and folder under `root`, by path relative to it."""
    entries = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in SKIPPED and not d.endswith(".egg-info")]
        for name in dirs:
            entries[os.path.relpath(os.path.join(folder, name), root) + os.sep] = "folder"
        for name in files:
            path = os.path.join(folder, name)
            try:
                stat = os.lstat(path)
            except FileNotFoundError:  # removed while we walked: absent
                continue
            entries[os.path.relpath(path, root)] = (stat.st_size, stat.st_mtime_ns)
    return entries


def changes(before, after):
    """What differs between two snapshots, one line a path: 'created P', 'changed P' or 'deleted P'."""
    lines = [f"created {p}" for p in after.keys() - before.keys()]
    lines += [f"deleted {p}" for p in before.keys() - after.keys()]
    lines += [f"changed {p}" for p in before.keys() & after.keys() if before[p] != after[p]]
    return sorted(lines, key=lambda line: line.split(" ", 1)[1])


def report(root, found, limit=20):
    """The message that fails a session which changed the checkout at `root`."""
    shown = found[:limit] + ([f"... and {len(found) - limit} more"] if len(found) > limit else [])
    return (
        f"The tests changed the checkout {root} ({len(found)} paths); tests must work in a temporary "
        "directory (tmp_path, or the working directory conftest.py gives each test):\n  " + "\n  ".join(shown)
    )
