import Foundation
import Logging
import QyzmetMessaging

/// Reads topics from their beginning with a group of its own until nothing new has come for
/// `idle` seconds (the ops tools: dead letters, audit heads). Until partitions are assigned,
/// silence means nothing (up to 30 s).
public struct TopicDrain: Sendable {
    let bootstrapServers: String
    let clientId: String
    let topics: [String]
    let sessionTimeoutMilliseconds: Int
    let logger: Logger

    public init(bootstrapServers: String, clientId: String, topics: [String], sessionTimeoutMilliseconds: Int = 1000, logger: Logger) {
        self.bootstrapServers = bootstrapServers
        self.clientId = clientId
        self.topics = topics
        self.sessionTimeoutMilliseconds = sessionTimeoutMilliseconds
        self.logger = logger
    }

    public func read(idle: TimeInterval, _ each: ([ConsumedMessage]) -> Void) async throws {
        var configuration = KafkaConsumerConfiguration(
            client: KafkaClientConfiguration(bootstrapServers: bootstrapServers, clientId: clientId),
            groupId: "\(clientId)-\(UUID().uuidString.prefix(8))", topics: topics
        )
        configuration.sessionTimeoutMilliseconds = sessionTimeoutMilliseconds
        let consumer = try KafkaConsumer(configuration: configuration, logger: logger)
        var lastActivity = Date()
        let started = Date()
        while Date().timeIntervalSince(lastActivity) < idle {
            let batch = await consumer.poll(maxMessages: 1000, timeout: .milliseconds(200))
            if !batch.isEmpty || (consumer.assignedPartitions.isEmpty && Date().timeIntervalSince(started) < 30) { lastActivity = Date() }
            each(batch)
        }
        await consumer.close()
    }
}
