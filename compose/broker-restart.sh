#!/usr/bin/env bash
# Restarts the embedded broker without touching the services' stores: the new broker has no
# topics, offsets or groups, as after a crash. The services notice, stop and say so in /health
# (broker-changed) until `qyzmet broker recover` (docs/runbook.md section 15). Used by the soak.
set -euo pipefail
source "$(dirname "$0")/env.sh"
if alive tansu; then
  pid=$(cat "$run/pids/tansu.pid")
  kill -INT "$pid"   # tansu ignores SIGTERM
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
fi
start_tansu || { echo "[broker-restart] tansu did not start, see $run/logs/tansu.log"; exit 1; }
echo "[broker-restart] tansu restarted on $QYZMET_BOOTSTRAP_SERVERS without its memory"
