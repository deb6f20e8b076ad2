import Foundation
import GRDB
import QyzmetDomain
import QyzmetRuntime

/// A case as review keeps it.
struct ReviewCase: Sendable {
    var opened: CaseOpened
    var lineage: EventLineage
    var state: String
    var facts: CaseFacts
    var pendingQueries: Int
    var executorId: String?
    var executorDueAt: Date?
    var recommendation: Recommendation?
    var registeredAt: Date

    static func load(_ db: Database, applicationId: String) throws -> ReviewCase? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM cases WHERE applicationId = ?", arguments: [applicationId]) else { return nil }
        let decoder = ContractCoding.decoder()
        return ReviewCase(
            opened: try decoder.decode(CaseOpened.self, from: row["caseData"] as Data),
            lineage: try JSONDecoder().decode(EventLineage.self, from: row["lineage"] as Data),
            state: row["state"], facts: try decoder.decode(CaseFacts.self, from: row["facts"] as Data),
            pendingQueries: row["pendingQueries"], executorId: row["executorId"], executorDueAt: row["executorDueAt"],
            recommendation: try (row["recommendation"] as Data?).map { try decoder.decode(Recommendation.self, from: $0) },
            registeredAt: row["registeredAt"]
        )
    }

    static func saveFacts(_ db: Database, applicationId: String, facts: CaseFacts, pendingQueries: Int) throws {
        try db.execute(sql: "UPDATE cases SET facts = ?, pendingQueries = ? WHERE applicationId = ?",
                       arguments: [try ContractCoding.encoder().encode(facts), pendingQueries, applicationId])
    }
}
