import Foundation
import GRDB
import QyzmetDomain
import QyzmetStorage
import Testing

@Suite("Audit chain")
struct AuditLogTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// Two stores: `sender` emits three messages; `receiver` records the heads that came with them.
    func pair() throws -> (sender: ServiceStore, receiver: ServiceStore) {
        let sender = try ServiceStore.temporary()
        let receiver = try ServiceStore.temporary()
        for n in 1...3 {
            let head = try sender.pool.write { db -> Data in
                try Outbox.enqueue(db, topic: "t", key: nil, value: Data("m\(n)".utf8), headers: [], eventId: "e\(n)", eventType: "x", applicationId: "APP-\(n)", now: now)
                return try #require(try OutboxRecord.fetchAll(db).last?.decodedHeaders.first { $0.0 == AuditLog.headHeader }).1
            }
            try receiver.pool.write { db in
                try AuditLog.append(db, kind: "apply x", applicationId: "APP-\(n)", actor: "/qyzmet/sender", digest: Digest.sha256Hex(Data("m\(n)".utf8)),
                                    peer: "/qyzmet/sender \(String(decoding: head, as: UTF8.self))", at: now)
            }
        }
        return (sender, receiver)
    }

    func verify(_ stores: (sender: ServiceStore, receiver: ServiceStore)) throws -> AuditVerifier.Summary {
        try AuditVerifier(storePaths: ["sender": stores.sender.path, "receiver": stores.receiver.path]).verify()
    }

    @Test("every emitted message is chained and carries its head; an intact pair verifies")
    func intact() throws {
        let stores = try pair()
        let summary = try verify(stores)
        #expect(summary.problems.isEmpty)
        #expect(summary.entries == ["sender": 3, "receiver": 3])
        #expect(summary.crossChecked == 3)
    }

    @Test("a changed row is named by store and entry")
    func changedRow() throws {
        let stores = try pair()
        try stores.sender.pool.write { db in try db.execute(sql: "UPDATE audit SET applicationId = 'APP-9' WHERE seq = 2") }
        let problems = try verify(stores).problems
        #expect(problems.first == AuditVerifier.Problem(store: "sender", seq: 2, reason: "its content does not match its hash (emit x, application APP-9)"))
    }

    @Test("a row rehashed to hide a change breaks the next link; a deleted row is missing")
    func rehashedAndDeleted() throws {
        let stores = try pair()
        try stores.sender.pool.write { db in
            var entry = try AuditLog.entries(db, from: 2, limit: 1)[0]
            entry.actor = "intruder"
            entry.hash = entry.expectedHash
            try db.execute(sql: "UPDATE audit SET actor = ?, hash = ? WHERE seq = 2", arguments: [entry.actor, entry.hash])
        }
        #expect(try verify(stores).problems.contains { $0.store == "sender" && $0.seq == 3 && $0.reason.hasPrefix("does not follow entry 2") })
        try stores.receiver.pool.write { db in try db.execute(sql: "DELETE FROM audit WHERE seq = 2") }
        #expect(try verify(stores).problems.contains(AuditVerifier.Problem(store: "receiver", seq: 2, reason: "missing (the next entry is 3)")))
    }

    @Test("a whole chain rewritten consistently is caught by the heads its receiver recorded")
    func rewrittenChain() throws {
        let stores = try pair()
        try stores.sender.pool.write { db in
            var previous = AuditLog.genesis
            for var entry in try AuditLog.entries(db) {
                if entry.seq == 1 { entry.actor = "intruder" }
                entry.previous = previous
                entry.hash = entry.expectedHash
                previous = entry.hash
                try db.execute(sql: "UPDATE audit SET actor = ?, previous = ?, hash = ? WHERE seq = ?", arguments: [entry.actor, entry.previous, entry.hash, entry.seq])
            }
        }
        let problems = try verify(stores).problems
        #expect(problems.count == 3)
        #expect(problems.allSatisfy { $0.store == "sender" && $0.reason.hasPrefix("receiver received head") })
    }
}
