import Foundation
import GRDB

/// X-Road-style message log: every request, who asked, for which application, the hashes that
/// bind question and answer, and what was answered.
enum MessageLog {
    static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("identity-message-log-v1") { db in
            try db.create(table: "message_log") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("requestId", .text).notNull().indexed()
                t.column("client", .text).notNull()
                t.column("applicationId", .text).notNull().indexed()
                t.column("query", .text).notNull()
                t.column("subjectIin", .text).notNull()
                t.column("consentReference", .text)
                t.column("requestHash", .text).notNull()
                t.column("responseHash", .text)
                t.column("outcome", .text).notNull()
                t.column("receivedAt", .datetime).notNull()
                t.column("respondAt", .datetime)
            }
        }
    }

    struct Entry: Codable, Sendable, FetchableRecord {
        var requestId: String
        var client: String
        var applicationId: String
        var query: String
        var requestHash: String
        var responseHash: String?
        var outcome: String
        var receivedAt: Date
        var respondAt: Date?
    }

    static func append(
        _ db: Database, requestId: String, client: String, applicationId: String, query: String, subjectIin: String,
        consentReference: String?, requestHash: String, responseHash: String?, outcome: String, receivedAt: Date, respondAt: Date?
    ) throws {
        try db.execute(sql: """
            INSERT INTO message_log (requestId, client, applicationId, query, subjectIin, consentReference, requestHash, responseHash, outcome, receivedAt, respondAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [requestId, client, applicationId, query, subjectIin, consentReference, requestHash, responseHash, outcome, receivedAt, respondAt])
    }

    static func entries(_ db: Database, applicationId: String) throws -> [Entry] {
        try Entry.fetchAll(db, sql: """
            SELECT requestId, client, applicationId, query, requestHash, responseHash, outcome, receivedAt, respondAt
            FROM message_log WHERE applicationId = ? ORDER BY id
            """, arguments: [applicationId])
    }
}
