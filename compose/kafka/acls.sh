#!/bin/bash
# Applies compose/kafka/acls.txt as the admin principal (the one-shot service kafka-acls).
set -euo pipefail
admin=/tmp/admin.properties
cat > "$admin" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD}";
PROPERTIES
acl() { /opt/kafka/bin/kafka-acls.sh --bootstrap-server kafka:9092 --command-config "$admin" --add --allow-principal "User:$1" "${@:2}" > /dev/null; }
while read -r principal operation resource; do
  case "$principal" in ''|'#'*) continue ;; esac
  # A resource ending in . or - is a prefix.
  pattern=literal
  case "$resource" in *. | *-) pattern=prefixed ;; esac
  case "$operation" in
    write) acl "$principal" --operation Write --operation Describe --topic "$resource" --resource-pattern-type "$pattern" ;;
    read)  acl "$principal" --operation Read --operation Describe --topic "$resource" --resource-pattern-type "$pattern" ;;
    group) acl "$principal" --operation Read --group "$resource" --resource-pattern-type "$pattern" ;;
    *) echo "acls.txt: unknown operation $operation" >&2; exit 1 ;;
  esac
done < /qyzmet/acls.txt
# The services create the contract's topics at start.
for service in intake identity review issuance; do
  acl "$service" --operation Create --operation Describe --topic qyzmet. --resource-pattern-type prefixed
done
echo "ACLs applied"
