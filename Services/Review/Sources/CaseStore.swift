import Foundation
import GRDB
import QyzmetDomain
import QyzmetRules
import QyzmetRuntime

/// A case as review keeps it.
struct ReviewCase: Sendable {
    var opened: CaseOpened
    var lineage: EventLineage
    /// The state of the service's process.
    var state: String
    var facts: CaseFacts
    var pendingQueries: Int
    var executorId: String?
    var executorDueAt: Date?
    var recommendation: Recommendation?
    var registeredAt: Date
    var rulesVersion: String?
    var enteredAt: Date?
    var stateDueAt: Date?
    var dueAt: Date
    var final: Bool
    /// Facts recorded for the result, by name.
    var recorded: [String: String]
    var hearingAt: Date?
    var hearingOutcome: String?
    var documentSequence: Int
    var authorityId: String?

    /// The person the service is about: the subject when a request is about someone else.
    var subjectIin: String { opened.subjectIin ?? opened.applicant.iin }

    /// The acceptance the receipt stated, which terms and deadlines are counted from.
    var acceptance: DueDateCalculator.Acceptance {
        DueDateCalculator.Acceptance(day: opened.acceptedOn, countFrom: opened.countFrom, instant: opened.acceptedAt, withinHours: true)
    }

    static func saveRecorded(_ db: Database, applicationId: String, recorded: [String: String]) throws {
        try db.cachedStatement(sql: "UPDATE cases SET recorded = ? WHERE applicationId = ?").execute(arguments: [try ContractCoding.data(recorded), applicationId])
    }

    static func load(_ db: Database, applicationId: String) throws -> ReviewCase? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM cases WHERE applicationId = ?"), arguments: [applicationId]) else { return nil }
        return ReviewCase(
            opened: try ContractCoding.decode(CaseOpened.self, data: row["caseData"] as Data),
            lineage: try ContractCoding.decode(EventLineage.self, data: row["lineage"] as Data),
            state: row["state"], facts: try ContractCoding.decode(CaseFacts.self, data: row["facts"] as Data),
            pendingQueries: row["pendingQueries"], executorId: row["executorId"], executorDueAt: row["executorDueAt"],
            recommendation: try (row["recommendation"] as Data?).map { try ContractCoding.decode(Recommendation.self, data: $0) },
            registeredAt: row["registeredAt"], rulesVersion: row["rulesVersion"], enteredAt: row["enteredAt"], stateDueAt: row["stateDueAt"],
            dueAt: row["dueAt"], final: row["final"],
            recorded: try (row["recorded"] as Data?).map { try ContractCoding.decode([String: String].self, data: $0) } ?? [:],
            hearingAt: row["hearingAt"], hearingOutcome: row["hearingOutcome"], documentSequence: row["documentSequence"],
            authorityId: row["authorityId"]
        )
    }

    static func saveFacts(_ db: Database, applicationId: String, facts: CaseFacts, pendingQueries: Int) throws {
        try db.execute(sql: "UPDATE cases SET facts = ?, pendingQueries = ? WHERE applicationId = ?",
                       arguments: [try ContractCoding.data(facts), pendingQueries, applicationId])
    }
}
