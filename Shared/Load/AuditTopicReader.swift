import Foundation
import Logging
import QyzmetDomain
import QyzmetMessaging
import QyzmetStorage

/// Reads every Qyzmet topic from the beginning and collects the audit heads the services put on
/// their messages, for `AuditVerifier` to compare with the stores.
public struct AuditTopicReader: Sendable {
    let bootstrapServers: String
    let sessionTimeoutMilliseconds: Int
    let logger: Logger

    public init(bootstrapServers: String, sessionTimeoutMilliseconds: Int = 6000, logger: Logger) {
        self.bootstrapServers = bootstrapServers
        self.sessionTimeoutMilliseconds = sessionTimeoutMilliseconds
        self.logger = logger
    }

    public func heads(idle: TimeInterval = 3) async throws -> [(service: String, head: String)] {
        var heads: [(service: String, head: String)] = []
        let drain = TopicDrain(bootstrapServers: bootstrapServers, clientId: "qyzmet-audit", topics: Topics.all,
                               sessionTimeoutMilliseconds: sessionTimeoutMilliseconds, logger: logger)
        try await drain.read(idle: idle) { batch in
            for message in batch {
                guard let head = message.header(AuditLog.headHeader) else { continue }
                // A dead letter carries the head of the service that dead-lettered it; the
                // original's own head, if any, is escaped.
                let producer = message.topic == Topics.deadLetter
                    ? message.header(DeadLetterHeader.consumer)
                    : (try? JSONValue.parse(message.value))?["source"]?.stringValue
                guard let service = producer?.split(separator: "/").last.map(String.init) else { continue }
                heads.append((service, head))
            }
        }
        return heads
    }
}
