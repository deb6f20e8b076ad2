#!/usr/bin/env bash
# Stops the embedded stack: services gracefully (they drain their outboxes), then the broker.
set -uo pipefail
source "$(dirname "$0")/env.sh"
stop() {
  local name=$1 signal=$2
  alive "$name" || { rm -f "$run/pids/$name.pid"; return; }
  local pid; pid=$(cat "$run/pids/$name.pid")
  kill "-$signal" "$pid" 2>/dev/null
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  rm -f "$run/pids/$name.pid"
  echo "[down] $name stopped"
}
for s in issuance review intake identity; do stop "$s" TERM; done
stop tansu INT   # tansu ignores SIGTERM
