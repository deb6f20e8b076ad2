#!/usr/bin/env bash
# The newcomer's first command: installs what is missing, builds, starts the embedded stack,
# submits a demonstration load through both channels and prints what became of it. The stack
# keeps running afterwards; ./compose/down.sh stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
./compose/setup.sh
echo "[demo] building (the first build fetches and compiles dependencies: a few minutes)"
swift build 2>&1 | grep -E "error|warning: unre|Compiling Qyzmet|Build complete" || true
[ -x .build/debug/qyzmet ] || { echo "[demo] build failed; run swift build to see why"; exit 1; }
./compose/up.sh
source compose/env.sh
.build/debug/qyzmet demo --bootstrap "$QYZMET_BOOTSTRAP_SERVERS" --count "${QYZMET_DEMO_COUNT:-240}"
