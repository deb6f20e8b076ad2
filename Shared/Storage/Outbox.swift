import Foundation
import GRDB
import QyzmetDomain

/// A row of the outbox: one message to publish.
public struct OutboxRecord: Codable, FetchableRecord, TableRecord, Sendable {
    public static let databaseTableName = "outbox"

    public var id: Int64?
    public var topic: String
    public var key: Data?
    public var value: Data
    /// `[[name, base64 value], ...]` as JSON.
    public var headers: Data
    public var eventId: String?
    public var eventType: String?
    public var applicationId: String?
    public var createdAt: Date
    /// Not published before this instant (simulated gateway latency, scheduled notices).
    public var notBefore: Date?
    public var attempts: Int
    public var lastError: String?

    public var decodedHeaders: [(String, Data)] {
        guard case .array(let pairs)? = try? JSONValue.parse(headers) else { return [] }
        return pairs.compactMap { pair in
            guard case .array(let parts) = pair, parts.count == 2, let name = parts[0].stringValue,
                  let encoded = parts[1].stringValue, let value = Data(base64Encoded: encoded) else { return nil }
            return (name, value)
        }
    }

    static func encode(headers: [(String, Data)]) -> Data {
        var out = Data("[".utf8)
        for (index, header) in headers.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            // Header names are ASCII tokens; values are base64: nothing to escape.
            out.append(contentsOf: Array("[\"\(header.0)\",\"\(header.1.base64EncodedString())\"]".utf8))
        }
        out.append(UInt8(ascii: "]"))
        return out
    }
}

public enum Outbox {
    /// Adds a message to publish when the surrounding transaction commits.
    @discardableResult
    public static func enqueue(
        _ db: Database, topic: String, key: Data?, value: Data, headers: [(String, Data)],
        eventId: String?, eventType: String?, applicationId: String?, now: Date, notBefore: Date? = nil
    ) throws -> Int64 {
        // Every message is a state change the service made: chained into its audit log, with the
        // chain head on the message for the receiver to record.
        let entry = try AuditLog.append(db, kind: "emit \(eventType ?? topic)", applicationId: applicationId, actor: nil,
                                        digest: Digest.sha256Hex(value), at: now)
        let headers = headers + [(AuditLog.headHeader, Data(entry.head.utf8))]
        try db.cachedStatement(sql: """
            INSERT INTO outbox (topic, key, value, headers, eventId, eventType, applicationId, createdAt, notBefore, attempts)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
            """).execute(arguments: [topic, key, value, OutboxRecord.encode(headers: headers), eventId, eventType, applicationId, now, notBefore])
        return db.lastInsertedRowID
    }

    /// Messages ready to publish, oldest first.
    public static func ready(_ db: Database, now: Date, limit: Int) throws -> [OutboxRecord] {
        try OutboxRecord.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM outbox WHERE publishedAt IS NULL AND (notBefore IS NULL OR notBefore <= ?) ORDER BY id LIMIT ?
            """), arguments: [now, limit])
    }

    /// The earliest `notBefore` still in the future, to know when to look again.
    public static func nextScheduled(_ db: Database, after now: Date) throws -> Date? {
        try Date.fetchOne(db, sql: "SELECT MIN(notBefore) FROM outbox WHERE publishedAt IS NULL AND notBefore > ?", arguments: [now])
    }

    /// Acknowledged by the broker: kept (for `requeuePublished`) until `prunePublished`.
    public static func markPublished(_ db: Database, ids: [Int64], at now: Date = Date()) throws {
        guard !ids.isEmpty else { return }
        try db.execute(sql: "UPDATE outbox SET publishedAt = ? WHERE id IN (\(ids.map(String.init).joined(separator: ",")))", arguments: [now])
    }

    /// Deletes published messages acknowledged before `cutoff` (the machine's clock); returns how many.
    public static func prunePublished(_ db: Database, olderThan cutoff: Date) throws -> Int {
        try db.execute(sql: "DELETE FROM outbox WHERE publishedAt IS NOT NULL AND publishedAt < ?", arguments: [cutoff])
        return db.changesCount
    }

    /// Every kept published message goes out again, in its original order, before anything newer:
    /// for a broker that lost its memory. Consumers drop what they already applied by event id.
    public static func requeuePublished(_ db: Database) throws -> Int {
        try db.execute(sql: "UPDATE outbox SET publishedAt = NULL, attempts = 0, lastError = NULL WHERE publishedAt IS NOT NULL")
        return db.changesCount
    }

    /// `requeuePublished`, except what `delivered` says has reached its reader (a hand-off its
    /// consumer has applied, or a message for outside readers published long enough ago): only
    /// the rest goes out again. `delivered` gets the topic, the event id and when the broker
    /// acknowledged it (the machine's clock). Returns how many were requeued and how many were
    /// left as delivered.
    public static func requeuePublished(_ db: Database, delivered: (_ topic: String, _ eventId: String?, _ publishedAt: Date) -> Bool) throws -> (requeued: Int, skipped: Int) {
        let rows = try Row.fetchAll(db, sql: "SELECT id, topic, eventId, publishedAt FROM outbox WHERE publishedAt IS NOT NULL ORDER BY id")
        let ids = rows.filter { !delivered($0["topic"], $0["eventId"], $0["publishedAt"]) }.map { $0["id"] as Int64 }
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ ids[$0..<min($0 + 500, ids.count)] }) {
            try db.execute(sql: "UPDATE outbox SET publishedAt = NULL, attempts = 0, lastError = NULL WHERE id IN (\(chunk.map(String.init).joined(separator: ",")))")
        }
        return (ids.count, rows.count - ids.count)
    }

    /// `counts`: the failure was the message's own and counts towards parking it.
    public static func recordFailure(_ db: Database, id: Int64, error: String, counts: Bool = true) throws {
        try db.execute(sql: "UPDATE outbox SET attempts = attempts + ?, lastError = ? WHERE id = ?", arguments: [counts ? 1 : 0, error, id])
    }

    public static func pendingCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE publishedAt IS NULL") ?? 0
    }
}
