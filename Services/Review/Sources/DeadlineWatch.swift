import Foundation
import GRDB
import Metrics
import QyzmetDomain
import QyzmetRuntime

/// Publishes a warning when an undecided case nears its executor deadline or service term, and
/// a breach when it passes one; each once per case.
struct DeadlineWatch: Sendable {
    let warningWindow: TimeInterval

    func check(in tx: Transaction) throws -> Int {
        let horizon = tx.now.addingTimeInterval(warningWindow)
        let rows = try Row.fetchAll(tx.db.cachedStatement(sql: """
            SELECT applicationId, registrationNumber, service, dueAt, executorDueAt, executorId, alerted, lineage FROM cases
            WHERE state != 'decided' AND alerted != 'breach' AND (dueAt <= ? OR executorDueAt <= ?)
            LIMIT 500
            """), arguments: [horizon, horizon])
        for row in rows {
            let dueAt: Date = row["dueAt"]
            let executorDueAt: Date? = row["executorDueAt"]
            let earliest = executorDueAt.map { min($0, dueAt) } ?? dueAt
            let kind: DeadlineAlert.Kind = earliest <= tx.now ? .breach : .warning
            if kind == .warning && row["alerted"] as String == "warning" { continue }
            let deadline = executorDueAt.map { $0 <= dueAt } ?? false ? "executor-deadline" : "service-term"
            let alert = DeadlineAlert(applicationId: row["applicationId"], registrationNumber: row["registrationNumber"], service: row["service"],
                                      kind: kind, deadline: deadline, dueAt: earliest, at: tx.now, holder: row["executorId"] ?? "review")
            let lineage = try ContractCoding.decode(EventLineage.self, data: row["lineage"] as Data)
            try tx.emit(EventType.deadlineAlert, alert, to: Topics.deadlines, lineage: lineage)
            try tx.db.cachedStatement(sql: "UPDATE cases SET alerted = ? WHERE applicationId = ?").execute(arguments: [kind.rawValue, alert.applicationId])
            Counter(label: "qyzmet_deadline_alerts_total", dimensions: [("kind", kind.rawValue), ("deadline", deadline)]).increment()
        }
        return rows.count
    }
}
