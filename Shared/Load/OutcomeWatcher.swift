import Foundation
import Logging
import QyzmetDomain
import QyzmetMessaging
import Synchronization

/// Reads the outcome topics like the portal and ops would (receipts, results, status,
/// deadlines, dead letters) and keeps what concerns the applications it is told about.
public final class OutcomeWatcher: Sendable {
    public struct Seen: Sendable {
        public var receipts: [String: [Receipt]] = [:]
        public var results: [String: [ResultIssued]] = [:]
        /// Distinct result event ids per application: a duplicate on the wire is not a second result.
        public var resultEventIds: [String: Set<String>] = [:]
        public var statuses: [String: [StatusChanged]] = [:]
        public var deadLetters: [(code: String, reason: String, applicationId: String?)] = []
        /// The code of the first dead letter under each Kafka key (a message that is not an
        /// event has no application id, but keeps its key).
        public var deadLetterCodeByKey: [String: String] = [:]
        public var deadlineAlerts: [String: [DeadlineAlert]] = [:]
        public var firstSeen: [String: Date] = [:]
        public var receiptSeenAt: [String: Date] = [:]
        public var resultSeenAt: [String: Date] = [:]

        /// Answered: refused to accept, or a result issued.
        public func isAnswered(_ id: String) -> Bool {
            (receipts[id]?.contains { $0.outcome == .refused } ?? false) || outcome(id) != nil
        }

        /// What the application ended in, to compare with the plan.
        public func outcome(_ id: String) -> Expectation? {
            if let receipt = receipts[id]?.first, receipt.outcome == .refused { return .refusedToAccept(receipt.refusal?.code ?? "?") }
            // Notices (an extension, a hearing) leave the case open, and a collection notice goes
            // with a paper result; the outcome is the first other result. Any positive result
            // document (a certificate, an e-notice of registration) counts as `certificate`.
            let notices: Set<ResultIssued.Kind> = [.extensionNotice, .hearingNotice, .collectionNotice]
            // An interim reply is a notice to the case but the application's answer: re-apply later.
            switch results[id]?.first(where: { ($0.notice != true || $0.kind == .interimReply) && !notices.contains($0.kind) })?.kind {
            case nil: return nil
            case .refusal?: return .refusal
            case .interimReply?: return .interimReply
            default: return .certificate
            }
        }
    }

    private let consumer: KafkaConsumer
    private let state = Mutex(Seen())
    private let running = Mutex(true)

    public init(bootstrapServers: String, sessionTimeoutMilliseconds: Int = 1000, logger: Logger) throws {
        var configuration = KafkaConsumerConfiguration(
            client: KafkaClientConfiguration(bootstrapServers: bootstrapServers, clientId: "qyzmet-watcher"),
            groupId: "qyzmet-watcher-\(UUID().uuidString.prefix(8))",
            topics: [Topics.receipts, Topics.results, Topics.status, Topics.deadlines, Topics.deadLetter]
        )
        configuration.sessionTimeoutMilliseconds = sessionTimeoutMilliseconds
        consumer = try KafkaConsumer(configuration: configuration, logger: logger)
    }

    public var isAssigned: Bool { !consumer.assignedPartitions.isEmpty }

    /// Reads until `stop()`; run it in its own task.
    public func run() async {
        while running.withLock({ $0 }) {
            let batch = await consumer.poll(maxMessages: 1000, timeout: .milliseconds(100))
            let now = Date()
            for message in batch { record(message, at: now) }
        }
        await consumer.close()
    }

    public func stop() { running.withLock { $0 = false } }

    public var seen: Seen { state.withLock { $0 } }

    /// Reads what was seen in place. A copy (`seen`) taken while messages keep coming makes the
    /// next write copy every table, which a 100,000-application soak cannot afford twice a second.
    public func withSeen<T: Sendable>(_ body: (Seen) -> T) -> T { state.withLock { body($0) } }

    private func record(_ message: ConsumedMessage, at now: Date) {
        if message.topic == Topics.deadLetter {
            let envelope = try? EnvelopeCodec.decode(value: message.value, headers: message.headers)
            state.withLock {
                $0.deadLetters.append((message.header(DeadLetterHeader.code) ?? "?", message.header(DeadLetterHeader.reason) ?? "",
                                       message.header(DeadLetterHeader.applicationId) ?? envelope?.applicationId))
                if let key = message.key.map({ String(decoding: $0, as: UTF8.self) }), $0.deadLetterCodeByKey[key] == nil {
                    $0.deadLetterCodeByKey[key] = message.header(DeadLetterHeader.code) ?? "?"
                }
            }
            return
        }
        guard let envelope = try? EnvelopeCodec.decode(value: message.value, headers: message.headers) else { return }
        state.withLock { seen in
            let id = envelope.applicationId
            switch envelope.type {
            case EventType.receiptIssued:
                if let receipt = try? envelope.decodeData(Receipt.self) {
                    seen.receipts[id, default: []].append(receipt)
                    if seen.receiptSeenAt[id] == nil { seen.receiptSeenAt[id] = now }
                }
            case EventType.resultIssued:
                if let result = try? envelope.decodeData(ResultIssued.self) {
                    if seen.resultEventIds[id, default: []].insert(envelope.id).inserted { seen.results[id, default: []].append(result) }
                    if seen.resultSeenAt[id] == nil { seen.resultSeenAt[id] = now }
                }
            case EventType.statusChanged:
                if let status = try? envelope.decodeData(StatusChanged.self) { seen.statuses[id, default: []].append(status) }
            case EventType.deadlineAlert:
                if let alert = try? envelope.decodeData(DeadlineAlert.self) { seen.deadlineAlerts[id, default: []].append(alert) }
            default:
                break
            }
        }
    }
}
