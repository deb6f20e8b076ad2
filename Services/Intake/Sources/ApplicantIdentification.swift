import Foundation
import GRDB
import QyzmetDomain
import QyzmetRuntime

/// The gateway's answer about the applicant: unknown to ГБД ФЛ, not matching it, an expired
/// identity card, or identified; then the acceptance receipt and the hand-over to the authority.
struct ApplicantIdentification: Sendable {
    static let purpose = "identify-applicant"

    let catalogue: ServiceCatalogue
    let dueDates: DueDateCalculator
    let issuer: ReceiptIssuer

    func identified(_ response: GatewayResponse, lineage: EventLineage, in tx: Transaction) throws {
        guard let row = try Row.fetchOne(tx.db.cachedStatement(sql: "SELECT * FROM applications WHERE applicationId = ?"), arguments: [response.applicationId]),
              row["state"] as String == "identifying" else { return }
        let application = try ContractCoding.decode(ApplicationSubmission.self, data: row["submission"] as Data)
        let filedAt: Date = row["filedAt"]
        guard let service = catalogue.service(application.service) else { return }
        let form = service.regulation.refusalToAcceptForm
        guard response.outcome == .found, let person = response.person else {
            try issuer.refuse(application, RefusalToAccept(code: "unknown-person", reason: "no person with this IIN in the state database of individuals", form: form), lineage: lineage, in: tx)
            return
        }
        guard Self.sameName(person.lastName, application.applicant.lastName), Self.sameName(person.firstName, application.applicant.firstName) else {
            try issuer.refuse(application, RefusalToAccept(code: "identity-mismatch", reason: "the applicant's name does not match the state database of individuals", form: form), lineage: lineage, in: tx)
            return
        }
        let acceptance = dueDates.acceptance(filedAt: filedAt, hours: service.providerHours)
        let presentsIdCard = application.documents.contains { $0.type == "id-card" }
        if presentsIdCard && person.idDocument.validUntil < acceptance.day {
            try issuer.refuse(application, RefusalToAccept(code: "expired-documents", reason: "the identity card expired on \(person.idDocument.validUntil)",
                                                           expiredDocuments: ["id-card"], form: form), lineage: lineage, in: tx)
            return
        }
        // The term depends on the branch applied to: the front office of filing, or for the portal
        // the branch chosen to receive the paper result.
        let appliedTo = application.channel == .stateCorporation ? application.branchId : (application.delivery.branchId ?? application.branchId)
        let branchTier = appliedTo.flatMap { catalogue.branch($0)?.tier }
        let term = service.term(channel: application.channel, purpose: application.purpose, branchTier: branchTier)
        let due = dueDates.due(term.term, from: acceptance, hours: service.providerHours)
        let number = try RegistrationNumbers.next(tx.db, shortCode: service.shortCode, day: acceptance.day)
        let receipt = Receipt(applicationId: application.applicationId, service: service.code, channel: application.channel, outcome: .accepted,
                              issuedAt: tx.now, registrationNumber: number, acceptedOn: acceptance.day, dueAt: due.at, dueDate: due.date)
        let opened = CaseOpened(
            applicationId: application.applicationId, registrationNumber: number, service: service.code, scenario: application.scenario,
            channel: application.channel, purpose: application.purpose, acceptedAt: acceptance.instant, acceptedOn: acceptance.day,
            dueAt: due.at, dueDate: due.date, applicant: person, subjectIin: application.subject?.iin, consent: application.consent,
            branchId: application.branchId, delivery: application.delivery, form: application.form, documents: application.documents
        )
        try issuer.accept(receipt, caseOpened: opened, location: "handed to \(service.provider.name.en)", lineage: lineage, in: tx)
    }

    static func sameName(_ a: String, _ b: String) -> Bool {
        a.trimmingCharacters(in: .whitespaces).lowercased() == b.trimmingCharacters(in: .whitespaces).lowercased()
    }
}
