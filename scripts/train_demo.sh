#!/usr/bin/env bash
# The main job: train DCGAN on the embedded MNIST subset; writes runs/dcgan/ (samples.png, model/, ...).
# Usage: scripts/train_demo.sh [kerasgan train options]   (KERAS_BACKEND picks the backend)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_env.sh
export KERAS_BACKEND=${KERAS_BACKEND:-tensorflow} TF_CPP_MIN_LOG_LEVEL=${TF_CPP_MIN_LOG_LEVEL:-3}
exec .venv/bin/python -m kerasgan train "$@"
