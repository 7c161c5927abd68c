#!/usr/bin/env bash
# Run the test suite under each Keras backend (default: all three), one lane per backend, plus a
# lane with the heavy reproductions of the presets' measured numbers (tests marked `slow`) under one
# backend: TEST_SLOW_BACKEND, default jax (the fastest at them) or else the first one asked for.
# Every lane checks that its backend computes the same preset outputs as the reproductions read
# (test_zoo.py, tests/preset_outputs.py), so their numbers hold on all three.
# Usage: scripts/test.sh [backend ...]; TEST_SLOW=0 skips the slow lane.
# Lanes run side by side, TEST_JOBS at a time (default: the number of CPU cores), longest first,
# each started as soon as a running one ends: one backend's suite keeps about one core busy
# (mostly compiling), so on CI's 2 cores two lanes halve the time; short lanes fill the gap the
# shorter of the long ones leaves. Each lane's output goes to a log printed when it finishes.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_env.sh || exit 1
backends=("$@")
[ ${#backends[@]} -eq 0 ] && backends=(jax tensorflow torch)  # the longest first
jobs=${TEST_JOBS:-$(nproc)}
# Each lane gets its share of the cores for OpenMP (torch's CPU kernels): two torch processes with
# a thread per core each took 176 s for what one thread each does in 104 s (spinning threads
# fighting for 2 cores). TensorFlow and XLA keep their own pools; they measured no difference.
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-$(( $(nproc) / jobs > 0 ? $(nproc) / jobs : 1 ))}
lanes=("${backends[@]}")
if [ "${TEST_SLOW:-1}" = 1 ]; then  # measured here: slow jax 142 s, tensorflow 285, torch 313
  slow=${TEST_SLOW_BACKEND:-}
  if [ -z "$slow" ]; then
    slow=${backends[0]}
    [[ " ${backends[*]} " == *" jax "* ]] && slow=jax
  fi
  lanes+=("slow_$slow")
fi
logs=$(mktemp -d)
# One JAX compilation cache for every lane and the subprocesses the tests start: the same tiny
# models are compiled by many tests (and by the CLI and cross-backend subprocesses); a hit skips
# XLA's compile. Every compile is kept, the small op-by-op ones of building a model too (a tiny
# BigGAN's build in a fresh subprocess: 3.8 -> 1.9 s). Fresh per run, so nothing stale is ever read.
export JAX_COMPILATION_CACHE_DIR="$logs/jax_cache" JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS=0
declare -A pids
pytest_on() {  # backend, marker expression
  KERAS_BACKEND=$1 .venv/bin/python -m pytest -q -p no:cacheprovider -m "$2" --basetemp="$logs/tmp_$1_${2// /_}" tests
}
run() {
  local lane=$1
  if [[ "$lane" == slow_* ]]; then
    pytest_on "${lane#slow_}" slow
    return
  fi
  pytest_on "$lane" "not slow"
}
status=0
for lane in "${lanes[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 2; done
  run "$lane" >"$logs/$lane.log" 2>&1 &
  pids[$lane]=$!
done
for lane in "${lanes[@]}"; do
  wait "${pids[$lane]}"; rc=$?
  echo "=== lane $lane (exit $rc)"
  cat "$logs/$lane.log"
  [ $rc -eq 0 ] || status=1
done
rm -rf "$logs"
exit $status
