#!/usr/bin/env bash
# Starts the embedded stack in the background: tansu (in-memory) and the four services.
# Logs in .run/logs, SQLite files in .run/data. Stop with ./compose/down.sh.
set -euo pipefail
source "$(dirname "$0")/env.sh"
mkdir -p "$run/pids" "$run/logs" "$run/data"

for s in "${services[@]}"; do
  [ -x "$bin/$s" ] || { echo "[up] $bin/$s is missing: run swift build (or ./compose/demo.sh)"; exit 1; }
done
[ -x "$root/.tools/bin/tansu" ] || { echo "[up] tansu is missing: run ./compose/setup.sh"; exit 1; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if alive tansu; then
  echo "[up] broker already running (pid $(cat "$run/pids/tansu.pid"))"
else
  port_busy "$QYZMET_KAFKA_PORT" && { echo "[up] port $QYZMET_KAFKA_PORT is taken; set QYZMET_KAFKA_PORT"; exit 1; }
  # The broker keeps topics in memory: a new broker means new topics and offsets, so the
  # services' stores start over too (the gateway copies its population from the snapshot).
  rm -f "$run"/data/{intake,identity,review,issuance}.sqlite* "$QYZMET_CLOCK_OFFSET_FILE"
  # Applications filed after hours are accepted the next working day and nothing is decided
  # before then: a stack started at night runs on a clock moved to the next working morning.
  if [ "${QYZMET_REAL_CLOCK:-0}" != 1 ] && [ -x "$bin/qyzmet" ]; then
    offset="$("$bin/qyzmet" clock)"
    if [ "$offset" != 0 ]; then
      echo "$offset" > "$QYZMET_CLOCK_OFFSET_FILE"
      echo "[up] outside the providers' working hours in Kazakhstan: the stack's clock runs $((offset / 60)) minutes ahead, at the next working morning (QYZMET_REAL_CLOCK=1 keeps the real clock)"
    fi
  fi
  : > "$run/logs/tansu.log"
  start_tansu || true
  for _ in $(seq 1 100); do port_busy "$QYZMET_KAFKA_PORT" && break; sleep 0.1; done
  port_busy "$QYZMET_KAFKA_PORT" || { echo "[up] tansu did not start, see $run/logs/tansu.log"; exit 1; }
  echo "[up] tansu listening on $QYZMET_BOOTSTRAP_SERVERS"
fi

for s in "${services[@]}"; do
  if alive "$s"; then echo "[up] $s already running"; continue; fi
  port_busy "${ports[$s]}" && { echo "[up] port ${ports[$s]} for $s is taken"; exit 1; }
  QYZMET_HTTP_PORT="${ports[$s]}" setsid nohup "$bin/$s" >> "$run/logs/$s.log" 2>&1 < /dev/null &
  echo $! > "$run/pids/$s.pid"
done

deadline=$((SECONDS + 180))
for s in "${services[@]}"; do
  until curl -sf "http://127.0.0.1:${ports[$s]}/health" > /dev/null 2>&1; do
    if ! alive "$s"; then echo "[up] $s exited, see $run/logs/$s.log"; tail -5 "$run/logs/$s.log"; exit 1; fi
    [ $SECONDS -lt $deadline ] || { echo "[up] $s not ready after 180 s, see $run/logs/$s.log"; exit 1; }
    sleep 0.2
  done
  echo "[up] $s ready on :${ports[$s]}"
done
