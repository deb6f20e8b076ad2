import Foundation
import GRDB
import QyzmetDomain
import QyzmetStorage

/// The identity of an application's event chain: every event a service emits for an
/// application carries its correlation id and continues its trace.
public struct EventLineage: Codable, Sendable, Equatable {
    public var applicationId: String
    public var correlationId: String
    public var causationId: String?
    public var traceparent: String

    public init(applicationId: String, correlationId: String, causationId: String? = nil, traceparent: String) {
        self.applicationId = applicationId
        self.correlationId = correlationId
        self.causationId = causationId
        self.traceparent = traceparent
    }

    public init(following envelope: EventEnvelope) {
        self.init(applicationId: envelope.applicationId, correlationId: envelope.correlationId, causationId: envelope.id, traceparent: envelope.traceparent)
    }
}

/// A service's write transaction: its state changes and the events they cause commit together.
public struct Transaction {
    public let db: Database
    public let now: Date
    /// CloudEvents `source` of what this service emits, e.g. `/qyzmet/intake`.
    public let source: String
    /// Signs every event emitted (`EventSignature`); consumers reject hand-offs it did not sign.
    public let eventKey: SigningKey?
    /// Seals each event's data for the reader of its topic before it is signed.
    public let sealing: Sealing

    public init(db: Database, now: Date, source: String, eventKey: SigningKey? = nil, sealing: Sealing = .off) {
        self.db = db
        self.now = now
        self.source = source
        self.eventKey = eventKey
        self.sealing = sealing
    }

    /// Records an officer's or operator's action in the audit chain: who, when, what, on which
    /// application (the emitted events are chained on their own, without the person).
    public func audit(action: String, applicationId: String?, actor: String, details: Data) throws {
        try AuditLog.append(db, kind: "action \(action)", applicationId: applicationId, actor: actor,
                            digest: Digest.sha256Hex(details), at: now)
    }

    /// Queues an event for publication after commit. The Kafka key is the application id, so
    /// one application's events stay in order on one partition.
    @discardableResult
    public func emit<T: Encodable>(
        _ type: String, _ data: T, to topic: String, lineage: EventLineage, notBefore: Date? = nil
    ) throws -> EventEnvelope {
        try queue(type, data, to: topic, lineage: lineage, notBefore: notBefore).envelope
    }

    /// `emit`, also returning the outbox row, to learn later whether the message has gone out.
    public func queue<T: Encodable>(
        _ type: String, _ data: T, to topic: String, lineage: EventLineage, notBefore: Date? = nil
    ) throws -> (envelope: EventEnvelope, outboxId: Int64) {
        var envelope = EventEnvelope(
            type: type, source: source, time: now, applicationId: lineage.applicationId,
            correlationId: lineage.correlationId, causationId: lineage.causationId,
            traceparent: TraceContext.child(of: lineage.traceparent), data: try ContractCoding.tree(data)
        )
        try sealing.seal(&envelope, on: topic)
        if let eventKey { envelope.signature = try EventSignature.sign(envelope, with: eventKey) }
        let outboxId = try Outbox.enqueue(
            db, topic: topic, key: Data(lineage.applicationId.utf8), value: EnvelopeCodec.encode(envelope),
            headers: EnvelopeCodec.headers(for: envelope), eventId: envelope.id, eventType: type,
            applicationId: lineage.applicationId, now: now, notBefore: notBefore
        )
        return (envelope, outboxId)
    }

    /// Publishes a status transition on the monitoring topic.
    public func emitStatus(_ status: StatusChanged, lineage: EventLineage) throws {
        try emit(EventType.statusChanged, status, to: Topics.status, lineage: lineage)
    }
}
