import Foundation
import GRDB
import QyzmetStorage
import Testing

@Suite("Outbox and inbox")
struct OutboxInboxTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test("outbox rows commit with the state change or not at all")
    func atomicity() throws {
        let store = try ServiceStore.temporary { migrator in
            migrator.registerMigration("state") { db in try db.execute(sql: "CREATE TABLE state (id TEXT PRIMARY KEY)") }
        }
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try store.pool.write { db in
                try db.execute(sql: "INSERT INTO state VALUES ('a')")
                try Outbox.enqueue(db, topic: "t", key: Data("a".utf8), value: Data("1".utf8), headers: [], eventId: "e1", eventType: "x", applicationId: "a", now: now)
                throw Boom()
            }
        }
        let (pending, rows) = try store.pool.read { db in (try Outbox.pendingCount(db), try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM state")) }
        #expect(pending == 0 && rows == 0)
        try store.pool.write { db in
            try db.execute(sql: "INSERT INTO state VALUES ('a')")
            try Outbox.enqueue(db, topic: "t", key: Data("a".utf8), value: Data("1".utf8), headers: [("h", Data("v".utf8))], eventId: "e1", eventType: "x", applicationId: "a", now: now)
        }
        let ready = try store.pool.read { try Outbox.ready($0, now: now, limit: 10) }
        #expect(ready.count == 1)
        // The service's audit chain head is added to what the caller gave.
        #expect(ready[0].decodedHeaders.map(\.0) == ["h", AuditLog.headHeader] && ready[0].decodedHeaders[0].1 == Data("v".utf8))
        #expect(try store.pool.read { try AuditLog.entries($0) }.map(\.kind) == ["emit x"])
    }

    @Test("ready messages come in insertion order; scheduled ones wait for their time")
    func orderAndSchedule() throws {
        let store = try ServiceStore.temporary()
        try store.pool.write { db in
            for i in 0..<5 {
                try Outbox.enqueue(db, topic: "t", key: nil, value: Data("\(i)".utf8), headers: [], eventId: "e\(i)", eventType: nil, applicationId: nil, now: now,
                                   notBefore: i == 2 ? now.addingTimeInterval(60) : nil)
            }
        }
        let (readyNow, readyLater, next) = try store.pool.read { db in
            (try Outbox.ready(db, now: now, limit: 10), try Outbox.ready(db, now: now.addingTimeInterval(61), limit: 10), try Outbox.nextScheduled(db, after: now))
        }
        #expect(readyNow.map { String(decoding: $0.value, as: UTF8.self) } == ["0", "1", "3", "4"])
        #expect(readyLater.count == 5)
        #expect(next == now.addingTimeInterval(60))
        let first = try store.pool.read { try Outbox.ready($0, now: now, limit: 2) }
        try store.pool.write { try Outbox.markPublished($0, ids: first.map { $0.id! }, at: now) }
        #expect(try store.pool.read { try Outbox.pendingCount($0) } == 3)
        #expect(try store.pool.read { try Outbox.ready($0, now: now, limit: 10) }.map(\.eventId) == ["e3", "e4"])
    }

    @Test("published messages are kept until pruned by the machine's clock; requeued, they go out again first and in order")
    func keptAndRequeued() throws {
        let store = try ServiceStore.temporary()
        try store.pool.write { db in
            for i in 0..<4 {
                try Outbox.enqueue(db, topic: "t", key: nil, value: Data("\(i)".utf8), headers: [], eventId: "e\(i)", eventType: nil, applicationId: nil, now: now)
            }
            try Outbox.markPublished(db, ids: [1, 2], at: now)
            try Outbox.markPublished(db, ids: [3], at: now.addingTimeInterval(3600))
        }
        #expect(try store.pool.write { try Outbox.prunePublished($0, olderThan: now.addingTimeInterval(60)) } == 2)
        #expect(try store.pool.write { try Outbox.requeuePublished($0) } == 1)
        #expect(try store.pool.read { try Outbox.ready($0, now: now, limit: 10) }.map(\.eventId) == ["e2", "e3"])
    }

    @Test("after a broker loss only what has not reached its reader goes out again, in order")
    func requeueWhatWasNotApplied() throws {
        let store = try ServiceStore.temporary()
        try store.pool.write { db in
            for i in 0..<5 {
                try Outbox.enqueue(db, topic: "t", key: nil, value: Data("\(i)".utf8), headers: [], eventId: "e\(i)", eventType: nil, applicationId: nil, now: now)
            }
            try Outbox.markPublished(db, ids: [1, 2, 3, 4], at: now)
        }
        let applied: Set<String?> = ["e1", "e3"]
        let counts = try store.pool.write { try Outbox.requeuePublished($0) { _, eventId, publishedAt in applied.contains(eventId) && publishedAt == now } }
        #expect(counts.requeued == 2 && counts.skipped == 2)
        #expect(try store.pool.read { try Outbox.ready($0, now: now, limit: 10) }.map(\.eventId) == ["e0", "e2", "e4"])
    }

    @Test("the inbox records an event id once and forgets old ids by the machine's clock, not the service clock")
    func inbox() throws {
        let store = try ServiceStore.temporary()
        let wall = Date()
        let (first, again, other, moved, pruned, hasOld, hasNew, hasMoved) = try store.pool.write { db in
            (try Inbox.record(db, eventId: "e1", topic: "t", partition: 0, offset: 1, now: now, recordedAt: wall.addingTimeInterval(-86_400 * 10)),
             try Inbox.record(db, eventId: "e1", topic: "t", partition: 0, offset: 1, now: now),
             try Inbox.record(db, eventId: "e2", topic: "t", partition: 0, offset: 2, now: now, recordedAt: wall),
             // The service clock moved a month ahead (a demonstration's training round): recorded
             // a minute ago all the same.
             try Inbox.record(db, eventId: "e3", topic: "t", partition: 0, offset: 3, now: wall.addingTimeInterval(86_400 * 30), recordedAt: wall),
             try Inbox.prune(db, olderThan: wall.addingTimeInterval(-86_400 * 7)),
             try Inbox.contains(db, eventId: "e1"), try Inbox.contains(db, eventId: "e2"), try Inbox.contains(db, eventId: "e3"))
        }
        #expect(first && !again && other && moved)
        #expect(pruned == 1)
        #expect(!hasOld && hasNew && hasMoved)
    }

    @Test("a store reopened after use keeps its data and applies no migration twice")
    func reopen() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("qyzmet-reopen-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let register: (inout DatabaseMigrator) -> Void = { m in
            m.registerMigration("s") { db in try db.execute(sql: "CREATE TABLE s (x)") }
        }
        do {
            let store = try ServiceStore(path: path, logger: .init(label: "t"), migrations: register)
            try store.pool.write { try $0.execute(sql: "INSERT INTO s VALUES (1)") }
        }
        let again = try ServiceStore(path: path, logger: .init(label: "t"), migrations: register)
        let (count, journal, synchronous) = try again.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM s"), try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(count == 1)
        #expect(journal == "wal")
        #expect(synchronous == 2)
    }
}
