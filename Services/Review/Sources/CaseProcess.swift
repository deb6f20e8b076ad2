import Foundation
import GRDB
import Metrics
import QyzmetDomain
import QyzmetRules
import QyzmetRuntime

/// Moves a case through its service's process: asks the rules engine which transition an action
/// takes, then carries out its effects (assign, decide, notice, extend, hearing) and enters the
/// next state, all in the caller's transaction.
struct CaseProcess: Sendable {
    let catalogue: Catalogue
    let dueDates: DueDateCalculator
    let decisions: DecisionRecorder
    let guards: ProcessGuards
    let gateway: GatewayClient

    static let paymentPurpose = "payment-check"
    static let outsidePurpose = "outside-request"

    /// What an actor gave with an action.
    struct Inputs: Codable, Sendable {
        var findings: [String: String] = [:]
        var grounds: [Decision.Ground] = []
        var motivation: String?
        var term: Term?
        var hearingAt: Date?
        var hearingOutcome: String?

        var given: Set<String> {
            var keys: Set<String> = []
            if !findings.isEmpty { keys.insert("findings") }
            if !grounds.isEmpty { keys.insert("grounds") }
            if !(motivation ?? "").isEmpty { keys.insert("motivation") }
            if term != nil { keys.insert("term") }
            if hearingAt != nil { keys.insert("hearing-at") }
            if hearingOutcome != nil { keys.insert("hearing-outcome") }
            return keys
        }
    }

    struct Rejected: Error, CustomStringConvertible {
        var description: String
    }

    func service(of reviewCase: ReviewCase) -> ServiceRules? {
        if let version = reviewCase.rulesVersion { return catalogue.service(reviewCase.opened.service, version: version) }
        return catalogue.service(reviewCase.opened.service, on: reviewCase.opened.acceptedOn)
    }

    func context(_ reviewCase: ReviewCase, _ service: ServiceRules) -> ConditionContext {
        let opened = reviewCase.opened
        return ConditionContext(channel: opened.channel, scenario: opened.scenario, purpose: opened.purpose,
                                branchTier: catalogue.tierOfBranchAppliedTo(channel: opened.channel, branchId: opened.branchId, delivery: opened.delivery), party: opened.party ?? "individual",
                                referenceDate: opened.acceptedOn, applicantIin: opened.applicant.iin, subjectIin: opened.subjectIin,
                                facts: reviewCase.recorded, gatewayMissing: Set(reviewCase.facts.unanswered.keys), form: opened.form,
                                documents: Set(opened.documents.map(\.type)))
    }

    /// Takes an action on a case; returns the state it is in afterwards.
    @discardableResult
    func fire(_ on: String, by role: Role, actor: String, inputs: Inputs = Inputs(), on reviewCase: ReviewCase, in tx: Transaction) throws -> String {
        guard let service = service(of: reviewCase) else { throw Rejected(description: "the rules \(reviewCase.rulesVersion ?? "-") of \(reviewCase.opened.service) are not in the catalogue") }
        let ctx = context(reviewCase, service)
        let check = guards.evaluator(reviewCase, tx.db)
        let action = ProcessEngine.Action(on: on, by: role, given: inputs.given, findings: inputs.findings)
        let step: ProcessEngine.Step
        switch ProcessEngine.fire(service.process, state: reviewCase.state, action: action, context: ctx, guards: check) {
        case .success(let s): step = s
        case .failure(let rejection): throw Rejected(description: rejection.description)
        }
        var current = reviewCase
        if !inputs.findings.isEmpty {
            current.recorded.merge(inputs.findings) { _, new in new }
            try ReviewCase.saveRecorded(tx.db, applicationId: current.opened.applicationId, recorded: current.recorded)
        }
        try tx.db.cachedStatement(sql: """
            INSERT INTO case_actions (applicationId, action, actor, fromState, toState, inputs, at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [current.opened.applicationId, on, actor, step.from, step.to, try ContractCoding.data(inputs), tx.now])
        try tx.audit(action: on, applicationId: current.opened.applicationId, actor: actor, details: try ContractCoding.data(inputs))
        for effect in step.effects {
            current = try perform(effect, inputs: inputs, actor: actor, role: role, service: service, on: current, in: tx)
        }
        if step.entersNewState {
            try enter(step.to, service: service, on: current, detail: step.transition.label ?? on, in: tx)
        }
        return step.to
    }

    private func perform(_ effect: Effect, inputs: Inputs, actor: String, role: Role, service: ServiceRules,
                         on reviewCase: ReviewCase, in tx: Transaction) throws -> ReviewCase {
        var current = reviewCase
        let id = current.opened.applicationId
        switch effect {
        case .assign:
            let executor = try assignExecutor(tx.db, provider: service.provider.code, authority: current.authorityId)
            current.executorId = executor?.id
            current.recommendation = RefusalChecks.recommendation(for: service, case: current.opened, facts: current.facts, context: context(current, service))
            try tx.db.cachedStatement(sql: "UPDATE cases SET executorId = ?, recommendation = ? WHERE applicationId = ?")
                .execute(arguments: [executor?.id, try ContractCoding.data(current.recommendation), id])
        case .decide(let outcome), .notice(let outcome):
            let isNotice: Bool
            if case .notice = effect { isNotice = true } else { isNotice = false }
            current.documentSequence += 1
            try tx.db.cachedStatement(sql: "UPDATE cases SET documentSequence = ? WHERE applicationId = ?").execute(arguments: [current.documentSequence, id])
            // A complaint's answer states the reasons the official gave, as a recorded fact.
            if service.complaint != nil, let motivation = inputs.motivation, !motivation.isEmpty {
                current.recorded["complaintMotivation"] = motivation
                try ReviewCase.saveRecorded(tx.db, applicationId: id, recorded: current.recorded)
            }
            // "Apply again after 20 working days" is the form's rule, counted from acceptance.
            let form = service.result(for: outcome, in: context(current, service)).flatMap { service.form($0.form) }
            let acceptance = current.acceptance
            let reapplyAfter = form?.reapplyAfter.map { dueDates.due($0, from: acceptance, hours: service.providerHours).date }
            try decisions.record(current, outcome: Decision.Outcome(rawValue: outcome), grounds: inputs.grounds, motivation: inputs.motivation, facts: current.recorded,
                                 reapplyAfter: reapplyAfter, decidedBy: .init(kind: role == .executor ? "executor" : "automatic", executorId: role == .executor ? actor : nil),
                                 notice: isNotice, in: tx)
            // The document a linked case needs now exists (the certificate to apostille).
            if !isNotice { try mainEnded(id, outcome: outcome, in: tx) }
        case .assignTo(let body):
            let executor = try assignExecutor(tx.db, provider: body, authority: nil)
            current.executorId = executor?.id
            try tx.db.cachedStatement(sql: "UPDATE cases SET executorId = ?, authorityId = NULL WHERE applicationId = ?").execute(arguments: [executor?.id, id])
        case .reconsiderAppealed:
            try Reconsideration(process: self).reopen(appealedBy: current, actor: actor, motivation: inputs.motivation, in: tx)
        case .extendTerm:
            guard let rule = service.termExtension, let term = inputs.term else { throw Rejected(description: "an extension gives its term") }
            let max = rule.maxTerms.first { $0.when?.holds(in: context(current, service)) ?? true }?.term
            guard let max, term.unit == max.unit, term.amount <= max.amount else {
                throw Rejected(description: "the term may be extended up to \(max?.description ?? "nothing") (\(rule.source))")
            }
            let acceptance = current.acceptance
            let due = dueDates.due(term, from: acceptance, hours: service.providerHours)
            guard due.at > current.dueAt else { throw Rejected(description: "the new term \(term) ends before the current due date") }
            current.dueAt = due.at
            // A state whose deadline is the service term moves with it.
            let deadline = service.process.state(current.state)?.deadline
            let followsTerm = deadline?.from == .serviceTerm
            let stateDue = deadline?.term.map { dueDates.due($0, after: due.at, hours: service.providerHours).at } ?? due.at
            try tx.db.cachedStatement(sql: """
                UPDATE cases SET dueAt = ?, stateDueAt = CASE WHEN ? THEN ? ELSE stateDueAt END,
                  executorDueAt = CASE WHEN ? AND executorDueAt IS NOT NULL THEN ? ELSE executorDueAt END, alerted = 'none'
                WHERE applicationId = ?
                """).execute(arguments: [due.at, followsTerm, stateDue, followsTerm, stateDue, id])
            try tx.emitStatus(StatusChanged(applicationId: id, status: .termExtended, at: tx.now, actor: "review", service: service.code,
                                            registrationNumber: current.opened.registrationNumber, dueAt: due.at, dueDate: due.date,
                                            location: service.provider.name.en, detail: "term extended to \(term) (\(rule.source))"), lineage: current.lineage)
        case .scheduleHearing:
            guard let rule = service.hearing, let at = inputs.hearingAt else { throw Rejected(description: "a hearing gives its time (hearingAt)") }
            let latestNotice = dueDates.before(.init(at: current.dueAt, date: KazakhstanTime.localDate(of: current.dueAt)), by: rule.noticeBeforeTermEnd, hours: service.providerHours)
            guard tx.now <= latestNotice.at else {
                throw Rejected(description: "the hearing notice must go at least \(rule.noticeBeforeTermEnd) before the term ends (by \(KazakhstanTime.format(latestNotice.at))) (\(rule.source))")
            }
            let latestHearing = dueDates.due(rule.hearingWithin, after: tx.now, hours: service.providerHours)
            guard at > tx.now, at <= latestHearing.at else {
                throw Rejected(description: "the hearing takes place within \(rule.hearingWithin) of the notice, by \(KazakhstanTime.format(latestHearing.at)) (\(rule.source))")
            }
            current.hearingAt = at
            try tx.db.cachedStatement(sql: "UPDATE cases SET hearingAt = ? WHERE applicationId = ?").execute(arguments: [at, id])
        case .recordHearing:
            guard let outcome = inputs.hearingOutcome else { throw Rejected(description: "record the hearing's outcome (hearingOutcome)") }
            // A hearing is recorded once it has been held, not before its time.
            if let at = current.hearingAt, tx.now < at {
                throw Rejected(description: "the hearing is at \(KazakhstanTime.format(at)); record its outcome once it has been held")
            }
            current.hearingOutcome = outcome
            try tx.db.cachedStatement(sql: "UPDATE cases SET hearingOutcome = ? WHERE applicationId = ?").execute(arguments: [outcome, id])
        case .checkPayment:
            current = try askForPayment(service: service, on: current, in: tx)
        case .enqueue(let queue, let keyTemplate):
            guard let key = Placeholders.fill(keyTemplate, current.recorded) else {
                throw Rejected(description: "the queue key needs facts not recorded: \(keyTemplate)")
            }
            let person = current.opened.subject ?? current.facts.person ?? current.opened.applicant
            let number = try ServiceQueues.enqueue(tx.db, queue: queue, key: key, person: person, applicationId: id, at: tx.now)
            current.recorded["queueNumber"] = String(number)
            try ReviewCase.saveRecorded(tx.db, applicationId: id, recorded: current.recorded)
        case .dequeue(let queue, let reason):
            try ServiceQueues.dequeue(tx.db, queue: queue, iin: current.subjectIin, reason: reason, by: id, at: tx.now)
        case .register(let name, let set):
            // The values come from what was recorded for the case; a placeholder without a fact
            // stops the decision rather than writing a guess into a state register.
            var changes: [String: String] = [:]
            for (field, template) in set {
                guard let value = Placeholders.fill(template, current.recorded) else {
                    throw Rejected(description: "the register change \(name).\(field) needs facts not recorded: \(template)")
                }
                changes[field] = value
            }
            let change = RegisterChange(applicationId: id, register: name, subjectIin: current.subjectIin, changes: changes, changedAt: tx.now,
                                        rulesVersion: current.rulesVersion)
            try tx.emit(EventType.registerChanged, change, to: Topics.registers, lineage: current.lineage)
        case .sendRequest(let to, let asks):
            guard let body = Placeholders.fill(to, current.recorded) else {
                throw Rejected(description: "the request names its body by facts not recorded: \(to)")
            }
            // What is asked may name recorded facts too (the archival subject's name and birth date).
            guard let asks = Placeholders.fill(asks, current.recorded) else {
                throw Rejected(description: "the request asks about facts not recorded: \(asks)")
            }
            try gateway.request(.outsideRequest, subjectIin: current.subjectIin, requesterIin: current.opened.applicant.iin, purpose: Self.outsidePurpose,
                                body: body, asks: asks, lineage: current.lineage, in: tx)
            // The monitoring topic names the body only: what it is asked about can be a person's
            // name and birth date (the archival subject), which stays in the sealed request.
            try tx.emitStatus(StatusChanged(applicationId: id, status: ApplicationStatus(rawValue: service.process.state(current.state)?.status ?? "") ?? .awaitingExecutor,
                                            at: tx.now, actor: "review", service: service.code, registrationNumber: current.opened.registrationNumber,
                                            location: service.provider.name.en, detail: "asked \(body)"), lineage: current.lineage)
        case .gatherData:
            break
        }
        return current
    }

    /// A body outside the databases answered: its facts are recorded and the process moves on.
    func outsideAnswered(_ response: GatewayResponse, in tx: Transaction) throws {
        guard var reviewCase = try ReviewCase.load(tx.db, applicationId: response.applicationId), !reviewCase.final else { return }
        reviewCase.recorded.merge(response.records ?? [:]) { _, new in new }
        try ReviewCase.saveRecorded(tx.db, applicationId: response.applicationId, recorded: reviewCase.recorded)
        let current = reviewCase
        try tx.db.inSavepoint {
            do {
                try fire("request-answered", by: .system, actor: "outside-body", on: current, in: tx)
                return .commit
            } catch is Rejected {
                return .rollback
            }
        }
        // The answer may make a refusal ground hold: the executor's suggestion follows it.
        if let answered = try ReviewCase.load(tx.db, applicationId: response.applicationId), let service = service(of: answered) {
            let recommendation = RefusalChecks.recommendation(for: service, case: answered.opened, facts: answered.facts, context: context(answered, service))
            try tx.db.cachedStatement(sql: "UPDATE cases SET recommendation = ? WHERE applicationId = ?")
                .execute(arguments: [try ContractCoding.data(recommendation), response.applicationId])
        }
    }

    /// Asks the payment gateway whether the duty of the case was paid: the amount from the fee
    /// rule and the MCI of the day of acceptance, the deadline from the fee's payment window. The
    /// first time, the amount, the deadline, the link and the payee become facts of the case, for
    /// the notice that asks for payment.
    @discardableResult
    func askForPayment(service: ServiceRules, on reviewCase: ReviewCase, in tx: Transaction) throws -> ReviewCase {
        let context = context(reviewCase, service)
        guard let fee = service.fees?.first(where: { $0.when?.holds(in: context) ?? true }),
              let amount = catalogue.tenge(for: fee, on: reviewCase.opened.acceptedOn) else {
            throw Rejected(description: "no fee of \(service.code) applies, or the MCI of \(reviewCase.opened.acceptedOn) is unknown")
        }
        let dueBy = try Date.fetchOne(tx.db.cachedStatement(sql: "SELECT paymentDueAt FROM cases WHERE applicationId = ?"),
                                      arguments: [reviewCase.opened.applicationId])
            ?? fee.payWithin.map { dueDates.due($0, after: tx.now, hours: service.providerHours).at }
        try tx.db.cachedStatement(sql: "UPDATE cases SET paymentDueAt = ?, lastPaymentCheck = ? WHERE applicationId = ?")
            .execute(arguments: [dueBy, tx.now, reviewCase.opened.applicationId])
        try gateway.request(.payment, subjectIin: reviewCase.opened.applicant.iin,
                            requesterIin: reviewCase.opened.applicant.iin, purpose: Self.paymentPurpose, amountDue: amount, dueBy: dueBy,
                            lineage: reviewCase.lineage, in: tx)
        var current = reviewCase
        if current.recorded["amountDue"] == nil {
            current.recorded["amountDue"] = String(amount)
            if let dueBy { current.recorded["payBy"] = KazakhstanTime.format(dueBy) }
            current.recorded["paymentLink"] = "https://egov.kz/payments/\(reviewCase.opened.applicationId)"
            if let payee = fee.payee { current.recorded["payee"] = payee }
            try ReviewCase.saveRecorded(tx.db, applicationId: current.opened.applicationId, recorded: current.recorded)
        }
        return current
    }

    /// The payment gateway's answer: recorded as the case's `payment` fact, then the process decides.
    func paymentAnswered(_ response: GatewayResponse, in tx: Transaction) throws {
        guard var reviewCase = try ReviewCase.load(tx.db, applicationId: response.applicationId), !reviewCase.final,
              let payment = response.payment else { return }
        reviewCase.recorded["payment"] = payment.status
        reviewCase.recorded["paidTenge"] = String(payment.paidTenge)
        reviewCase.recorded["dueTenge"] = String(payment.dueTenge)
        try ReviewCase.saveRecorded(tx.db, applicationId: response.applicationId, recorded: reviewCase.recorded)
        let current = reviewCase
        try tx.db.inSavepoint {
            do {
                try fire("payment-checked", by: .system, actor: "payment-gateway", on: current, in: tx)
                return .commit
            } catch is Rejected {
                return .rollback
            }
        }
    }

    /// Enters a state: its status, its deadline, its timers, a new service term where it sets one.
    func enter(_ stateId: String, service: ServiceRules, on reviewCase: ReviewCase, detail: String, in tx: Transaction) throws {
        guard let state = service.process.state(stateId) else { return }
        let opened = reviewCase.opened
        let acceptance = reviewCase.acceptance
        var dueAt = reviewCase.dueAt
        if let term = state.serviceTerm {
            dueAt = dueDates.due(term, from: acceptance, hours: service.providerHours).at
        }
        var stateDue: Date? = state.deadline.map { rule in
            switch rule.from {
            // "Within 1 working day of the term's expiry": the term plus the rule's own.
            case .serviceTerm: return rule.term.map { dueDates.due($0, after: dueAt, hours: service.providerHours).at } ?? dueAt
            case .acceptance: return rule.term.map { dueDates.due($0, from: acceptance, hours: service.providerHours).at } ?? dueAt
            case .entered: return rule.term.map { dueDates.due($0, after: tx.now, hours: service.providerHours).at } ?? dueAt
            }
        }
        // A paper result reaches the branch a day before the term ends (the apostille, L60; the
        // archival certificate, L108): the executor decides by then, whatever the state allows.
        if state.holder == .executor, let before = service.results.compactMap(\.atBranchBefore).first {
            let paperBy = dueDates.before(.init(at: dueAt, date: KazakhstanTime.localDate(of: dueAt)), by: before, hours: service.providerHours).at
            stateDue = min(stateDue ?? paperBy, paperBy)
        }
        let timer = ProcessEngine.timers(service.process, state: stateId).compactMap { $0.after }
            .map { dueDates.due($0, after: tx.now, hours: service.providerHours).at }.min()
        try tx.db.cachedStatement(sql: """
            UPDATE cases SET state = ?, enteredAt = ?, stateDueAt = ?, executorDueAt = ?, timerDueAt = ?, dueAt = ?, final = ?, alerted = 'none',
              decidedAt = CASE WHEN ? THEN ? ELSE decidedAt END
            WHERE applicationId = ?
            """).execute(arguments: [stateId, tx.now, stateDue, state.holder == .executor ? stateDue : nil, timer, dueAt, state.final == true,
                             state.final == true, tx.now, opened.applicationId])
        // Nothing waits any longer for a case that ended: its linked cases close unstarted.
        if state.final == true {
            try mainEnded(opened.applicationId, outcome: nil, in: tx)
        }
        if state.final == true, !reviewCase.recorded.isEmpty {
            try tx.db.cachedStatement(sql: "INSERT OR REPLACE INTO subject_findings (subjectIin, service, facts, applicationId, at) VALUES (?, ?, ?, ?, ?)")
                .execute(arguments: [reviewCase.subjectIin, service.code, try ContractCoding.data(reviewCase.recorded), opened.applicationId, tx.now])
        }
        let status = ApplicationStatus(rawValue: state.status) ?? .awaitingExecutor
        let executor = reviewCase.executorId.map { " (executor \($0))" } ?? ""
        var parts = [detail]
        if let stateDue, let name = state.deadline?.name { parts.append("\(name) due \(KazakhstanTime.format(stateDue))") }
        if let recommendation = reviewCase.recommendation, state.holder == .executor {
            parts.append("checks suggest \(recommendation.outcome.rawValue)" + (recommendation.grounds.isEmpty ? "" : ": \(recommendation.grounds.map(\.code).joined(separator: ", "))"))
        }
        try tx.emitStatus(StatusChanged(applicationId: opened.applicationId, status: status, at: tx.now, actor: "review", service: opened.service,
                                        registrationNumber: opened.registrationNumber, dueAt: dueAt, dueDate: KazakhstanTime.localDate(of: dueAt),
                                        location: service.provider.name.en + (state.holder == .executor ? executor : ""),
                                        detail: parts.joined(separator: "; ")), lineage: reviewCase.lineage)
        Counter(label: "qyzmet_case_transitions_total", dimensions: [("service", service.code), ("state", stateId)]).increment()
    }

    /// The active executor of the provider with the fewest open cases, preferring officers of the
    /// authority the case is routed to.
    func assignExecutor(_ db: Database, provider: String, authority: String?) throws -> (id: String, name: String)? {
        try Row.fetchOne(db.cachedStatement(sql: Self.leastBusyExecutorSQL), arguments: [provider, authority]).map { ($0["executorId"], $0["name"]) }
    }

    /// Counts open cases through `cases_open_by_executor` (GrowingTableQueryTests).
    static let leastBusyExecutorSQL = """
        SELECT e.executorId, e.name FROM executors e
        LEFT JOIN cases c ON c.executorId = e.executorId AND c.final = 0
        WHERE e.provider = ? AND e.active AND (e.authorityId IS NULL OR e.authorityId = ?)
        GROUP BY e.executorId ORDER BY (e.authorityId IS NULL), COUNT(c.executorId), e.executorId LIMIT 1
        """
}
