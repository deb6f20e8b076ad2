/// Connection settings every Kafka client shares.
public struct KafkaClientConfiguration: Sendable {
    public var bootstrapServers: String
    public var clientId: String
    /// Raw librdkafka properties applied last, for what this struct does not name
    /// (`security.protocol`, `sasl.*`, `debug`).
    public var properties: [String: String]

    public init(bootstrapServers: String, clientId: String, properties: [String: String] = [:]) {
        self.bootstrapServers = bootstrapServers
        self.clientId = clientId
        self.properties = properties
    }

    var baseProperties: [String: String] {
        ["bootstrap.servers": bootstrapServers, "client.id": clientId]
    }
}

public struct KafkaProducerConfiguration: Sendable {
    public var client: KafkaClientConfiguration
    /// Idempotent producer: retries never duplicate or reorder within a partition.
    public var idempotent: Bool = true
    /// How long librdkafka waits to fill a batch (`linger.ms`); small keeps hand-offs fast.
    public var lingerMilliseconds: Int = 2
    /// How long a message may take to be delivered, retries included (`message.timeout.ms`).
    public var deliveryTimeoutMilliseconds: Int = 30_000

    public init(client: KafkaClientConfiguration) {
        self.client = client
    }

    var properties: [String: String] {
        var p = client.baseProperties
        p["enable.idempotence"] = idempotent ? "true" : "false"
        p["acks"] = "all"
        p["linger.ms"] = String(lingerMilliseconds)
        p["message.timeout.ms"] = String(deliveryTimeoutMilliseconds)
        p["compression.type"] = "none"
        return p.merging(client.properties) { _, custom in custom }
    }
}

public struct KafkaConsumerConfiguration: Sendable {
    public var client: KafkaClientConfiguration
    public var groupId: String
    public var topics: [String]
    /// A dead member is noticed after this long; a joining member waits about half of it on tansu.
    public var sessionTimeoutMilliseconds: Int = 10_000
    /// Upper bound on how long the broker holds a fetch open with no data: the floor on idle
    /// hand-off latency.
    public var fetchWaitMaxMilliseconds: Int = 10
    /// Where a group with no committed offset starts. `earliest`: nothing published before the
    /// first start is skipped.
    public var autoOffsetReset: String = "earliest"

    public init(client: KafkaClientConfiguration, groupId: String, topics: [String]) {
        self.client = client
        self.groupId = groupId
        self.topics = topics
    }

    var properties: [String: String] {
        var p = client.baseProperties
        p["group.id"] = groupId
        p["enable.auto.commit"] = "false"
        p["enable.auto.offset.store"] = "false"
        p["auto.offset.reset"] = autoOffsetReset
        p["session.timeout.ms"] = String(sessionTimeoutMilliseconds)
        p["heartbeat.interval.ms"] = String(max(100, sessionTimeoutMilliseconds / 5))
        p["fetch.wait.max.ms"] = String(fetchWaitMaxMilliseconds)
        p["enable.partition.eof"] = "false"
        p["allow.auto.create.topics"] = "true"
        return p.merging(client.properties) { _, custom in custom }
    }
}
