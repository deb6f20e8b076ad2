#!/usr/bin/env bash
# Sets up and runs the whole test suite: unit tests, and stack tests that start tansu and the
# four service processes. Each stack test uses its own broker, ports and data directory.
set -euo pipefail
cd "$(dirname "$0")/.."
./compose/setup.sh
export LD_LIBRARY_PATH="$PWD/.tools/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export QYZMET_TANSU="$PWD/.tools/bin/tansu"
swift build --build-tests
export QYZMET_BIN_DIR="$(swift build --show-bin-path)"
swift test --skip-build "$@"
