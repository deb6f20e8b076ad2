import Foundation
import GRDB
import Metrics
import QyzmetDomain
import QyzmetRuntime

/// Records a decision or a notice and hands it to issuance. The document states the facts
/// recorded for this case, about the person whose data was fetched.
struct DecisionRecorder: Sendable {
    func record(
        _ reviewCase: ReviewCase, outcome: Decision.Outcome, grounds: [Decision.Ground], motivation: String?, facts: [String: String],
        reapplyAfter: LocalDate?, decidedBy: Decision.DecidedBy, notice: Bool, in tx: Transaction
    ) throws {
        let opened = reviewCase.opened
        // The holder is the person the certificate is about: the subject identified at intake (or
        // by the gateway here), never a default.
        let holder = opened.subject ?? reviewCase.facts.person ?? opened.applicant
        var decision = Decision(
            applicationId: opened.applicationId, registrationNumber: opened.registrationNumber, service: opened.service, channel: opened.channel,
            purpose: opened.purpose, outcome: outcome, decidedAt: tx.now, decidedBy: decidedBy, grounds: grounds, motivation: motivation,
            facts: facts, reapplyAfter: reapplyAfter, holder: holder, branchId: opened.branchId, delivery: opened.delivery, dueAt: reviewCase.dueAt
        )
        decision.rulesVersion = reviewCase.rulesVersion
        decision.sequence = reviewCase.documentSequence
        decision.hearingAt = outcome == .hearingNotice ? reviewCase.hearingAt : nil
        decision.scenario = opened.scenario
        decision.party = opened.party
        decision.notice = notice
        decision.documentTypes = opened.documents.map(\.type)
        decision.attorneyDigest = opened.documents.first { $0.type == "power-of-attorney" }?.number.map { Digest.sha256Hex(Data($0.utf8)) }
        if !notice {
            try tx.db.execute(sql: "UPDATE cases SET decision = ?, decidedAt = ? WHERE applicationId = ?",
                              arguments: [try ContractCoding.data(decision), tx.now, opened.applicationId])
        }
        try tx.emit(EventType.decisionMade, decision, to: Topics.decisions, lineage: reviewCase.lineage)
        Counter(label: "qyzmet_decisions_total", dimensions: [("service", opened.service), ("outcome", outcome.rawValue), ("by", decidedBy.kind)]).increment()
    }
}
