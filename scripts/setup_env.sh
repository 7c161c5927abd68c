#!/usr/bin/env bash
# Create .venv (if missing) with the pinned CPU stack of .ci/requirements.txt and kerasgan itself.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
if [ ! -x .venv/bin/ruff ] || ! .venv/bin/python -c "import keras, tensorflow, jax, torch, pytest, PIL, onnxruntime, tf2onnx, onnxscript, tensorflow_datasets, tensorboard, kerasgan" >/dev/null 2>&1; then
  .venv/bin/python -m pip install -q -r .ci/requirements.txt
  .venv/bin/python -m pip install -q --no-deps -e .
fi
