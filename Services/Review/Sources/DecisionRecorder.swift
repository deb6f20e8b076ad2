import Foundation
import GRDB
import Metrics
import QyzmetDomain
import QyzmetRuntime

/// Records a decision and hands it to issuance.
struct DecisionRecorder: Sendable {
    func record(
        _ reviewCase: ReviewCase, outcome: Decision.Outcome, grounds: [Decision.Ground], motivation: String?, facts: [String: String],
        reapplyAfter: LocalDate?, dueAt: Date?, decidedBy: Decision.DecidedBy, in tx: Transaction
    ) throws {
        let opened = reviewCase.opened
        let holder = reviewCase.facts.person ?? opened.applicant
        let decision = Decision(
            applicationId: opened.applicationId, registrationNumber: opened.registrationNumber, service: opened.service, channel: opened.channel,
            purpose: opened.purpose, outcome: outcome, decidedAt: tx.now, decidedBy: decidedBy, grounds: grounds, motivation: motivation,
            facts: facts, reapplyAfter: reapplyAfter, holder: holder, branchId: opened.branchId, delivery: opened.delivery, dueAt: dueAt ?? opened.dueAt
        )
        try tx.db.execute(sql: "UPDATE cases SET state = 'decided', decision = ?, decidedAt = ? WHERE applicationId = ?",
                          arguments: [try ContractCoding.data(decision), tx.now, opened.applicationId])
        try tx.emit(EventType.decisionMade, decision, to: Topics.decisions, lineage: reviewCase.lineage)
        let status: ApplicationStatus = outcome == .approved ? .approved : outcome == .refused ? .refused : .interimReply
        let by = decidedBy.executorId.map { "executor \($0)" } ?? "automatically"
        try tx.emitStatus(StatusChanged(
            applicationId: opened.applicationId, status: status, at: tx.now, actor: "review", service: opened.service,
            registrationNumber: opened.registrationNumber, dueAt: dueAt, dueDate: dueAt.map { KazakhstanTime.localDate(of: $0) },
            detail: "decided \(by)" + (motivation.map { ": \($0)" } ?? "")
        ), lineage: reviewCase.lineage)
        Counter(label: "qyzmet_decisions_total", dimensions: [("service", opened.service), ("outcome", outcome.rawValue), ("by", decidedBy.kind)]).increment()
    }
}
