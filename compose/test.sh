#!/usr/bin/env bash
# Sets up and runs the whole test suite: unit tests, and stack tests that start tansu and the
# four service processes. Each stack test uses its own broker, ports and data directory.
set -euo pipefail
cd "$(dirname "$0")/.."
./compose/setup.sh
export LD_LIBRARY_PATH="$PWD/.tools/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export QYZMET_TANSU="$PWD/.tools/bin/tansu"
# The production-like compose file (SASL/SCRAM, ACLs) must stay valid; only where Docker exists.
if command -v docker > /dev/null 2>&1 && docker compose version > /dev/null 2>&1; then
  docker compose -f compose/docker-compose.yml config --quiet && echo "[test] compose/docker-compose.yml is valid"
fi
swift build --build-tests
export QYZMET_BIN_DIR="$(swift build --show-bin-path)"
swift test --skip-build "$@"
