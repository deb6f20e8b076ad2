import Foundation
import GRDB
import QyzmetDomain
import QyzmetRuntime

/// Decides where the regulation automates the decision; otherwise puts the case on an
/// executor's worklist with the checks' recommendation and the executor deadline.
struct CaseEvaluation: Sendable {
    let catalogue: ServiceCatalogue
    let dueDates: DueDateCalculator
    let decisions: DecisionRecorder

    func evaluate(applicationId: String, in tx: Transaction) throws {
        guard let reviewCase = try ReviewCase.load(tx.db, applicationId: applicationId),
              let service = catalogue.service(reviewCase.opened.service) else { return }
        let opened = reviewCase.opened
        let facts = reviewCase.facts
        if service.automation == .automatic, let automatic = automaticDecision(service, opened, facts) {
            try decisions.record(reviewCase, outcome: automatic.outcome, grounds: [], motivation: automatic.motivation, facts: automatic.facts,
                                 reapplyAfter: automatic.reapplyAfter, dueAt: automatic.dueAt, decidedBy: .init(kind: "automatic"), in: tx)
            return
        }
        var recommendation = RefusalChecks.recommendation(for: service, case: opened, facts: facts)
        if service.automation == .automatic {
            recommendation.note = "the data did not allow an automatic decision: \(facts.unanswered.map { "\($0.key): \($0.value)" }.joined(separator: "; "))"
        }
        let executor = try assignExecutor(tx.db, provider: service.provider.code)
        let deadline = service.executorDeadline.map { dueDates.due($0, after: reviewCase.registeredAt, hours: service.providerHours).at } ?? opened.dueAt
        try tx.db.cachedStatement(sql: """
            UPDATE cases SET state = 'awaiting-executor', executorId = ?, executorDueAt = ?, recommendation = ? WHERE applicationId = ?
            """).execute(arguments: [executor?.id, deadline, try ContractCoding.data(recommendation), applicationId])
        try tx.emitStatus(StatusChanged(
            applicationId: applicationId, status: .awaitingExecutor, at: tx.now, actor: "review", service: service.code,
            registrationNumber: opened.registrationNumber, location: executor.map { "\(service.provider.name.en), executor \($0.name)" } ?? service.provider.name.en,
            detail: "executor review due \(KazakhstanTime.format(deadline)); checks suggest \(recommendation.outcome.rawValue)"
        ), lineage: reviewCase.lineage)
    }

    struct Automatic {
        var outcome: Decision.Outcome
        var facts: [String: String]
        var motivation: String?
        var reapplyAfter: LocalDate?
        var dueAt: Date?
    }

    /// Criminal record: clear data gives the certificate at once (with or without a record);
    /// ambiguous records need the additional reference check, answered by an interim reply.
    private func automaticDecision(_ service: ServiceDefinition, _ opened: CaseOpened, _ facts: CaseFacts) -> Automatic? {
        guard service.gatewayData.atReview.contains(.criminalRecords), let extract = facts.criminal, facts.person != nil else { return nil }
        switch extract.status {
        case "none":
            return Automatic(outcome: .approved, facts: ["criminalRecord": "none"])
        case "present":
            let active = extract.convictions.contains { !$0.expunged }
            return Automatic(outcome: .approved, facts: ["criminalRecord": active ? "present" : "expunged"])
        default:
            guard let check = service.additionalCheck, case .workingDays(let reapply) = check.reapplyAfter else { return nil }
            let reapplyAfter = dueDates.calendar.adding(workingDays: reapply, to: opened.acceptedOn)
            let total = dueDates.due(check.totalTerm, from: .init(day: opened.acceptedOn, instant: opened.acceptedAt, withinHours: true), hours: service.providerHours)
            return Automatic(outcome: .interimReply, facts: ["criminalRecord": "additional-check"],
                             motivation: "an additional reference check is needed; apply again after \(reapplyAfter)",
                             reapplyAfter: reapplyAfter, dueAt: total.at)
        }
    }

    /// The active executor of the provider with the fewest open cases.
    private func assignExecutor(_ db: Database, provider: String) throws -> (id: String, name: String)? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT e.executorId, e.name FROM executors e
            LEFT JOIN cases c ON c.executorId = e.executorId AND c.state = 'awaiting-executor'
            WHERE e.provider = ? AND e.active GROUP BY e.executorId ORDER BY COUNT(c.applicationId), e.executorId LIMIT 1
            """), arguments: [provider]).map { ($0["executorId"], $0["name"]) }
    }
}
