import Foundation
import GRDB
import Metrics
import QyzmetDomain
import QyzmetRules
import QyzmetRuntime

/// Publishes a warning when an open case nears the deadline of its current state or its service
/// term, and a breach when it passes one; once per state and kind. Earliest deadlines first, so
/// a backlog cannot starve the cases most at risk.
struct DeadlineWatch: Sendable {
    let warningWindow: TimeInterval
    let catalogue: Catalogue

    /// Open cases through `cases_open_by_waiting` (GrowingTableQueryTests).
    static let dueSQL = """
        SELECT applicationId, registrationNumber, service, state, rulesVersion, dueAt, stateDueAt, executorId, alerted, lineage FROM cases
        WHERE final = 0 AND waitingFor IS NULL AND alerted != 'breach' AND (dueAt <= ? OR stateDueAt <= ?)
          AND NOT (alerted = 'warning' AND min(dueAt, coalesce(stateDueAt, dueAt)) > ?)
        ORDER BY min(dueAt, coalesce(stateDueAt, dueAt)) LIMIT 500
        """

    func check(in tx: Transaction) throws -> Int {
        let horizon = tx.now.addingTimeInterval(warningWindow)
        let rows = try Row.fetchAll(tx.db.cachedStatement(sql: Self.dueSQL), arguments: [horizon, horizon, tx.now])
        for row in rows {
            let dueAt: Date = row["dueAt"]
            let stateDueAt: Date? = row["stateDueAt"]
            let earliest = stateDueAt.map { min($0, dueAt) } ?? dueAt
            let kind: DeadlineAlert.Kind = earliest <= tx.now ? .breach : .warning
            let stateId: String = row["state"]
            let stateDeadline = stateDueAt.map { $0 <= dueAt } ?? false
            let name = stateDeadline
                ? (row["rulesVersion"] as String?).flatMap { catalogue.service(row["service"], version: $0)?.process.state(stateId)?.deadline?.name } ?? "executor-deadline"
                : "service-term"
            let alert = DeadlineAlert(applicationId: row["applicationId"], registrationNumber: row["registrationNumber"], service: row["service"],
                                      kind: kind, deadline: stateDeadline ? "\(stateId): \(name)" : name, dueAt: earliest, at: tx.now,
                                      holder: row["executorId"] ?? "review")
            let lineage = try ContractCoding.decode(EventLineage.self, data: row["lineage"] as Data)
            try tx.emit(EventType.deadlineAlert, alert, to: Topics.deadlines, lineage: lineage)
            try tx.db.cachedStatement(sql: "UPDATE cases SET alerted = ? WHERE applicationId = ?").execute(arguments: [kind.rawValue, alert.applicationId])
            Counter(label: "qyzmet_deadline_alerts_total", dimensions: [("kind", kind.rawValue), ("deadline", stateDeadline ? "state" : "service-term")]).increment()
        }
        return rows.count
    }
}

/// Asks the payment gateway again about cases still waiting for their duty: payments arrive
/// whenever the applicant pays, and the gateway does not call back.
struct PaymentRechecks: Sendable {
    let process: CaseProcess
    let interval: TimeInterval

    func run(in tx: Transaction) throws -> Int {
        let ids = try String.fetchAll(tx.db.cachedStatement(sql: """
            SELECT applicationId FROM cases WHERE final = 0 AND paymentDueAt IS NOT NULL AND lastPaymentCheck <= ? ORDER BY lastPaymentCheck LIMIT 200
            """), arguments: [tx.now.addingTimeInterval(-interval)])
        for id in ids {
            guard let reviewCase = try ReviewCase.load(tx.db, applicationId: id), let service = process.service(of: reviewCase) else { continue }
            let waits = service.process.state(reviewCase.state)?.transitions.contains { $0.on == "payment-checked" } ?? false
            if waits {
                try process.askForPayment(service: service, on: reviewCase, in: tx)
            } else {
                try tx.db.cachedStatement(sql: "UPDATE cases SET paymentDueAt = NULL WHERE applicationId = ?").execute(arguments: [id])
            }
        }
        return ids.count
    }
}

/// Fires the timers of the processes: an interim reply due after four working days, a payment
/// window that closed.
struct ProcessTimers: Sendable {
    let process: CaseProcess

    func fire(in tx: Transaction) throws -> Int {
        let ids = try String.fetchAll(tx.db.cachedStatement(sql: """
            SELECT applicationId FROM cases WHERE final = 0 AND timerDueAt <= ? ORDER BY timerDueAt LIMIT 200
            """), arguments: [tx.now])
        for id in ids {
            guard let reviewCase = try ReviewCase.load(tx.db, applicationId: id) else { continue }
            let deferred = try String.fetchOne(tx.db.cachedStatement(sql: "SELECT deferredEvent FROM cases WHERE applicationId = ?"), arguments: [id])
            try tx.db.cachedStatement(sql: "UPDATE cases SET timerDueAt = NULL, deferredEvent = NULL WHERE applicationId = ?").execute(arguments: [id])
            // A timer whose transition no longer applies is dropped; its writes are undone.
            try tx.db.inSavepoint {
                do {
                    if let deferred {
                        try process.fire(deferred, by: .system, actor: "review", on: reviewCase, in: tx)
                    } else {
                        try process.fire("timeout", by: .timer, actor: "timer", on: reviewCase, in: tx)
                    }
                    return .commit
                } catch is CaseProcess.Rejected {
                    return .rollback
                }
            }
        }
        return ids.count
    }
}
