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
        try OutboxRecord
            .filter(Column("notBefore") == nil || Column("notBefore") <= now)
            .order(Column("id"))
            .limit(limit)
            .fetchAll(db)
    }

    /// The earliest `notBefore` still in the future, to know when to look again.
    public static func nextScheduled(_ db: Database, after now: Date) throws -> Date? {
        try Date.fetchOne(db, sql: "SELECT MIN(notBefore) FROM outbox WHERE notBefore > ?", arguments: [now])
    }

    public static func remove(_ db: Database, ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        _ = try OutboxRecord.deleteAll(db, keys: ids)
    }

    /// `counts`: the failure was the message's own and counts towards parking it.
    public static func recordFailure(_ db: Database, id: Int64, error: String, counts: Bool = true) throws {
        try db.execute(sql: "UPDATE outbox SET attempts = attempts + ?, lastError = ? WHERE id = ?", arguments: [counts ? 1 : 0, error, id])
    }

    public static func pendingCount(_ db: Database) throws -> Int {
        try OutboxRecord.fetchCount(db)
    }
}
