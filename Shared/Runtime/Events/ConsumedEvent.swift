import QyzmetDomain
import QyzmetMessaging

/// An event read from Kafka with its envelope decoded.
public struct ConsumedEvent: Sendable {
    public let envelope: EventEnvelope
    public let topic: String
    public let partition: Int32
    public let offset: Int64

    public init(envelope: EventEnvelope, topic: String, partition: Int32, offset: Int64) {
        self.envelope = envelope
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }

    public var lineage: EventLineage { EventLineage(following: envelope) }
}

/// A service's reaction to consumed events.
public protocol EventHandling: Sendable {
    /// The topics to subscribe to.
    var topics: [String] { get }
    /// Applies one event inside the batch's write transaction. Throwing rolls back just this
    /// event and sends it to the dead-letter topic with the error as the reason; only SQLite
    /// I/O or locking errors abort the batch for a retry.
    func handle(_ event: ConsumedEvent, in tx: Transaction) throws
    /// The producers (`service:review`) whose signature an event on `topic` must carry; nil: the
    /// topic's events are not hand-offs between services (applications carry their channel's
    /// signature in their data).
    func trustedProducers(for topic: String) -> Set<String>?
    /// The trust store signatures are checked against.
    var trust: TrustStore? { get }
}

extension EventHandling {
    public func trustedProducers(for topic: String) -> Set<String>? { nil }
    public var trust: TrustStore? { nil }
}

/// An event that can never be processed as it is: it goes to the dead-letter topic.
public struct PoisonMessage: Error, CustomStringConvertible {
    /// Stable, for metrics and the `dlq-code` header: `application.invalid`, `signature.invalid`.
    public let code: String
    public let reason: String
    /// What to tell the sender, when the handler knows who sent it (a refusal receipt to a
    /// verified channel): run after the dead letter is written, in the same transaction, so the
    /// handler's own changes are rolled back but the answer is not.
    public let answer: (@Sendable (Transaction) throws -> Void)?

    public init(_ code: String, _ reason: String, answer: (@Sendable (Transaction) throws -> Void)? = nil) {
        self.code = code
        self.reason = reason
        self.answer = answer
    }

    public var description: String { "\(code): \(reason)" }
}
