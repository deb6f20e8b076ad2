import Foundation
import Logging
import QyzmetDomain
import QyzmetMessaging

/// Publishes applications the way a producer team would: one CloudEvent per application,
/// keyed by application id, on `qyzmet.applications.v1` (complaints on `qyzmet.complaints.v1`).
public final class ApplicationPublisher: Sendable {
    let producer: KafkaProducer

    public init(bootstrapServers: String, logger: Logger) throws {
        var configuration = KafkaProducerConfiguration(client: KafkaClientConfiguration(bootstrapServers: bootstrapServers, clientId: "qyzmet-load"))
        configuration.lingerMilliseconds = 5
        producer = try KafkaProducer(configuration: configuration, logger: logger)
    }

    public static func message(_ envelope: EventEnvelope) -> OutgoingMessage {
        OutgoingMessage(topic: envelope.type == EventType.complaintFiled ? Topics.complaints : Topics.applications, key: Data(envelope.applicationId.utf8), value: EnvelopeCodec.encode(envelope),
                        headers: EnvelopeCodec.headers(for: envelope))
    }

    /// Sends and waits for the broker's acknowledgement of every message.
    public func publish(_ envelopes: [EventEnvelope]) async throws {
        try await publishRaw(envelopes.map(Self.message))
    }

    public func publishRaw(_ messages: [OutgoingMessage]) async throws {
        for result in await producer.send(messages) {
            if case .failure(let error) = result { throw error }
        }
    }

    public func close() async { await producer.shutdown() }
}
