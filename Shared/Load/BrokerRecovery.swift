import Foundation
import GRDB
import Logging
import QyzmetDomain
import QyzmetMessaging
import QyzmetStorage

/// Brings a broker that lost its memory back to what the services need: the contract's topics,
/// a broker identity, and every in-flight hand-off the stores keep published again in its original
/// order (consumers drop what they already applied by event id), with what outside readers were
/// sent in the last `outsideReaderWindow`. Then each store records the new identity, and its
/// service, which stopped when it saw the change, goes on.
public struct BrokerRecovery: Sendable {
    public struct Report: Sendable {
        public var identity = ""
        public var requeued: [String: Int] = [:]
        /// Kept hand-offs not sent again because their consumer had already applied them.
        public var alreadyApplied: [String: Int] = [:]
    }

    /// How far back messages for readers outside Qyzmet (receipts and results for the channels,
    /// statuses and deadline alerts for ops) are sent again. Their readers' positions are unknown
    /// here; a reader that kept up to within this window misses nothing. Sending the whole
    /// retention again made each recovery publish every status of hours of work (a soak's restart
    /// after 25,000 applications would re-send some 190,000) and stalled the stack behind it. A
    /// reader further behind than this asks the services (status desk, issuance's results).
    public static let defaultOutsideReaderWindow: Duration = .seconds(300)

    let client: KafkaClientConfiguration
    let partitions: Int
    let outsideReaderWindow: Duration
    let logger: Logger

    public init(bootstrapServers: String, partitions: Int = 3, outsideReaderWindow: Duration = Self.defaultOutsideReaderWindow, logger: Logger) {
        client = KafkaClientConfiguration(bootstrapServers: bootstrapServers, clientId: "qyzmet-broker-recovery")
        self.partitions = partitions
        self.outsideReaderWindow = outsideReaderWindow
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
        // The machine's clock, as `publishedAt` is (a service clock may have been moved).
        let since = Date().addingTimeInterval(-Double(outsideReaderWindow.components.seconds))
        for (service, path) in stores.sorted(by: { $0.key < $1.key }) {
            // The running service writes the same file; WAL lets both, one transaction at a time.
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let (requeued, skipped) = try await queue.write { [identity = report.identity, applied] db in
                let counts = try Outbox.requeuePublished(db) { topic, eventId, publishedAt in
                    Self.delivered(topic: topic, eventId: eventId, publishedAt: publishedAt, producer: service, applied: applied, outsideSince: since)
                }
                try BrokerIdentityRecord.set(db, identity)
                return counts
            }
            report.requeued[service] = requeued
            report.alreadyApplied[service] = skipped
        }
        return report
    }

    /// A message has reached its readers when every Qyzmet service that consumes its topic has
    /// applied it and, where readers outside Qyzmet take it too, it was published before the
    /// outside readers' window. A topic no Qyzmet service consumes (receipts, results, deadline
    /// alerts) is read outside only. The status topic is read by both: intake's status desk,
    /// which must apply every status, and ops.
    static let readOutside: Set<String> = [Topics.receipts, Topics.results, Topics.status, Topics.deadlines]

    /// The Qyzmet services that consume each topic.
    static let readers: [String: [String]] = Topics.consumed.reduce(into: [:]) { readers, entry in
        for topic in entry.value { readers[topic, default: []].append(entry.key) }
    }

    /// `applied`: each service's applied inbox ids; `outsideSince`: the start of the outside
    /// readers' window.
    public static func delivered(topic: String, eventId: String?, publishedAt: Date, producer: String, applied: [String: Set<String>], outsideSince: Date) -> Bool {
        guard let eventId else { return false }
        if readOutside.contains(topic), publishedAt >= outsideSince { return false }
        guard let readers = readers[topic] else { return readOutside.contains(topic) }
        return readers.allSatisfy { applied[$0]?.contains("/qyzmet/\(producer) \(eventId)") == true }
    }
}
