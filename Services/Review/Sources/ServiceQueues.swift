import Foundation
import GRDB
import QyzmetDomain
import QyzmetRuntime

/// The queues proactive services draw from (the paid-training queue of order 357): a person is
/// put on it by a decision, in order of that decision, under a key (a course), and leaves it with
/// a reason (referred, removed from the register, unpaid). Positions never change; a person's
/// number is their place among those still waiting for the same key.
enum ServiceQueues {
    struct Entry {
        var position: Int64
        var iin: String
        var person: PersonRecord
        var applicationId: String
    }

    /// Puts the person on the queue; returns their number among those waiting for the key.
    static func enqueue(_ db: Database, queue: String, key: String, person: PersonRecord, applicationId: String, at now: Date) throws -> Int {
        try db.cachedStatement(sql: """
            INSERT INTO queue_entries (queue, key, iin, person, applicationId, enqueuedAt, status, changedAt)
            VALUES (?, ?, ?, ?, ?, ?, 'waiting', ?) ON CONFLICT(applicationId) DO NOTHING
            """).execute(arguments: [queue, key, person.iin, try ContractCoding.data(person), applicationId, now, now])
        return try Int.fetchOne(db.cachedStatement(sql: """
            SELECT COUNT(*) FROM queue_entries WHERE queue = ? AND key = ? AND status = 'waiting'
              AND position <= (SELECT position FROM queue_entries WHERE applicationId = ?)
            """), arguments: [queue, key, applicationId]) ?? 0
    }

    /// Takes the person off the queue (every key they wait under), recording why and by which case.
    static func dequeue(_ db: Database, queue: String, iin: String, reason: String, by applicationId: String, at now: Date) throws {
        try db.cachedStatement(sql: """
            UPDATE queue_entries SET status = ?, changedAt = ?, leftBy = ? WHERE queue = ? AND iin = ? AND status = 'waiting'
            """).execute(arguments: [reason, now, applicationId, queue, iin])
    }

    /// The next persons waiting for a key, in order, who have not been offered this service for it.
    static func nextWaiting(_ db: Database, queue: String, key: String, service: String, limit: Int) throws -> [Entry] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT q.position, q.iin, q.person, q.applicationId FROM queue_entries q
            WHERE q.queue = ? AND q.key = ? AND q.status = 'waiting'
              AND NOT EXISTS (SELECT 1 FROM proactive_offers o WHERE o.service = ? AND o.key = q.key AND o.iin = q.iin)
            ORDER BY q.position LIMIT ?
            """), arguments: [queue, key, service, limit]).map { row in
            Entry(position: row["position"], iin: row["iin"], person: try ContractCoding.decode(PersonRecord.self, data: row["person"] as Data),
                  applicationId: row["applicationId"])
        }
    }

    /// The queue as the provider sees it: who waits for what, and who left and why.
    struct Listing: Codable, Sendable {
        var position: Int64
        var key: String
        var iin: String
        var applicationId: String
        var enqueuedAt: Date
        var status: String
        var leftBy: String?
    }

    static func listing(_ db: Database, queue: String) throws -> [Listing] {
        try Row.fetchAll(db, sql: "SELECT * FROM queue_entries WHERE queue = ? ORDER BY position", arguments: [queue]).map { row in
            Listing(position: row["position"], key: row["key"], iin: IIN.redact(row["iin"]), applicationId: row["applicationId"],
                    enqueuedAt: row["enqueuedAt"], status: row["status"], leftBy: row["leftBy"])
        }
    }
}

/// The cases a proactive service opened, with the queue entry each was for.
struct ProactiveOffer: Codable, Sendable {
    var service: String
    var course: String
    var round: String
    var applicationId: String
    var queueApplicationId: String?
    var state: String?
    var openedAt: Date

    static func all(_ db: Database) throws -> [ProactiveOffer] {
        try Row.fetchAll(db, sql: """
            SELECT o.service, o.key, o.round, o.applicationId, o.openedAt, c.state,
                   (SELECT q.applicationId FROM queue_entries q WHERE q.key = o.key AND q.iin = o.iin ORDER BY q.position DESC LIMIT 1) AS queueApplicationId
            FROM proactive_offers o LEFT JOIN cases c ON c.applicationId = o.applicationId ORDER BY o.openedAt
            """).map { row in
            ProactiveOffer(service: row["service"], course: row["key"], round: row["round"], applicationId: row["applicationId"],
                           queueApplicationId: row["queueApplicationId"], state: row["state"], openedAt: row["openedAt"])
        }
    }
}
