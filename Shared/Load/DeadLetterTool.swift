import Foundation
import Logging
import QyzmetDomain
import QyzmetMessaging

/// Reads the dead-letter topic from the start and replays chosen letters to the topic they came
/// from, byte for byte (the `dlq-*` headers removed), once their cause is fixed.
public struct DeadLetterTool: Sendable {
    let bootstrapServers: String
    let sessionTimeoutMilliseconds: Int
    let logger: Logger

    public init(bootstrapServers: String, sessionTimeoutMilliseconds: Int = 1000, logger: Logger) {
        self.bootstrapServers = bootstrapServers
        self.sessionTimeoutMilliseconds = sessionTimeoutMilliseconds
        self.logger = logger
    }

    /// Every dead letter on the topic, read until `idle` passes with nothing new.
    public func read(idle: TimeInterval = 3) async throws -> [ConsumedMessage] {
        var configuration = KafkaConsumerConfiguration(
            client: KafkaClientConfiguration(bootstrapServers: bootstrapServers, clientId: "qyzmet-dlq-tool"),
            groupId: "qyzmet-dlq-tool-\(UUID().uuidString.prefix(8))", topics: [Topics.deadLetter]
        )
        configuration.sessionTimeoutMilliseconds = sessionTimeoutMilliseconds
        let consumer = try KafkaConsumer(configuration: configuration, logger: logger)
        var letters: [ConsumedMessage] = []
        var lastActivity = Date()
        let started = Date()
        while Date().timeIntervalSince(lastActivity) < idle {
            let batch = await consumer.poll(maxMessages: 1000, timeout: .milliseconds(200))
            // Until partitions are assigned, silence means nothing.
            if !batch.isEmpty || (consumer.assignedPartitions.isEmpty && Date().timeIntervalSince(started) < 30) { lastActivity = Date() }
            letters += batch
        }
        await consumer.close()
        return letters
    }

    /// Publishes the letters back to their original topics; returns how many were accepted.
    public func replay(_ letters: [ConsumedMessage]) async throws -> Int {
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(client: KafkaClientConfiguration(bootstrapServers: bootstrapServers, clientId: "qyzmet-dlq-tool")), logger: logger)
        let messages = letters.compactMap { letter -> OutgoingMessage? in
            guard let topic = letter.header(DeadLetterHeader.originalTopic) else { return nil }
            return OutgoingMessage(topic: topic, key: letter.key, value: letter.value, headers: letter.headers.filter { !$0.0.hasPrefix("dlq-") })
        }
        let results = await producer.send(messages)
        await producer.shutdown()
        return results.filter { if case .success = $0 { true } else { false } }.count
    }
}
