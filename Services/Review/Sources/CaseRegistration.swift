import Foundation
import GRDB
import QyzmetDomain
import QyzmetRuntime

/// Para 91 and its kin: on the day the documents arrive the provider accepts, registers and
/// passes them to the responsible executor; then it asks the state databases what it needs.
struct CaseRegistration: Sendable {
    static let purpose = "review-data"

    let catalogue: ServiceCatalogue
    let gateway: GatewayClient
    let evaluation: CaseEvaluation

    func register(_ event: ConsumedEvent, in tx: Transaction) throws {
        guard event.envelope.type == EventType.caseOpened else {
            throw PoisonMessage("event.unexpected-type", "\(event.envelope.type) on \(event.topic)")
        }
        let opened = try event.envelope.decodeData(CaseOpened.self)
        guard let service = catalogue.service(opened.service) else {
            throw PoisonMessage("case.unknown-service", opened.service)
        }
        if try Bool.fetchOne(tx.db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM cases WHERE applicationId = ?)"), arguments: [opened.applicationId]) == true {
            return
        }
        let subject = opened.subjectIin ?? opened.applicant.iin
        var queries = service.gatewayData.atReview.map { ($0, subject) }
        if subject != opened.applicant.iin { queries.append((.person, subject)) }
        try tx.db.cachedStatement(sql: """
            INSERT INTO cases (applicationId, registrationNumber, service, state, caseData, lineage, registeredAt, dueAt, facts, pendingQueries)
            VALUES (?, ?, ?, 'gathering', ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [opened.applicationId, opened.registrationNumber, opened.service, try ContractCoding.data(opened),
                             try ContractCoding.data(event.lineage), tx.now, opened.dueAt,
                             try ContractCoding.data(CaseFacts(person: subject == opened.applicant.iin ? opened.applicant : nil)), queries.count])
        try tx.emitStatus(StatusChanged(applicationId: opened.applicationId, status: .registered, at: tx.now, actor: "review", service: opened.service,
                                        registrationNumber: opened.registrationNumber, dueAt: opened.dueAt, dueDate: opened.dueDate,
                                        location: service.provider.name.en, detail: "registered on the day of arrival"), lineage: event.lineage)
        for (query, iin) in queries {
            try gateway.request(query, subjectIin: iin, requesterIin: opened.applicant.iin,
                                consentReference: iin == opened.applicant.iin ? nil : opened.consent?.reference,
                                purpose: Self.purpose, lineage: event.lineage, in: tx)
        }
        if queries.isEmpty {
            try evaluation.evaluate(applicationId: opened.applicationId, in: tx)
        } else {
            try tx.emitStatus(StatusChanged(applicationId: opened.applicationId, status: .gatheringData, at: tx.now, actor: "review",
                                            service: opened.service, location: service.provider.name.en,
                                            detail: "requested \(queries.map(\.0.rawValue).joined(separator: ", ")) from the e-government gateway"),
                              lineage: event.lineage)
        }
    }

    /// A gateway answer for a case: record it, and decide once everything has come.
    func answered(_ response: GatewayResponse, in tx: Transaction) throws {
        guard var reviewCase = try ReviewCase.load(tx.db, applicationId: response.applicationId), reviewCase.state == "gathering" else { return }
        switch (response.outcome, response.query) {
        case (.found, .person): reviewCase.facts.person = response.person
        case (.found, .militaryRegistration): reviewCase.facts.military = response.military
        case (.found, .criminalRecords): reviewCase.facts.criminal = response.criminal
        default: reviewCase.facts.unanswered[response.query.rawValue] = response.error ?? response.outcome.rawValue
        }
        let pending = max(0, reviewCase.pendingQueries - 1)
        try ReviewCase.saveFacts(tx.db, applicationId: response.applicationId, facts: reviewCase.facts, pendingQueries: pending)
        if pending == 0 { try evaluation.evaluate(applicationId: response.applicationId, in: tx) }
    }
}
