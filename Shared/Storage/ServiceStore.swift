import Foundation
import GRDB
import Logging

/// One service's SQLite file: WAL, `synchronous=FULL`, migrations, and the outbox and inbox
/// tables every service shares.
///
/// `synchronous=FULL` because Kafka offsets are committed right after a transaction commits: if
/// a power loss could take back a committed transaction, the consumed message would be lost.
public final class ServiceStore: Sendable {
    public let pool: DatabasePool
    public let path: String

    /// `maxPageCount` caps the file (`PRAGMA max_page_count`): a full disk on demand, for the
    /// tests and drills that prove nothing is committed past what was stored.
    public init(path: String, logger: Logger, maxPageCount: Int? = nil, migrations: (inout DatabaseMigrator) -> Void) throws {
        self.path = path
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true
        )
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            if let maxPageCount { try db.execute(sql: "PRAGMA max_page_count = \(maxPageCount)") }
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        var migrator = DatabaseMigrator()
        MessagingTables.register(in: &migrator)
        migrations(&migrator)
        let applied = try pool.read { try migrator.appliedMigrations($0) }
        try migrator.migrate(pool)
        let now = try pool.read { try migrator.appliedMigrations($0) }
        if now.count > applied.count {
            logger.info("database migrated", metadata: ["path": "\(path)", "applied": "\(now.suffix(now.count - applied.count).joined(separator: ","))"])
        }
    }

    /// A store in a temporary file, for unit tests.
    public static func temporary(logger: Logger = Logger(label: "test"), migrations: (inout DatabaseMigrator) -> Void = { _ in }) throws -> ServiceStore {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("qyzmet-\(UUID().uuidString).sqlite").path
        return try ServiceStore(path: path, logger: logger, migrations: migrations)
    }
}

enum MessagingTables {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("messaging-v1") { db in
            // Outgoing messages, written in the same transaction as the state change that
            // caused them, published by the relay in id order, deleted once acknowledged.
            try db.create(table: "outbox") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("topic", .text).notNull()
                t.column("key", .blob)
                t.column("value", .blob).notNull()
                t.column("headers", .blob).notNull()
                t.column("eventId", .text)
                t.column("eventType", .text)
                t.column("applicationId", .text)
                t.column("createdAt", .datetime).notNull()
                t.column("notBefore", .datetime)
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("lastError", .text)
            }
            try db.create(index: "outbox_notBefore", on: "outbox", columns: ["notBefore"])
            // Ids of consumed events, recorded in the transaction that applied them.
            try db.create(table: "inbox", options: .withoutRowID) { t in
                t.primaryKey("eventId", .text)
                t.column("topic", .text).notNull()
                t.column("partition", .integer).notNull()
                t.column("offset", .integer).notNull()
                t.column("consumedAt", .datetime).notNull()
            }
            try db.create(index: "inbox_consumedAt", on: "inbox", columns: ["consumedAt"])
        }
        migrator.registerMigration("messaging-v2-inbox-digest") { db in
            // SHA-256 of the message as received: the same id with other bytes is a producer defect
            // to report, not a duplicate to drop.
            try db.alter(table: "inbox") { t in t.add(column: "digest", .text) }
        }
        migrator.registerMigration("messaging-v3-outbox-parked") { db in
            // Messages the relay gave up on, for ops to inspect and requeue (docs/runbook.md).
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS outbox_parked AS SELECT * FROM outbox WHERE 0")
        }
        migrator.registerMigration("messaging-v4-inbox-wall-clock") { db in
            // When the id was recorded by the machine's clock: retention must not follow the
            // service clock, which tests and demonstrations move weeks ahead (a redelivery after a
            // crash minutes later must still be recognised).
            try db.alter(table: "inbox") { t in t.add(column: "recordedAt", .datetime) }
        }
        migrator.registerMigration("messaging-v5-audit-chain") { db in
            // The hash-chained audit log (AuditLog.swift). A store migrated from before starts
            // its chain here.
            try AuditLog.createTable(db)
        }
        migrator.registerMigration("messaging-v6-keep-published") { db in
            // Published messages are kept for a while (by the machine's clock) instead of deleted:
            // a broker that lost its memory gets them again (`qyzmet broker recover`).
            try db.alter(table: "outbox") { t in t.add(column: "publishedAt", .datetime) }
            try db.alter(table: "outbox_parked") { t in t.add(column: "publishedAt", .datetime) }
            try db.execute(sql: "CREATE INDEX outbox_unpublished ON outbox(id) WHERE publishedAt IS NULL")
            try db.execute(sql: "CREATE INDEX outbox_publishedAt ON outbox(publishedAt) WHERE publishedAt IS NOT NULL")
            // The broker this store was last consumed from (`BrokerIdentity`).
            try db.execute(sql: "CREATE TABLE broker_identity (id INTEGER PRIMARY KEY CHECK (id = 1), identity TEXT NOT NULL, recordedAt DATETIME NOT NULL)")
        }
    }
}
