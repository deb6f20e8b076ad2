import Foundation
import GRDB
import Metrics
import QyzmetDomain
import QyzmetMessaging
import QyzmetStorage

/// Applies consumed messages inside one transaction: decodes the envelope, drops what the inbox
/// has seen, runs the handler in a savepoint, and dead-letters what cannot be processed. No
/// Kafka here, so the rules can be tested on a plain SQLite file.
public struct EventApplier: Sendable {
    let service: String
    let handler: any EventHandling
    /// Larger messages are dead-lettered unparsed (`QYZMET_MAX_MESSAGE_BYTES`, 1 MiB by default:
    /// Kafka's own default, so whatever Qyzmet derives from a message can be published).
    let maxMessageBytes: Int
    /// Opens what was sealed for this service.
    let sealing: Sealing

    public static let defaultMaxMessageBytes = 1 << 20

    public init(service: String, handler: any EventHandling, maxMessageBytes: Int = EventApplier.defaultMaxMessageBytes, sealing: Sealing = .off) {
        self.service = service
        self.handler = handler
        self.maxMessageBytes = maxMessageBytes
        self.sealing = sealing
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
        // The bytes as received: a retry or a redelivery carries the same bytes.
        let digest = Digest.sha256Hex(message.value)
        // A dead-lettered message is remembered by its place in the log and its bytes: redelivered
        // from the same offset it is not dead-lettered twice, replayed to a new offset it is
        // processed, and a recreated topic (a broker that lost its memory) cannot make a new
        // message at an old offset look like the old one.
        let offsetKey = "kafka:\(message.topic):\(message.partition):\(message.offset):\(digest.prefix(16))"
        if try Inbox.contains(tx.db, eventId: offsetKey) { return .duplicate }
        func deadLetter(_ code: String, _ reason: String, _ applicationId: String?) throws -> Outcome {
            Counter(label: "qyzmet_dead_letters_total", dimensions: [("service", service), ("code", code)]).increment()
            try DeadLetters.enqueue(message, code: code, reason: reason, consumer: service, applicationId: applicationId, in: tx)
            _ = try Inbox.record(tx.db, eventId: offsetKey, topic: message.topic, partition: message.partition, offset: message.offset, now: tx.now)
            return .deadLettered(code: code, applicationId: applicationId)
        }
        // Past the documented limit a message is not even parsed (docs/message-contract.md).
        if message.value.count > maxMessageBytes {
            return try deadLetter("message.too-large", "\(message.value.count) bytes; the limit is \(maxMessageBytes)", nil)
        }
        var envelope: EventEnvelope
        do {
            envelope = try EnvelopeCodec.decode(value: message.value, headers: message.headers)
        } catch {
            return try deadLetter(error.code, error.description, nil)
        }
        if let key = message.key, String(decoding: key, as: UTF8.self) != envelope.applicationId {
            return try deadLetter("envelope.key-mismatch", "the Kafka key must be the application id \(envelope.applicationId), so that its events stay in order", envelope.applicationId)
        }
        // A hand-off between services must be signed by the service that produced it: a forged
        // decision or case changes nothing.
        if let producers = handler.trustedProducers(for: message.topic) {
            guard let trust = handler.trust else {
                return try deadLetter("signature.no-trust-store", "\(service) has no trust store to check \(message.topic)", envelope.applicationId)
            }
            do {
                try EventSignature.verify(envelope, trust: trust, producers: producers)
            } catch {
                return try deadLetter(error == .unsigned ? "event.unsigned" : "event.signature-invalid", error.description, envelope.applicationId)
            }
        }
        // Personal data is sealed for its reader: checked who sent it (above), then opened. A
        // hand-off in clear where this service expects it sealed means a producer that leaks.
        if SealedData.isSealed(envelope.data) {
            do {
                try SealedData.open(&envelope, keys: sealing.keys)
            } catch {
                return try deadLetter("event.unreadable", error.description, envelope.applicationId)
            }
        } else if sealing.isOn, !sealing.keys.isEmpty, handler.trustedProducers(for: message.topic) != nil, Topics.sealedFor(message.topic) == service {
            return try deadLetter("event.not-sealed", "\(message.topic) carries personal data and must be sealed for \(service) (docs/architecture.md §13)", envelope.applicationId)
        }
        // CloudEvents ids are unique per source.
        let inboxId = "\(envelope.source) \(envelope.id)"
        switch try Inbox.lookup(tx.db, eventId: inboxId, digest: digest) {
        case .same: return .duplicate
        case .different:
            return try deadLetter("event.id-reused", "event \(envelope.id) from \(envelope.source) was already received with other content", envelope.applicationId)
        case .never: break
        }
        do {
            try tx.db.inSavepoint {
                try handler.handle(ConsumedEvent(envelope: envelope, topic: message.topic, partition: message.partition, offset: message.offset), in: tx)
                return .commit
            }
        } catch let error where EventApplier.isTransient(error) {
            throw error
        } catch {
            let poison = error as? PoisonMessage ?? PoisonMessage("handler.failed", "\(error)")
            let outcome = try deadLetter(poison.code, poison.reason, envelope.applicationId)
            try poison.answer?(tx)
            return outcome
        }
        _ = try Inbox.record(tx.db, eventId: inboxId, digest: digest, topic: message.topic, partition: message.partition, offset: message.offset, now: tx.now)
        try AuditLog.append(tx.db, kind: "apply \(envelope.type)", applicationId: envelope.applicationId, actor: envelope.source, digest: digest,
                            peer: message.header(AuditLog.headHeader).map { "\(envelope.source) \($0)" }, at: tx.now)
        return .applied(type: envelope.type)
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

enum DeadLetters {
    /// The original message, byte for byte, with the reason in headers: a replay publishes it
    /// unchanged to `dlq-original-topic`.
    /// A dead letter keeps at most this much of the original (the rest could not be published).
    static let keptBytes = 64 << 10

    static func enqueue(_ message: ConsumedMessage, code: String, reason: String, consumer: String, applicationId: String?, in tx: Transaction) throws {
        var headers = DeadLetterHeader.escape(message.headers)
        var value = message.value
        if value.count > 512 << 10 {
            // Too large to publish again: keep the head and say what the whole was.
            headers.append((DeadLetterHeader.truncated, Data("\(value.count) bytes, sha256 \(Digest.sha256Hex(value))".utf8)))
            value = value.prefix(keptBytes)
        }
        // Whatever came, in clear or not, may hold personal data: the letter keeps it sealed for
        // ops, who open it to read or replay it (`qyzmet dead-letters`).
        if let sealed = try tx.sealing.sealForOps(value, context: DeadLetterHeader.sealingContext(topic: message.topic, partition: message.partition, offset: message.offset)) {
            headers.append((DeadLetterHeader.sealed, Data(SealedData.algorithm.utf8)))
            value = sealed
        }
        if let applicationId { headers.append((DeadLetterHeader.applicationId, Data(applicationId.utf8))) }
        headers += [
            (DeadLetterHeader.code, Data(code.utf8)),
            (DeadLetterHeader.reason, Data(String(reason.prefix(2000)).utf8)),
            (DeadLetterHeader.originalTopic, Data(message.topic.utf8)),
            (DeadLetterHeader.originalPartition, Data(String(message.partition).utf8)),
            (DeadLetterHeader.originalOffset, Data(String(message.offset).utf8)),
            (DeadLetterHeader.consumer, Data(consumer.utf8)),
            (DeadLetterHeader.failedAt, Data(KazakhstanTime.format(tx.now).utf8)),
        ]
        try Outbox.enqueue(
            tx.db, topic: Topics.deadLetter, key: message.key, value: value, headers: headers,
            eventId: nil, eventType: "dead-letter", applicationId: applicationId, now: tx.now
        )
    }
}
