import Foundation
import GRDB
import QyzmetDomain
import QyzmetRules
import QyzmetRuntime

/// Cases one application opened for several services (the apostille on the criminal-record or
/// archival certificate, L286, L437, L565): the linked case waits until the main case is decided
/// with the outcome whose document it needs, then starts as if accepted that moment, with its own
/// term; a main case that ends otherwise closes it unstarted, saying why.
struct LinkedCaseStarter: Sendable {
    let catalogue: Catalogue
    let dueDates: DueDateCalculator

    /// The main case decided (or ended): start or close what waits for it. Called in the
    /// transaction that records the decision, and when a linked case arrives after it.
    func mainDecided(_ mainId: String, outcome: String?, start: (ReviewCase, ServiceRules) throws -> Void, in tx: Transaction) throws {
        let waiting = try String.fetchAll(tx.db.cachedStatement(sql: "SELECT applicationId FROM cases WHERE waitingFor = ?"), arguments: [mainId])
        for id in waiting {
            guard let linked = try ReviewCase.load(tx.db, applicationId: id), let rules = linked.rulesVersion,
                  let service = catalogue.service(linked.opened.service, version: rules), let link = linked.opened.linkedTo else { continue }
            if outcome == link.startsOn {
                let started = try restart(linked, service: service, in: tx)
                try start(started, service)
            } else {
                try close(linked, service: service, reason: outcome.map { "the main application \(mainId) ended \($0), so there is no document for \(service.code)" }
                            ?? "the main application \(mainId) ended without a document", in: tx)
            }
        }
    }

    /// What the main case came to, when it has already ended: its decision's outcome.
    static func mainOutcome(_ mainId: String, in db: Database) throws -> (ended: Bool, outcome: String?)? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT final, decision FROM cases WHERE applicationId = ?"), arguments: [mainId]) else { return nil }
        let decision = try (row["decision"] as Data?).map { try ContractCoding.decode(Decision.self, data: $0) }
        let outcome = decision.flatMap { $0.notice == true ? nil : $0.outcome.rawValue }
        return (row["final"] as Bool, outcome)
    }

    /// The linked case is accepted now: acceptance, term and due date from this moment.
    private func restart(_ linked: ReviewCase, service: ServiceRules, in tx: Transaction) throws -> ReviewCase {
        var opened = linked.opened
        let region = opened.channel == .stateCorporation ? opened.branchId.flatMap { catalogue.branch($0)?.region } : nil
        let calculator = dueDates.inRegion(region)
        let acceptance = calculator.acceptance(filedAt: tx.now, hours: service.providerHours)
        let context = ConditionContext(channel: opened.channel, scenario: opened.scenario, purpose: opened.purpose,
                                       branchTier: catalogue.tierOfBranchAppliedTo(channel: opened.channel, branchId: opened.branchId, delivery: opened.delivery),
                                       party: opened.party ?? "individual", referenceDate: acceptance.day, applicantIin: opened.applicant.iin,
                                       subjectIin: opened.subjectIin, form: opened.form, documents: Set(opened.documents.map(\.type)))
        let due = calculator.due(service.term(in: context).term, from: acceptance, hours: service.providerHours)
        opened.acceptedAt = acceptance.instant
        opened.acceptedOn = acceptance.day
        opened.countFrom = acceptance.countFrom
        opened.dueAt = due.at
        opened.dueDate = due.date
        try tx.db.cachedStatement(sql: "UPDATE cases SET caseData = ?, dueAt = ?, waitingFor = NULL WHERE applicationId = ?")
            .execute(arguments: [try ContractCoding.data(opened), due.at, opened.applicationId])
        var started = linked
        started.opened = opened
        started.dueAt = due.at
        return started
    }

    private func close(_ linked: ReviewCase, service: ServiceRules, reason: String, in tx: Transaction) throws {
        try tx.db.cachedStatement(sql: "UPDATE cases SET final = 1, waitingFor = NULL, decidedAt = ? WHERE applicationId = ?")
            .execute(arguments: [tx.now, linked.opened.applicationId])
        try tx.emitStatus(StatusChanged(applicationId: linked.opened.applicationId, status: .closed, at: tx.now, actor: "review", service: service.code,
                                        registrationNumber: linked.opened.registrationNumber, location: service.provider.name.en, detail: reason),
                          lineage: linked.lineage)
    }
}
