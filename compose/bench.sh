#!/usr/bin/env bash
# The benchmark: a release build, a fresh embedded stack on its own ports and run directory
# (a running demo is left alone), `qyzmet bench`, then the stack is stopped. Prints numbers only;
# docs/benchmark.md explains them. Extra arguments go to `qyzmet bench` (e.g. --count 5000).
set -euo pipefail
cd "$(dirname "$0")/.."
./compose/setup.sh
echo "[bench] release build (first time: several minutes)"
swift build -c release 2>&1 | grep -E "error|Build complete" || true
export QYZMET_RUN_DIR="$PWD/.run-bench" QYZMET_BIN="$PWD/.build/release"
export QYZMET_KAFKA_PORT="${QYZMET_KAFKA_PORT:-19092}" QYZMET_HTTP_PORT_BASE="${QYZMET_HTTP_PORT_BASE:-18080}"
trap './compose/down.sh > /dev/null' EXIT
./compose/down.sh > /dev/null
./compose/up.sh
source compose/env.sh
"$bin/qyzmet" bench --bootstrap "$QYZMET_BOOTSTRAP_SERVERS" --pids "$run/pids" \
  --ports "${ports[intake]},${ports[identity]},${ports[review]},${ports[issuance]}" "$@"
