import Foundation
import GRDB
import QyzmetDomain
import QyzmetRules

/// The implementations of the guards the catalogue names (`NamedRules.guards`), bound at start:
/// a guard name without an implementation stops review, as an unknown name stops the catalogue.
struct ProcessGuards: Sendable {
    typealias Guard = @Sendable (ReviewCase, Database) throws -> Bool

    let implementations: [String: Guard]

    init() {
        implementations = [
            "records-clear": { c, db in
                if let status = c.facts.criminal?.status, status == "none" || status == "present" { return true }
                return try Self.completedFindings(c, db) != nil
            },
            "records-need-check": { c, db in
                let completed = try Self.completedFindings(c, db)
                return c.facts.criminal?.status == "needs-check" && completed == nil
            },
            "records-unavailable": { c, db in
                let completed = try Self.completedFindings(c, db)
                return c.facts.criminal == nil && completed == nil
            },
            "hearing-held": { c, _ in c.hearingOutcome != nil },
            "payment-confirmed": { c, _ in c.recorded["payment"] == "paid" },
            "payment-missing": { c, _ in c.recorded["payment"] != nil && c.recorded["payment"] != "paid" },
        ]
        let missing = NamedRules.guards.subtracting(implementations.keys)
        precondition(missing.isEmpty, "guards without an implementation: \(missing.sorted())")
    }

    /// A predicate for the engine; a guard that fails to evaluate is false.
    func evaluator(_ reviewCase: ReviewCase, _ db: Database) -> (String) -> Bool {
        { name in (try? implementations[name]?(reviewCase, db)) ?? false }
    }

    /// The findings of an earlier, completed case about the same person for the same service
    /// (an additional reference check whose applicant was told to apply again).
    static func completedFindings(_ c: ReviewCase, _ db: Database) throws -> [String: String]? {
        try Data.fetchOne(db.cachedStatement(sql: "SELECT facts FROM subject_findings WHERE subjectIin = ? AND service = ? AND applicationId != ?"),
                          arguments: [c.subjectIin, c.opened.service, c.opened.applicationId])
            .map { try ContractCoding.decode([String: String].self, data: $0) }
    }
}
