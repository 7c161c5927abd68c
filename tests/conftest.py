import importlib.metadata
import os

import pytest
from checkout_guard import changes
from checkout_guard import report
from checkout_guard import snapshot

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
# Tests compile many tiny training steps; XLA's backend optimizations cost ~3x the compile time
# there and buy nothing at this size (JAX: ~35 s -> ~11 s for a small SN-GAN step on 2 cores).
# XLA:CPU's older elemental emitters compile the tiny cases' steps faster than its fusion emitters
# (jaxlib 0.10, XLA compile of one training step: BigGAN 14.1 -> 10.7 s, CESAGAN 9.1 -> 4.0 s,
# IVGAN 8.0 -> 5.3 s); TensorFlow's XLA accepts the flag and measured no difference. An unknown
# flag aborts XLA, so it is set only on the jaxlib it was measured with (.ci/requirements.txt).
_flags = "--xla_backend_optimization_level=0"
try:
    if importlib.metadata.version("jaxlib").startswith("0.10."):
        _flags += " --xla_cpu_use_fusion_emitters=false"
except importlib.metadata.PackageNotFoundError:
    pass
os.environ.setdefault("XLA_FLAGS", _flags)


# The checkout (tests/..); not tests.repo's, which imports the recipes' modules.
CHECKOUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_BEFORE = pytest.StashKey[dict]()


def pytest_sessionstart(session):
    session.config.stash[_BEFORE] = snapshot(CHECKOUT)


def pytest_sessionfinish(session, exitstatus):
    before = session.config.stash.get(_BEFORE, None)
    found = changes(before, snapshot(CHECKOUT)) if before is not None else []
    if found:
        session.config.get_terminal_writer().line("\n" + report(CHECKOUT, found), red=True, bold=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session", autouse=True)
def _session_working_directory(tmp_path_factory):
    """Module- and session-scoped fixtures run outside the checkout too (set up before the per-test one)."""
    previous = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("cwd"))
    yield
    os.chdir(previous)


@pytest.fixture(autouse=True)
def _test_working_directory(tmp_path_factory, monkeypatch):
    """Each test runs in an empty working directory of its own: a relative path (the CLI's default
    --out runs/MODEL) never reaches the checkout or what another test left."""
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))
