# Shared settings of the embedded stack; sourced by up.sh, down.sh and demo.sh.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
run="${QYZMET_RUN_DIR:-$root/.run}"
export QYZMET_KAFKA_PORT="${QYZMET_KAFKA_PORT:-9092}"
export QYZMET_BOOTSTRAP_SERVERS="127.0.0.1:$QYZMET_KAFKA_PORT"
export QYZMET_DATA_DIR="$run/data"
export QYZMET_KEYS_DIR="${QYZMET_KEYS_DIR:-$root/compose/dev-keys}"
export QYZMET_CLOCK_OFFSET_FILE="$run/clock-offset"
# The gateway generates its 100,000 synthetic persons once and copies them afterwards.
export QYZMET_POPULATION_SNAPSHOT="${QYZMET_POPULATION_SNAPSHOT:-$run/cache/population.sqlite}"
# Bodies outside the e-government databases (order 555 S5) answer a request after working days;
# the embedded stack has them answer in seconds so that a demonstration shows the whole path.
export QYZMET_OUTSIDE_BODY_DAYS="${QYZMET_OUTSIDE_BODY_DAYS:-kz-bodies=5s,foreign-archive=10s,special-resettlement-card-index=3s,prosecution-card-index=2s}"
# Review asks the payment gateway again after this many seconds while a case waits for payment.
export QYZMET_PAYMENT_RECHECK_SECONDS="${QYZMET_PAYMENT_RECHECK_SECONDS:-5}"
export QYZMET_SESSION_TIMEOUT_MS="${QYZMET_SESSION_TIMEOUT_MS:-3000}"
# librdkafka >= 2.1 for tansu (docs/architecture.md); the binaries also find it by run path.
export LD_LIBRARY_PATH="$root/.tools/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
bin="${QYZMET_BIN:-$root/.build/debug}"
services=(identity intake review issuance)
base="${QYZMET_HTTP_PORT_BASE:-8080}"
declare -A ports=([intake]=$((base + 1)) [identity]=$((base + 2)) [review]=$((base + 3)) [issuance]=$((base + 4)))

alive() { [ -f "$run/pids/$1.pid" ] && kill -0 "$(cat "$run/pids/$1.pid")" 2>/dev/null; }

# The broker with in-memory storage: a new one has no topics, offsets or groups.
start_tansu() {
  setsid nohup "$root/.tools/bin/tansu" broker \
    --listener-url "tcp://127.0.0.1:$QYZMET_KAFKA_PORT" --advertised-listener-url "tcp://127.0.0.1:$QYZMET_KAFKA_PORT" \
    --storage-engine memory://tansu/ >> "$run/logs/tansu.log" 2>&1 < /dev/null &
  echo $! > "$run/pids/tansu.pid"
  for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$QYZMET_KAFKA_PORT") 2>/dev/null && return 0; sleep 0.1; done
  return 1
}

