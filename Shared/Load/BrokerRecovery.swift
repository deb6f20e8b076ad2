import Foundation
import GRDB
import Logging
import QyzmetDomain
import QyzmetMessaging
import QyzmetStorage

/// Brings a broker that lost its memory back to what the services need: the contract's topics,
/// a broker identity, and every hand-off the stores still keep published again in its original
/// order (consumers drop what they already applied by event id). Then each store records the new
/// identity, and its service, which stopped when it saw the change, goes on.
public struct BrokerRecovery: Sendable {
    public struct Report: Sendable {
        public var identity = ""
        public var requeued: [String: Int] = [:]
        /// Kept hand-offs not sent again because their consumer had already applied them.
        public var alreadyApplied: [String: Int] = [:]
    }

    let client: KafkaClientConfiguration
    let partitions: Int
    let logger: Logger

    public init(bootstrapServers: String, partitions: Int = 3, logger: Logger) {
        client = KafkaClientConfiguration(bootstrapServers: bootstrapServers, clientId: "qyzmet-broker-recovery")
        self.partitions = partitions
        self.logger = logger
    }

    /// `stores`: service name → SQLite path.
    public func recover(stores: [String: String]) async throws -> Report {
        try await KafkaAdmin.createTopics(Topics.all.map { TopicSpecification(name: $0, partitions: partitions) }, client: client, logger: logger)
        var report = Report()
        report.identity = try await BrokerIdentity.establish(client: client, logger: logger)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        // What each service has applied (its inbox, by producer and event id): a hand-off its
        // consumer applied before the broker forgot it need not go out again. Re-sending every
        // kept message made each recovery publish the whole retention window (a soak's broker
        // restart re-sent 67,000 of review's messages and stalled the run).
        var applied: [String: Set<String>] = [:]
        for (service, path) in stores {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            applied[service] = Set(try await queue.read { try String.fetchAll($0, sql: "SELECT eventId FROM inbox WHERE eventId LIKE '/qyzmet/%'") })
        }
        for (service, path) in stores.sorted(by: { $0.key < $1.key }) {
            // The running service writes the same file; WAL lets both, one transaction at a time.
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let (requeued, skipped) = try await queue.write { [identity = report.identity, applied] db in
                let counts = try Outbox.requeuePublished(db) { topic, eventId in
                    Self.delivered(topic: topic, eventId: eventId, producer: service, applied: applied)
                }
                try BrokerIdentityRecord.set(db, identity)
                return counts
            }
            report.requeued[service] = requeued
            report.alreadyApplied[service] = skipped
        }
        return report
    }

    /// A message has reached its reader when every Qyzmet service that consumes its topic has
    /// applied it. Receipts, results and deadline alerts are read by the channels and ops, whose
    /// positions Qyzmet does not know: those always go out again (readers drop them by event id).
    /// A status intake's status desk has applied is not: the desk is where a status's history is
    /// asked for, and the recreated monitoring topic carries statuses from the recovery on.
    /// The Qyzmet services that consume each topic.
    static let readers: [String: [String]] = Topics.consumed.reduce(into: [:]) { readers, entry in
        for topic in entry.value { readers[topic, default: []].append(entry.key) }
    }

    static func delivered(topic: String, eventId: String?, producer: String, applied: [String: Set<String>]) -> Bool {
        guard let eventId, let readers = readers[topic] else { return false }
        return readers.allSatisfy { applied[$0]?.contains("/qyzmet/\(producer) \(eventId)") == true }
    }
}
