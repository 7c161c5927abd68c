"""kerasgan.backend.xla_cpu: the JAX backend leaves CPU convolutions to XLA unless the user chose."""

import os

import jax
import keras
import pytest

from kerasgan.backend import xla_cpu

MEASURED = jax.__version__.startswith(xla_cpu._MEASURED_ON)


@pytest.mark.skipif(keras.backend.backend() != "jax", reason="set only when kerasgan runs on JAX")
def test_the_jax_backend_sets_the_flag_at_import():
    assert (f"{xla_cpu._FLAG}={xla_cpu._VALUE}" in os.environ.get("XLA_FLAGS", "")) == MEASURED


@pytest.mark.skipif(not MEASURED, reason=f"jax {jax.__version__}: the flag is added on measured releases only")
def test_the_flag_is_appended_to_the_users_flags(monkeypatch):
    monkeypatch.setenv("XLA_FLAGS", "--xla_backend_optimization_level=0")
    assert xla_cpu.prefer_xla_convolutions() is True
    assert os.environ["XLA_FLAGS"] == (
        "--xla_backend_optimization_level=0 --xla_cpu_experimental_ynn_fusion_type=-individual_convolution"
    )
    monkeypatch.delenv("XLA_FLAGS")
    assert xla_cpu.prefer_xla_convolutions() is True
    assert os.environ["XLA_FLAGS"] == "--xla_cpu_experimental_ynn_fusion_type=-individual_convolution"


def test_the_users_own_setting_is_kept(monkeypatch):
    monkeypatch.setenv("XLA_FLAGS", "--xla_cpu_experimental_ynn_fusion_type=+individual_convolution")
    assert xla_cpu.prefer_xla_convolutions() is False
    assert os.environ["XLA_FLAGS"] == "--xla_cpu_experimental_ynn_fusion_type=+individual_convolution"


def test_an_unmeasured_jax_release_gets_no_flag(monkeypatch):
    monkeypatch.delenv("XLA_FLAGS", raising=False)
    monkeypatch.setattr(xla_cpu.jax, "__version__", "9.9.0")
    assert xla_cpu.prefer_xla_convolutions() is False
    assert "XLA_FLAGS" not in os.environ
