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
    /// Ops' key (`ops-seal.key`): letters keep their original sealed for it.
    let opsKeys: SealingKeyRing

    public init(bootstrapServers: String, sessionTimeoutMilliseconds: Int = 1000, opsKeys: SealingKeyRing = .none, logger: Logger) {
        self.bootstrapServers = bootstrapServers
        self.sessionTimeoutMilliseconds = sessionTimeoutMilliseconds
        self.opsKeys = opsKeys
        self.logger = logger
    }

    /// The letter's original bytes, opened with ops' key when sealed.
    public func original(of letter: ConsumedMessage) throws -> Data {
        try DeadLetterHeader.originalValue(letter.value, headers: letter.headers, keys: opsKeys)
    }

    /// Every dead letter on the topic, read until `idle` passes with nothing new.
    public func read(idle: TimeInterval = 3) async throws -> [ConsumedMessage] {
        var letters: [ConsumedMessage] = []
        try await TopicDrain(bootstrapServers: bootstrapServers, clientId: "qyzmet-dlq-tool", topics: [Topics.deadLetter],
                             sessionTimeoutMilliseconds: sessionTimeoutMilliseconds, logger: logger).read(idle: idle) { letters += $0 }
        return letters
    }

    /// Where a letter may go back to: the topic it was consumed from, provided that topic is one
    /// its consumer reads (`Topics.consumed`). Anyone who can write to the dead-letter topic can
    /// write headers, so a letter naming another topic (a decision dressed as an application) is
    /// not replayed; nor is one whose original was truncated.
    public static func replayTarget(of letter: ConsumedMessage) -> Result<String, ReplayRefusal> {
        guard letter.header(DeadLetterHeader.truncated) == nil else { return .failure(.truncated) }
        guard let consumer = letter.header(DeadLetterHeader.consumer), let reads = Topics.consumed[consumer] else {
            return .failure(.unknownConsumer(letter.header(DeadLetterHeader.consumer) ?? "-"))
        }
        guard let topic = letter.header(DeadLetterHeader.originalTopic), reads.contains(topic) else {
            return .failure(.notConsumedBy(consumer, letter.header(DeadLetterHeader.originalTopic) ?? "-"))
        }
        return .success(topic)
    }

    public enum ReplayRefusal: Error, Equatable, CustomStringConvertible {
        case truncated
        case unknownConsumer(String)
        case notConsumedBy(String, String)

        public var description: String {
            switch self {
            case .truncated: "the original was too large and is kept truncated"
            case .unknownConsumer(let c): "dlq-consumer \(c) is not a Qyzmet service"
            case .notConsumedBy(let c, let t): "\(c) does not consume \(t)"
            }
        }
    }

    /// Publishes the letters back to their original topics with their original headers; returns
    /// how many were accepted. Letters `replayTarget` refuses are skipped.
    public func replay(_ letters: [ConsumedMessage]) async throws -> Int {
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(client: KafkaClientConfiguration(bootstrapServers: bootstrapServers, clientId: "qyzmet-dlq-tool")), logger: logger)
        let messages = letters.compactMap { letter -> OutgoingMessage? in
            guard case .success(let topic) = Self.replayTarget(of: letter) else { return nil }
            guard let value = try? original(of: letter) else {
                logger.error("dead letter not replayed: its original is sealed for ops and ops' key does not open it", metadata: ["key": "\(letter.key.map { String(decoding: $0, as: UTF8.self) } ?? "-")"])
                return nil
            }
            return OutgoingMessage(topic: topic, key: letter.key, value: value, headers: DeadLetterHeader.original(letter.headers))
        }
        let results = await producer.send(messages)
        await producer.shutdown()
        return results.filter { if case .success = $0 { true } else { false } }.count
    }
}
