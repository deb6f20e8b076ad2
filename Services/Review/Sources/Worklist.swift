import Foundation
import GRDB
import QyzmetDomain
import QyzmetRuntime

/// One line of an executor's worklist.
public struct WorklistItem: Codable, Sendable {
    public var applicationId: String
    public var registrationNumber: String
    public var service: String
    public var scenario: String
    public var channel: String
    public var applicantName: String
    /// Masked: the full IIN is in the case file.
    public var applicantIin: String
    public var executorId: String?
    public var executorDueAt: Date?
    public var serviceDueAt: Date
    public var overdue: Bool
    public var recommendation: String
    public var grounds: [Decision.Ground]
}

enum Worklist {
    static func items(_ db: Database, executorId: String?, service: String?, now: Date) throws -> [WorklistItem] {
        var sql = "SELECT applicationId FROM cases WHERE state = 'awaiting-executor'"
        var arguments: StatementArguments = []
        if let executorId { sql += " AND executorId = ?"; arguments += [executorId] }
        if let service { sql += " AND service = ?"; arguments += [service] }
        sql += " ORDER BY executorDueAt, registrationNumber LIMIT 500"
        return try String.fetchAll(db, sql: sql, arguments: arguments).compactMap { id in
            guard let c = try ReviewCase.load(db, applicationId: id) else { return nil }
            let due = c.executorDueAt ?? c.opened.dueAt
            return WorklistItem(
                applicationId: id, registrationNumber: c.opened.registrationNumber, service: c.opened.service, scenario: c.opened.scenario,
                channel: c.opened.channel.rawValue, applicantName: c.opened.applicant.fullName, applicantIin: IIN.redact(c.opened.applicant.iin),
                executorId: c.executorId, executorDueAt: c.executorDueAt, serviceDueAt: c.opened.dueAt, overdue: due < now,
                recommendation: c.recommendation?.outcome.rawValue ?? "none", grounds: c.recommendation?.grounds ?? []
            )
        }
    }
}
