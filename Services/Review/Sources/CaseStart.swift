import Foundation
import GRDB
import QyzmetDomain
import QyzmetRules
import QyzmetRuntime

extension CaseProcess {
    /// The process takes the case from its initial state: the state's status and deadline, then
    /// the questions to the registers.
    func start(_ registered: ReviewCase, service: ServiceRules, in tx: Transaction) throws {
        let opened = registered.opened
        let lineage = registered.lineage
        let subject = opened.subjectIin ?? opened.applicant.iin
        let queries = service.gateway.review.compactMap { rule -> (GatewayQuery, String)? in
            GatewayQuery(rawValue: rule.query).map { ($0, rule.about == .subject ? subject : opened.applicant.iin) }
        }
        try tx.db.cachedStatement(sql: "UPDATE cases SET pendingQueries = ? WHERE applicationId = ?").execute(arguments: [queries.count, opened.applicationId])
        try enter(service.process.initial, service: service, on: registered,
                          detail: queries.isEmpty ? "registered" : "requested \(queries.map(\.0.rawValue).joined(separator: ", ")) from the e-government gateway", in: tx)
        for (query, iin) in queries {
            // Consent evidence: the portal's consent reference, or at the front office the subject's
            // notarised power of attorney in the package.
            let evidence = opened.consent?.reference ?? opened.documents.first { $0.type == "power-of-attorney" }.flatMap { $0.number.map { "power-of-attorney \($0)" } }
            try gateway.request(query, subjectIin: iin, requesterIin: opened.applicant.iin,
                                consentReference: iin == opened.applicant.iin ? nil : evidence,
                                purpose: CaseRegistration.purpose, asks: Self.asks(query, opened), lineage: lineage, in: tx)
        }
        if queries.isEmpty, let fresh = try ReviewCase.load(tx.db, applicationId: opened.applicationId) {
            try gathered(fresh, in: tx)
        }
    }

    /// What a register is asked about beyond a person: the official document to apostille (by
    /// its number; under the one-application principle, the certificate of the main case), the
    /// archival subject (by name and birth date: born before IINs existed).
    static func asks(_ query: GatewayQuery, _ opened: CaseOpened) -> String? {
        switch query {
        case .officialDocuments:
            return opened.documents.first { $0.type == "prosecution-official-document" }?.number ?? opened.linkedTo.map { "certificate of \($0.applicationId)" }
        case .archiveSystem:
            return ["subjectLastName", "subjectFirstName", "subjectBirthDate"].map { opened.form[$0]?.stringValue ?? "" }.joined(separator: "|")
        default: return nil
        }
    }

    /// All data is in: the process takes it from here, but never before the application's
    /// acceptance (a result must not predate the day the receipt says it was accepted).
    func gathered(_ reviewCase: ReviewCase, in tx: Transaction) throws {
        if tx.now < reviewCase.opened.acceptedAt {
            try tx.db.cachedStatement(sql: "UPDATE cases SET deferredEvent = 'data-gathered', timerDueAt = ? WHERE applicationId = ?")
                .execute(arguments: [reviewCase.opened.acceptedAt, reviewCase.opened.applicationId])
            return
        }
        try fire("data-gathered", by: .system, actor: "review", on: reviewCase, in: tx)
    }

    var linked: LinkedCaseStarter { LinkedCaseStarter(catalogue: catalogue, dueDates: dueDates) }

    /// A main case was decided or ended: what waits for its document starts or closes.
    func mainEnded(_ mainId: String, outcome: String?, in tx: Transaction) throws {
        try linked.mainDecided(mainId, outcome: outcome, start: { try start($0, service: $1, in: tx) }, in: tx)
    }
}
