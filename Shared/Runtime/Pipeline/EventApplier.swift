import Foundation
import GRDB
import QyzmetDomain
import QyzmetMessaging
import QyzmetStorage

/// Applies consumed messages inside one transaction: decodes the envelope, drops what the inbox
/// has seen, runs the handler in a savepoint, and dead-letters what cannot be processed. No
/// Kafka here, so the rules can be tested on a plain SQLite file.
public struct EventApplier: Sendable {
    let service: String
    let handler: any EventHandling

    public init(service: String, handler: any EventHandling) {
        self.service = service
        self.handler = handler
    }

    public enum Outcome: Equatable, Sendable {
        case applied(type: String)
        case duplicate
        case deadLettered(code: String, applicationId: String?)
    }

    /// Throws only for SQLite failures that say nothing about the messages (the batch is then
    /// retried); everything else is an outcome.
    public func apply(_ batch: [ConsumedMessage], in tx: Transaction) throws -> [Outcome] {
        try batch.map { try apply($0, tx) }
    }

    private func apply(_ message: ConsumedMessage, _ tx: Transaction) throws -> Outcome {
        let envelope: EventEnvelope
        do {
            envelope = try EnvelopeCodec.decode(value: message.value, headers: message.headers)
        } catch {
            let inboxId = "kafka:\(message.topic):\(message.partition):\(message.offset)"
            guard try Inbox.record(tx.db, eventId: inboxId, topic: message.topic, partition: message.partition, offset: message.offset, now: tx.now) else {
                return .duplicate
            }
            try DeadLetters.enqueue(message, code: error.code, reason: error.description, consumer: service, applicationId: nil, in: tx)
            return .deadLettered(code: error.code, applicationId: nil)
        }
        // CloudEvents ids are unique per source.
        let inboxId = "\(envelope.source) \(envelope.id)"
        if try Inbox.contains(tx.db, eventId: inboxId) { return .duplicate }
        var outcome = Outcome.applied(type: envelope.type)
        do {
            try tx.db.inSavepoint {
                try handler.handle(ConsumedEvent(envelope: envelope, topic: message.topic, partition: message.partition, offset: message.offset), in: tx)
                return .commit
            }
        } catch let error where EventApplier.isTransient(error) {
            throw error
        } catch {
            let poison = error as? PoisonMessage ?? PoisonMessage("handler.failed", "\(error)")
            try DeadLetters.enqueue(message, code: poison.code, reason: poison.reason, consumer: service, applicationId: envelope.applicationId, in: tx)
            outcome = .deadLettered(code: poison.code, applicationId: envelope.applicationId)
        }
        _ = try Inbox.record(tx.db, eventId: inboxId, topic: message.topic, partition: message.partition, offset: message.offset, now: tx.now)
        return outcome
    }

    /// SQLite failures that say nothing about the message: retry the batch.
    public static func isTransient(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_IOERR, .SQLITE_FULL, .SQLITE_NOMEM, .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PROTOCOL:
            return true
        default:
            return false
        }
    }
}
