import Foundation
import GRDB
import QyzmetDomain
import QyzmetRules
import QyzmetRuntime

/// The gateway's answers about the applicant and, for a request about someone else, about that
/// person: unknown to ГБД ФЛ, not matching it, an expired identity card, a branch outside the
/// applicant's residence, or identified; then the acceptance receipt and the hand-over.
struct ApplicantIdentification: Sendable {
    static let purpose = "identify-applicant"
    static let subjectPurpose = "identify-subject"
    static let dutyPurpose = "duty-before-acceptance"

    /// What the gateway said so far, kept on the application until every answer is in.
    struct Answers: Codable {
        var applicant: PersonRecord?
        var applicantOutcome: String?
        var subject: PersonRecord?
        var subjectOutcome: String?
        /// The payment gateway on a duty paid before acceptance.
        var duty: PaymentRecord?
        var dutyOutcome: String?
    }

    let catalogue: Catalogue
    let dueDates: DueDateCalculator
    let issuer: ReceiptIssuer

    func identified(_ response: GatewayResponse, purpose: String, lineage: EventLineage, in tx: Transaction) throws {
        guard let row = try Row.fetchOne(tx.db.cachedStatement(sql: "SELECT * FROM applications WHERE applicationId = ?"), arguments: [response.applicationId]),
              row["state"] as String == "identifying" else { return }
        var answers = try (row["identified"] as Data?).map { try ContractCoding.decode(Answers.self, data: $0) } ?? Answers()
        let person = response.outcome == .found ? response.person : nil
        if purpose == Self.dutyPurpose {
            answers.duty = response.payment
            answers.dutyOutcome = response.outcome.rawValue
        } else if purpose == Self.subjectPurpose {
            answers.subject = person
            answers.subjectOutcome = response.outcome.rawValue
        } else {
            answers.applicant = person
            answers.applicantOutcome = response.outcome.rawValue
        }
        let pending = max(0, (row["pendingQueries"] as Int) - 1)
        try tx.db.cachedStatement(sql: "UPDATE applications SET identified = ?, pendingQueries = ? WHERE applicationId = ?")
            .execute(arguments: [try ContractCoding.data(answers), pending, response.applicationId])
        guard pending == 0 else { return }
        let application = try ContractCoding.decode(ApplicationSubmission.self, data: row["submission"] as Data)
        guard let version: String = row["rulesVersion"], let service = catalogue.service(application.service, version: version) else { return }
        let appealed = try (row["appealed"] as Data?).map { try ContractCoding.decode(CaseOpened.AppealedApplication.self, data: $0) }
        try conclude(application, service: service, answers: answers, filedAt: row["filedAt"], appealed: appealed, lineage: lineage, in: tx)
    }

    private func conclude(_ application: ApplicationSubmission, service: ServiceRules, answers: Answers, filedAt: Date,
                          appealed: CaseOpened.AppealedApplication?, lineage: EventLineage, in tx: Transaction) throws {
        let form = service.regulation.refusalToAcceptForm
        func refuse(_ code: String, _ reason: String, expired: [String] = []) throws {
            try issuer.refuse(application, RefusalToAccept(code: code, reason: reason, expiredDocuments: expired, form: form), lineage: lineage, in: tx)
        }
        // The gateway gave up: the applicant is told to file again, not that they do not exist.
        let unanswered = [("the state database of individuals", answers.applicantOutcome), ("the state database of individuals (the subject)", answers.subjectOutcome),
                          ("the payment gateway", answers.dutyOutcome)].filter { $0.1 == GatewayResponse.Outcome.error.rawValue }.map(\.0)
        if !unanswered.isEmpty {
            return try refuse("gateway-unavailable", "\(unanswered.joined(separator: " and ")) did not answer in time; nothing was decided: file the application again")
        }
        guard let person = answers.applicant else {
            return try refuse("unknown-person", "no person with this IIN in the state database of individuals")
        }
        guard Self.sameName(person.lastName, application.applicant.lastName), Self.sameName(person.firstName, application.applicant.firstName) else {
            return try refuse("identity-mismatch", "the applicant's name does not match the state database of individuals")
        }
        var subject: PersonRecord?
        if let named = application.subject, named.iin != application.applicant.iin {
            guard let found = answers.subject else {
                return try refuse("unknown-subject", "no person with the subject's IIN in the state database of individuals")
            }
            guard Self.sameName(found.lastName, named.lastName), Self.sameName(found.firstName, named.firstName) else {
                return try refuse("identity-mismatch", "the subject's name does not match the state database of individuals")
            }
            subject = found
        }
        // The front office keeps its region's wall clock; the portal the provider's (UTC+5 today).
        let dueDates = self.dueDates.inRegion(catalogue.regionOfFiling(channel: application.channel, officeId: application.branchId))
        let schedule = FilingSchedule(service: service, application: application, filedAt: filedAt, applicantIin: person.iin, subjectIin: subject?.iin,
                                      catalogue: catalogue, dueDates: dueDates)
        let acceptance = schedule.acceptance
        // The duty is paid before the package is accepted (Tax Code art. 615; the apostille L399-403):
        // the payment gateway's answer, not the receipt in the package, says it was.
        if let due = AcceptanceDuty.due(for: application, service: service, catalogue: catalogue, on: KazakhstanTime.localDate(of: filedAt)) {
            guard let paid = answers.duty, paid.status == "paid" || paid.status == "late" else {
                let status = answers.duty.map { "\($0.status): \($0.paidTenge) of \($0.dueTenge) tenge paid" } ?? "the payment gateway did not answer (\(answers.dutyOutcome ?? "no answer"))"
                return try refuse("duty-unpaid", "the state duty of \(due.tenge) tenge (\(due.fees.joined(separator: ", "))) is not paid: \(status)")
            }
        }
        if application.documents.contains(where: { $0.type == "id-card" }) && person.idDocument.validUntil < acceptance.day {
            return try refuse("expired-documents", "the identity card expired on \(person.idDocument.validUntil)", expired: ["id-card"])
        }
        if service.routing.frontOfficeAtResidence == true, application.channel == .stateCorporation,
           let branch = application.branchId.flatMap({ catalogue.branch($0) }), branch.region != person.address.region {
            return try refuse("not-residence-branch", "this service is accepted at a branch of the applicant's region of registration (\(person.address.region)), not at \(branch.id) in \(branch.region) (\(service.routing.source))")
        }
        let context = schedule.context
        let due = schedule.due
        let number = try RegistrationNumbers.next(tx.db, shortCode: service.shortCode, day: acceptance.day)
        var receipt = Receipt(applicationId: application.applicationId, service: service.code, channel: application.channel, outcome: .accepted,
                              issuedAt: tx.now, registrationNumber: number, acceptedOn: acceptance.day, dueAt: due.at, dueDate: due.date)
        receipt.rulesVersion = service.version.id
        var opened = CaseOpened(
            applicationId: application.applicationId, registrationNumber: number, service: service.code, scenario: application.scenario,
            channel: application.channel, purpose: application.purpose, acceptedAt: acceptance.instant, acceptedOn: acceptance.day,
            dueAt: due.at, dueDate: due.date, applicant: person, subjectIin: subject?.iin, consent: application.consent,
            branchId: application.branchId, delivery: application.delivery, form: application.form, documents: application.documents
        )
        opened.rulesVersion = service.version.id
        opened.subject = subject
        opened.party = application.party
        opened.countFrom = acceptance.countFrom
        opened.appealed = appealed
        // Under the one-application principle each service chosen with the main one opens a
        // case of its own, waiting for the main case's document; the receipt names them all.
        var linkedCases: [CaseOpened] = []
        for option in service.options ?? [] where application.form[option.field]?.boolValue == true {
            guard let code = option.linkedService, let linked = catalogue.service(code, version: service.version.id) else { continue }
            let id = LinkedCases.id(main: application.applicationId, service: linked)
            let linkedNumber = try RegistrationNumbers.next(tx.db, shortCode: linked.shortCode, day: acceptance.day)
            let linkedDue = dueDates.due(linked.term(in: context).term, from: acceptance, hours: linked.providerHours)
            var case2 = opened
            case2.applicationId = id
            case2.registrationNumber = linkedNumber
            case2.service = linked.code
            case2.scenario = LinkedCases.scenario
            case2.purpose = nil
            case2.dueAt = linkedDue.at
            case2.dueDate = linkedDue.date
            case2.rulesVersion = linked.version.id
            case2.linkedTo = .init(applicationId: application.applicationId, startsOn: option.startsOn ?? "approved")
            linkedCases.append(case2)
            receipt.linked = (receipt.linked ?? []) + [LinkedReceipt(applicationId: id, service: linked.code, registrationNumber: linkedNumber,
                                                                     startsWhen: "on \(option.startsOn ?? "approved") of \(number)")]
        }
        try issuer.accept(receipt, caseOpened: opened, location: "handed to \(service.provider.name.en)", lineage: lineage, in: tx)
        for linked in linkedCases {
            try issuer.openLinked(linked, main: receipt, lineage: lineage, in: tx)
        }
    }

    static func sameName(_ a: String, _ b: String) -> Bool {
        a.trimmingCharacters(in: .whitespaces).lowercased() == b.trimmingCharacters(in: .whitespaces).lowercased()
    }
}
