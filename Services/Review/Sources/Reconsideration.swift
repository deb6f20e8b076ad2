import Foundation
import GRDB
import QyzmetDomain
import QyzmetRules
import QyzmetRuntime

/// A complaint satisfied by the provider or upheld by the reviewing body reverses the appealed
/// decision: the appealed case returns to its service's reconsideration state, with an executor,
/// and its new decision issues a new result. Nothing is erased: the first decision, its document
/// and every action stay in the history, and the reopening is an action by the complaint.
struct Reconsideration: Sendable {
    let process: CaseProcess

    func reopen(appealedBy complaint: ReviewCase, actor: String, motivation: String?, in tx: Transaction) throws {
        guard let appealedId = complaint.opened.appealed?.applicationId else {
            throw CaseProcess.Rejected(description: "the complaint names no appealed application")
        }
        // An application refused at the State Corporation's door never reached the provider:
        // the complaint's own answer is the remedy there.
        guard let appealed = try ReviewCase.load(tx.db, applicationId: appealedId) else { return }
        guard let service = process.service(of: appealed) else {
            throw CaseProcess.Rejected(description: "the rules of the appealed \(appealed.opened.service) are not in the catalogue")
        }
        guard let target = service.process.reconsideration else {
            throw CaseProcess.Rejected(description: "\(service.code) names no reconsideration state, so its decisions cannot be reversed on complaint")
        }
        let reason = "complaint \(complaint.opened.registrationNumber) \(complaint.opened.service): \(motivation ?? "satisfied")"
        try tx.db.cachedStatement(sql: """
            INSERT INTO case_actions (applicationId, action, actor, fromState, toState, inputs, at) VALUES (?, 'reconsider', ?, ?, ?, ?, ?)
            """).execute(arguments: [appealedId, "\(actor) on \(complaint.opened.applicationId)", appealed.state, target, Data(reason.utf8), tx.now])
        try tx.audit(action: "reconsider", applicationId: appealedId, actor: "\(actor) on \(complaint.opened.applicationId)", details: Data(reason.utf8))
        // An appealed inaction: the case is still open and the executor's action is what is owed;
        // only a decided case is taken up again.
        guard appealed.final else { return }
        var current = appealed
        current.recorded["reconsideredOnComplaint"] = complaint.opened.registrationNumber
        try ReviewCase.saveRecorded(tx.db, applicationId: appealedId, recorded: current.recorded)
        let executorActive = try current.executorId.map { try isActive($0, tx.db) } ?? false
        if !executorActive {
            current.executorId = try process.assignExecutor(tx.db, provider: service.provider.code, authority: current.authorityId)?.id
        }
        try tx.db.cachedStatement(sql: "UPDATE cases SET executorId = ?, final = 0, alerted = 'none' WHERE applicationId = ?")
            .execute(arguments: [current.executorId, appealedId])
        current.final = false
        // The status desk moves backwards only on this status: the decision is being taken again.
        try tx.emitStatus(StatusChanged(applicationId: appealedId, status: .reconsideration, at: tx.now, actor: "review", service: service.code,
                                        registrationNumber: current.opened.registrationNumber, location: service.provider.name.en,
                                        detail: "decided again after \(reason)"), lineage: current.lineage)
        try process.enter(target, service: service, on: current, detail: "reconsideration after complaint \(complaint.opened.registrationNumber)", in: tx)
        // The first term is long past: the new decision is due by the reconsideration state's own
        // deadline, or with the complaint's answer.
        try tx.db.cachedStatement(sql: "UPDATE cases SET dueAt = coalesce(stateDueAt, ?) WHERE applicationId = ?")
            .execute(arguments: [max(complaint.dueAt, tx.now), appealedId])
    }

    private func isActive(_ executorId: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT active FROM executors WHERE executorId = ?"), arguments: [executorId]) ?? false
    }
}
