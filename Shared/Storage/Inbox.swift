import Foundation
import GRDB

/// Consumed event ids. Recording an id in the transaction that applies the event makes a
/// redelivered copy a no-op.
public enum Inbox {
    /// Records the event; false when it was already recorded, i.e. this is a duplicate.
    /// `now` is the service clock (the state it applies to); `recordedAt` the machine's, which
    /// retention counts by.
    public static func record(_ db: Database, eventId: String, digest: String? = nil, topic: String, partition: Int32, offset: Int64, now: Date,
                              recordedAt: Date = Date()) throws -> Bool {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO inbox (eventId, digest, topic, partition, offset, consumedAt, recordedAt) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [eventId, digest, topic, partition, offset, now, recordedAt])
        return db.changesCount == 1
    }

    public static func contains(_ db: Database, eventId: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM inbox WHERE eventId = ?)"), arguments: [eventId]) ?? false
    }

    public enum Seen: Equatable {
        case never
        /// The same event again.
        case same
        /// The same id with other content.
        case different
    }

    public static func lookup(_ db: Database, eventId: String, digest: String) throws -> Seen {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT digest FROM inbox WHERE eventId = ?"), arguments: [eventId]) else { return .never }
        let recorded: String? = row["digest"]
        return recorded == nil || recorded == digest ? .same : .different
    }

    /// Forgets ids recorded before `cutoff` by the machine's clock: redeliveries come within
    /// minutes, not weeks, whatever the service clock says.
    @discardableResult
    public static func prune(_ db: Database, olderThan cutoff: Date) throws -> Int {
        try db.execute(sql: "DELETE FROM inbox WHERE coalesce(recordedAt, consumedAt) < ?", arguments: [cutoff])
        return db.changesCount
    }

    public static func count(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM inbox") ?? 0
    }
}
