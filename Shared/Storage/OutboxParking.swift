import Foundation
import GRDB

/// Messages the relay gave up on, kept for ops (docs/runbook.md: "Parked outbox messages").
public enum OutboxParking {
    public static func count(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox_parked") ?? 0
    }

    /// Puts parked messages back at the head of the outbox with their attempts reset (after the
    /// cause is fixed, e.g. the broker's size limit raised); returns how many.
    public static func release(_ db: Database, ids: [Int64]? = nil) throws -> Int {
        let filter = ids.map { "WHERE id IN (\($0.map(String.init).joined(separator: ",")))" } ?? ""
        try db.execute(sql: "INSERT INTO outbox SELECT * FROM outbox_parked \(filter)")
        let released = db.changesCount
        try db.execute(sql: "UPDATE outbox SET attempts = 0, lastError = NULL WHERE id IN (SELECT id FROM outbox_parked \(filter))")
        try db.execute(sql: "DELETE FROM outbox_parked \(filter)")
        return released
    }

    public static func park(_ db: Database, id: Int64) throws {
        try db.execute(sql: """
            INSERT INTO outbox_parked SELECT * FROM outbox WHERE id = ?;
            DELETE FROM outbox WHERE id = ?;
            """, arguments: [id, id])
    }
}
