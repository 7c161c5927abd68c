#!/usr/bin/env bash
# Run the test suite under each Keras backend (default: all three). Usage: scripts/test.sh [backend ...]
# Backends run side by side, TEST_JOBS at a time (default: the number of CPU cores): one backend's
# suite keeps about one core busy (mostly compiling), so on CI's 2 cores two lanes halve the time.
# Each backend's output goes to a log that is printed when it finishes.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_env.sh || exit 1
backends=("$@")
[ ${#backends[@]} -eq 0 ] && backends=(jax tensorflow torch)  # the longest first
jobs=${TEST_JOBS:-$(nproc)}
logs=$(mktemp -d)
declare -A pids
run() {
  local b=$1
  KERAS_BACKEND=$b .venv/bin/python -m pytest -q -p no:cacheprovider --basetemp="$logs/tmp_$b" tests >"$logs/$b.log" 2>&1
}
report() {
  local b=$1 rc=$2
  echo "=== KERAS_BACKEND=$b (exit $rc)"
  cat "$logs/$b.log"
}
status=0
for b in "${backends[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 2; done
  run "$b" &
  pids[$b]=$!
done
for b in "${backends[@]}"; do
  wait "${pids[$b]}"; rc=$?
  report "$b" $rc
  [ $rc -eq 0 ] || status=1
done
rm -rf "$logs"
exit $status
