import Foundation
import GRDB

/// The broker identity (`BrokerIdentity` in QyzmetMessaging) a store was last consumed from.
public enum BrokerIdentityRecord {
    public static func get(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT identity FROM broker_identity WHERE id = 1")
    }

    public static func set(_ db: Database, _ identity: String, at now: Date = Date()) throws {
        try db.execute(sql: """
            INSERT INTO broker_identity (id, identity, recordedAt) VALUES (1, ?, ?)
            ON CONFLICT(id) DO UPDATE SET identity = excluded.identity, recordedAt = excluded.recordedAt
            """, arguments: [identity, now])
    }
}
