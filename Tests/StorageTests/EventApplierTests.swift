import Foundation
import GRDB
import QyzmetDomain
import QyzmetMessaging
import QyzmetRuntime
import QyzmetStorage
import Testing

/// A handler that records what it saw and can be told to fail.
struct RecordingHandler: EventHandling {
    var topics: [String] { ["in.v1"] }

    func handle(_ event: ConsumedEvent, in tx: Transaction) throws {
        try tx.db.execute(sql: "INSERT INTO seen (eventId) VALUES (?)", arguments: [event.envelope.id])
        try tx.emit("out", ["echo": event.envelope.id], to: "out.v1", lineage: event.lineage)
        if event.envelope.data["fail"] == .bool(true) { throw PoisonMessage("test.poison", "asked to fail") }
        if event.envelope.data["crash"] == .bool(true) { throw CocoaError(.featureUnsupported) }
        if try Bool.fetchOne(tx.db, sql: "SELECT EXISTS(SELECT 1 FROM broken)") == true { throw PoisonMessage("test.broken", "a dependency is broken") }
    }
}

@Suite("Event applier: inbox, dead letters, atomicity")
struct EventApplierTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    func makeStore() throws -> ServiceStore {
        try ServiceStore.temporary { m in
            m.registerMigration("seen") { db in try db.execute(sql: "CREATE TABLE seen (eventId TEXT); CREATE TABLE broken (x)") }
        }
    }

    func message(_ id: String, offset: Int64, data: JSONValue = .object([:]), key: String = "APP-1") -> ConsumedMessage {
        let envelope = EventEnvelope(id: id, type: "in", source: "/test", time: now, applicationId: "APP-1", correlationId: "c",
                                     traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", data: data)
        return ConsumedMessage(topic: "in.v1", partition: 0, offset: offset, key: Data(key.utf8), value: EnvelopeCodec.encode(envelope),
                               headers: EnvelopeCodec.headers(for: envelope), timestamp: nil)
    }

    func apply(_ batch: [ConsumedMessage], _ store: ServiceStore) throws -> [EventApplier.Outcome] {
        let applier = EventApplier(service: "test", handler: RecordingHandler())
        return try store.pool.write { db in try applier.apply(batch, in: Transaction(db: db, now: now, source: "/qyzmet/test")) }
    }

    @Test("a redelivered event is applied once")
    func duplicates() throws {
        let store = try makeStore()
        let first = try apply([message("e1", offset: 0), message("e1", offset: 0)], store)
        let again = try apply([message("e1", offset: 0)], store)
        #expect(first == [.applied(type: "in"), .duplicate])
        #expect(again == [.duplicate])
        let (seen, pending) = try store.pool.read { db in (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM seen"), try Outbox.pendingCount(db)) }
        #expect(seen == 1 && pending == 1)
    }

    @Test("a poison event is dead-lettered byte for byte and its effects rolled back; the batch goes on")
    func poison() throws {
        let store = try makeStore()
        let bad = message("e2", offset: 7, data: .object(["fail": .bool(true)]))
        let outcomes = try apply([message("e1", offset: 6), bad, message("e3", offset: 8)], store)
        #expect(outcomes == [.applied(type: "in"), .deadLettered(code: "test.poison", applicationId: "APP-1"), .applied(type: "in")])
        let (seen, rows) = try store.pool.read { db in
            (try String.fetchAll(db, sql: "SELECT eventId FROM seen ORDER BY rowid"), try Outbox.ready(db, now: now, limit: 10))
        }
        #expect(seen == ["e1", "e3"])
        #expect(rows.map(\.topic) == ["out.v1", Topics.deadLetter, "out.v1"])
        do {
            let letter = rows[1]
            #expect(letter.value == bad.value && letter.key == bad.key)
            let headers = Dictionary(letter.decodedHeaders.map { ($0.0, String(decoding: $0.1, as: UTF8.self)) }, uniquingKeysWith: { a, _ in a })
            #expect(headers[DeadLetterHeader.code] == "test.poison")
            #expect(headers[DeadLetterHeader.originalTopic] == "in.v1" && headers[DeadLetterHeader.originalOffset] == "7")
            #expect(headers[DeadLetterHeader.consumer] == "test")
            #expect(headers["ce_id"] == "e2")
        }
        // Redelivered after a crash before the offset commit: not dead-lettered twice.
        #expect(try apply([bad], store) == [.duplicate])
    }

    @Test("a message's own headers named like the dead-letter ones are escaped, and restored for a replay")
    func headerEscaping() throws {
        let store = try makeStore()
        var bad = message("e2", offset: 9, data: .object(["fail": .bool(true)]))
        bad.headers += [(DeadLetterHeader.originalTopic, Data("qyzmet.decisions.v1".utf8)), ("escaped-x", Data("1".utf8))]
        _ = try apply([bad], store)
        let letter = try store.pool.read { db in try Outbox.ready(db, now: now, limit: 10) }.first { $0.topic == Topics.deadLetter }!
        let headers = letter.decodedHeaders
        // Ours is the only dlq-original-topic; the forged one is kept, escaped.
        #expect(headers.filter { $0.0 == DeadLetterHeader.originalTopic }.map { String(decoding: $0.1, as: UTF8.self) } == ["in.v1"])
        #expect(headers.contains { $0.0 == "escaped-" + DeadLetterHeader.originalTopic })
        let restored = DeadLetterHeader.original(headers)
        #expect(restored.map(\.0) == bad.headers.map(\.0))
        #expect(restored.map(\.1) == bad.headers.map(\.1))
    }

    @Test("a dead letter replayed after its cause is fixed is processed")
    func replayAfterFix() throws {
        let store = try makeStore()
        try store.pool.write { try $0.execute(sql: "INSERT INTO broken VALUES (1)") }
        let original = message("e5", offset: 3)
        #expect(try apply([original], store) == [.deadLettered(code: "test.broken", applicationId: "APP-1")])
        try store.pool.write { try $0.execute(sql: "DELETE FROM broken") }
        var replayed = original
        replayed.offset = 90
        #expect(try apply([replayed], store) == [.applied(type: "in")])
        #expect(try apply([replayed], store) == [.duplicate])
    }

    @Test("an event id reused with other content is a dead letter, not a silent duplicate")
    func idReused() throws {
        let store = try makeStore()
        #expect(try apply([message("e6", offset: 1, data: .object(["v": .integer(1)]))], store) == [.applied(type: "in")])
        #expect(try apply([message("e6", offset: 2, data: .object(["v": .integer(2)]))], store) == [.deadLettered(code: "event.id-reused", applicationId: "APP-1")])
    }

    @Test("a Kafka key other than the application id is a dead letter")
    func keyMismatch() throws {
        let store = try makeStore()
        #expect(try apply([message("e7", offset: 1, key: "APP-2")], store) == [.deadLettered(code: "envelope.key-mismatch", applicationId: "APP-1")])
    }

    @Test("any handler error is a dead letter with the error as reason, not a crash")
    func unexpectedErrors() throws {
        let store = try makeStore()
        let outcomes = try apply([message("e9", offset: 1, data: .object(["crash": .bool(true)]))], store)
        #expect(outcomes == [.deadLettered(code: "handler.failed", applicationId: "APP-1")])
    }

    @Test("a message that is not an event is dead-lettered once, keyed by its offset")
    func garbage() throws {
        let store = try makeStore()
        let junk = ConsumedMessage(topic: "in.v1", partition: 2, offset: 40, key: nil, value: Data("{not json".utf8), headers: [], timestamp: nil)
        #expect(try apply([junk], store) == [.deadLettered(code: "envelope.not-json", applicationId: nil)])
        #expect(try apply([junk], store) == [.duplicate])
        #expect(try store.pool.read { try Outbox.ready($0, now: now, limit: 10) }.map(\.topic) == [Topics.deadLetter])
    }

    @Test("SQLite lock and I/O errors are transient; constraint errors are not")
    func transient() {
        #expect(EventApplier.isTransient(DatabaseError(resultCode: .SQLITE_BUSY)))
        #expect(EventApplier.isTransient(DatabaseError(resultCode: .SQLITE_IOERR)))
        #expect(!EventApplier.isTransient(DatabaseError(resultCode: .SQLITE_CONSTRAINT)))
        #expect(!EventApplier.isTransient(PoisonMessage("x", "y")))
    }
}

@Suite("Log redaction")
struct RedactionTests {
    @Test("twelve-digit runs are masked wherever they appear; other numbers stay")
    func masks() {
        #expect(RedactingLogHandler.redact("iin=990117384021 app=APP-1") == "iin=********4021 app=APP-1")
        #expect(RedactingLogHandler.redact("[990117384021,850512300109]") == "[********4021,********0109]")
        #expect(RedactingLogHandler.redact("offset 1234567890123 and 12345") == "offset 1234567890123 and 12345")
    }
}
