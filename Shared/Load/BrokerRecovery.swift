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
        for (service, path) in stores.sorted(by: { $0.key < $1.key }) {
            // The running service writes the same file; WAL lets both, one transaction at a time.
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            report.requeued[service] = try await queue.write { [identity = report.identity] db in
                let requeued = try Outbox.requeuePublished(db)
                try BrokerIdentityRecord.set(db, identity)
                return requeued
            }
        }
        return report
    }
}
