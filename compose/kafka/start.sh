#!/bin/bash
# Apache Kafka for compose/docker-compose.yml: KRaft, one node; clients authenticate with
# SASL/SCRAM-SHA-512 (one principal per service, the channels and ops), and the StandardAuthorizer
# allows only what compose/kafka/acls.txt lists (acls.sh applies it). The storage is formatted
# once, with the SCRAM credentials, before the first start.
set -euo pipefail
config=/tmp/server.properties
cat > "$config" <<PROPERTIES
node.id=1
process.roles=broker,controller
controller.quorum.voters=1@kafka:9093
controller.listener.names=CONTROLLER
listeners=INTERNAL://:9092,EXTERNAL://:29092,CONTROLLER://:9093
advertised.listeners=INTERNAL://kafka:9092,EXTERNAL://localhost:29092
listener.security.protocol.map=INTERNAL:SASL_PLAINTEXT,EXTERNAL:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=INTERNAL
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.internal.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD}";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin;User:ANONYMOUS
allow.everyone.if.no.acl.found=false
log.dirs=/var/lib/kafka/data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPERTIES
# ANONYMOUS is the controller's own PLAINTEXT listener inside the container, not reachable as a client.
if [ ! -f /var/lib/kafka/data/meta.properties ]; then
  scram=()
  for principal in admin intake identity review issuance channels ops; do
    var="KAFKA_PASSWORD_$(echo "$principal" | tr a-z A-Z)"
    [ "$principal" = admin ] && var=KAFKA_ADMIN_PASSWORD
    scram+=(--add-scram "SCRAM-SHA-512=[name=$principal,password=${!var}]")
  done
  /opt/kafka/bin/kafka-storage.sh format --config "$config" --cluster-id "${CLUSTER_ID:-qyzmet-compose-cluster-0}" "${scram[@]}"
fi
exec /opt/kafka/bin/kafka-server-start.sh "$config"
