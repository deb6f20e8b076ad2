#!/usr/bin/env bash
# The crash soak: a release build, a fresh embedded stack on its own ports and run directory, then
# `qyzmet soak` (by default 100,000 applications, 50 SIGKILLs, 3 broker restarts, the gateway down
# for two minutes), then the stack is stopped. Extra arguments go to `qyzmet soak`, e.g.
#   ./compose/soak.sh --count 2000 --kills 5 --broker-restarts 1 --gateway-down 20
set -euo pipefail
cd "$(dirname "$0")/.."
./compose/setup.sh
echo "[soak] release build (first time: several minutes)"
swift build -c release 2>&1 | grep -E "error|Build complete" || true
export QYZMET_RUN_DIR="$PWD/.run-soak" QYZMET_BIN="$PWD/.build/release"
export QYZMET_KAFKA_PORT="${QYZMET_KAFKA_PORT:-29092}" QYZMET_HTTP_PORT_BASE="${QYZMET_HTTP_PORT_BASE:-28080}"
# Published hand-offs are kept long enough for a soak's broker restarts.
export QYZMET_OUTBOX_KEEP_PUBLISHED_MINUTES="${QYZMET_OUTBOX_KEEP_PUBLISHED_MINUTES:-240}"
trap './compose/down.sh > /dev/null' EXIT
./compose/down.sh > /dev/null
./compose/up.sh
source compose/env.sh
"$bin/qyzmet" soak --bootstrap "$QYZMET_BOOTSTRAP_SERVERS" --data-dir "$run/data" \
  --ports "${ports[intake]},${ports[identity]},${ports[review]},${ports[issuance]}" "$@"
