import Foundation
import GRDB

/// Checks the services' audit chains (`AuditLog`): each chain on its own, then against the heads
/// the other services recorded when they received its hand-offs, and against the heads found on
/// the topics. A problem names the store and the entry.
public struct AuditVerifier {
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var store: String
        public var seq: Int64
        public var reason: String
        public var description: String { "\(store) audit entry \(seq): \(reason)" }

        public init(store: String, seq: Int64, reason: String) {
            self.store = store
            self.seq = seq
            self.reason = reason
        }
    }

    public struct Summary: Sendable {
        public var entries: [String: Int64] = [:]
        public var crossChecked = 0
        public var problems: [Problem] = []
    }

    /// Read-only handles on the stores, by service name (`intake`, `review`, ...).
    let stores: [String: DatabaseQueue]

    public init(storePaths: [String: String]) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        stores = try storePaths.mapValues { try DatabaseQueue(path: $0, configuration: configuration) }
    }

    /// Heads seen on the topics: the producer's service name and `<seq>:<hash>`.
    public func verify(topicHeads: [(service: String, head: String)] = []) throws -> Summary {
        var summary = Summary()
        var peers: [(store: String, seq: Int64, service: String, head: String)] = []
        for (name, queue) in stores.sorted(by: { $0.key < $1.key }) {
            try queue.read { db in
                var previous = AuditLog.genesis
                var expectedSeq: Int64 = 1
                var brokenAt: Int64?
                while true {
                    let chunk = try AuditLog.entries(db, from: expectedSeq, limit: 5000)
                    guard !chunk.isEmpty else { break }
                    for entry in chunk {
                        if brokenAt == nil {
                            if entry.seq != expectedSeq {
                                summary.problems.append(Problem(store: name, seq: expectedSeq, reason: "missing (the next entry is \(entry.seq))"))
                                brokenAt = entry.seq
                            } else if entry.previous != previous {
                                summary.problems.append(Problem(store: name, seq: entry.seq, reason: "does not follow entry \(entry.seq - 1): a row before it was changed, or this one was"))
                                brokenAt = entry.seq
                            } else if entry.hash != entry.expectedHash {
                                summary.problems.append(Problem(store: name, seq: entry.seq, reason: "its content does not match its hash (\(entry.kind), application \(entry.applicationId ?? "-"))"))
                                brokenAt = entry.seq
                            }
                        }
                        if let peer = entry.peer, let space = peer.lastIndex(of: " ") {
                            let source = peer[..<space]
                            let service = source.split(separator: "/").last.map(String.init) ?? String(source)
                            peers.append((name, entry.seq, service, String(peer[peer.index(after: space)...])))
                        }
                        previous = entry.hash
                        expectedSeq = entry.seq + 1
                    }
                }
                summary.entries[name] = expectedSeq - 1
            }
        }
        // A chain rewritten from some row on is consistent in itself; the heads others recorded are not.
        func check(_ service: String, _ head: String, seenBy: String, seq: Int64) throws {
            guard let queue = stores[service] else { return }
            let parts = head.split(separator: ":")
            guard parts.count == 2, let headSeq = Int64(parts[0]) else {
                summary.problems.append(Problem(store: seenBy, seq: seq, reason: "recorded a malformed head \(head) of \(service)"))
                return
            }
            summary.crossChecked += 1
            let hash = try queue.read { db in try String.fetchOne(db, sql: "SELECT hash FROM audit WHERE seq = ?", arguments: [headSeq]) }
            if hash != String(parts[1]) {
                summary.problems.append(Problem(store: service, seq: headSeq,
                                                reason: "\(seenBy) received head \(headSeq):\(parts[1].prefix(12))… but the entry \(hash.map { "has \($0.prefix(12))…" } ?? "is missing")"))
            }
        }
        for peer in peers { try check(peer.service, peer.head, seenBy: peer.store, seq: peer.seq) }
        for (service, head) in topicHeads { try check(service, head, seenBy: "topics", seq: 0) }
        return summary
    }
}
