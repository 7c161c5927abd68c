#!/usr/bin/env bash
# Run the test suite under each Keras backend (default: all three). Usage: scripts/test.sh [backend ...]
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_env.sh || exit 1
backends=("$@")
[ ${#backends[@]} -eq 0 ] && backends=(tensorflow jax torch)
status=0
for b in "${backends[@]}"; do
  echo "=== KERAS_BACKEND=$b"
  KERAS_BACKEND=$b .venv/bin/python -m pytest -q -p no:cacheprovider tests || status=1
done
exit $status
