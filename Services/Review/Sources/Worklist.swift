import Foundation
import GRDB
import QyzmetDomain
import QyzmetRules
import QyzmetRuntime

/// One line of an executor's worklist: the case, its state and deadlines, what the checks
/// suggest, what has been recorded, and the actions its process offers now (the buttons).
public struct WorklistItem: Codable, Sendable {
    public struct Action: Codable, Sendable {
        public var action: String
        public var label: String?
        public var requires: [String]
        public var findings: [FindingRule]
        /// For an extension: the longest terms the rules allow, by the facts that decide them.
        public var maxTerms: [Term]?
    }

    public var applicationId: String
    public var registrationNumber: String
    public var service: String
    public var rulesVersion: String?
    public var scenario: String
    public var channel: String
    public var state: String
    public var applicantName: String
    /// Masked: the full IIN is in the case file.
    public var applicantIin: String
    public var executorId: String?
    public var stateDueAt: Date?
    public var executorDueAt: Date?
    public var serviceDueAt: Date
    public var overdue: Bool
    public var recommendation: String
    public var grounds: [Decision.Ground]
    public var recorded: [String: String]
    public var hearingAt: Date?
    public var actions: [Action]
}

enum Worklist {
    static func items(_ db: Database, executorId: String?, service: String?, now: Date, process: CaseProcess) throws -> [WorklistItem] {
        var sql = "SELECT applicationId FROM cases WHERE final = 0 AND executorId IS NOT NULL"
        var arguments: StatementArguments = []
        if let executorId { sql += " AND executorId = ?"; arguments += [executorId] }
        if let service { sql += " AND service = ?"; arguments += [service] }
        sql += " ORDER BY coalesce(stateDueAt, dueAt), registrationNumber LIMIT 500"
        return try String.fetchAll(db, sql: sql, arguments: arguments).compactMap { id in
            guard let c = try ReviewCase.load(db, applicationId: id), let rules = process.service(of: c) else { return nil }
            let due = c.stateDueAt ?? c.dueAt
            let open = ProcessEngine.available(rules.process, state: c.state, role: .executor, context: process.context(c, rules),
                                               guards: process.guards.evaluator(c, db))
            return WorklistItem(
                applicationId: id, registrationNumber: c.opened.registrationNumber, service: c.opened.service, rulesVersion: c.rulesVersion,
                scenario: c.opened.scenario, channel: c.opened.channel.rawValue, state: c.state, applicantName: c.opened.applicant.fullName,
                applicantIin: IIN.redact(c.opened.applicant.iin), executorId: c.executorId, stateDueAt: c.stateDueAt, executorDueAt: c.executorDueAt,
                serviceDueAt: c.dueAt, overdue: due < now, recommendation: c.recommendation?.outcome.rawValue ?? "none",
                grounds: c.recommendation?.grounds ?? [], recorded: c.recorded, hearingAt: c.hearingAt,
                actions: open.map { transition in
                    let extends = transition.effects?.contains(.extendTerm) == true
                    return .init(action: transition.on, label: transition.label, requires: transition.requires ?? [], findings: transition.findings ?? [],
                                 maxTerms: extends ? rules.termExtension?.maxTerms.map(\.term) : nil)
                }
            )
        }
    }
}
