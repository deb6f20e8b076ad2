import Foundation
import GRDB
import QyzmetDomain
import QyzmetRules
import QyzmetRuntime

/// On the day the documents arrive the provider accepts, registers and passes them on (para 91
/// and its kin); then it asks the state databases what the service's rules name, and the
/// process takes it from there.
struct CaseRegistration: Sendable {
    static let purpose = "review-data"

    let catalogue: Catalogue
    let gateway: GatewayClient
    let process: CaseProcess

    func register(_ event: ConsumedEvent, in tx: Transaction) throws {
        guard event.envelope.type == EventType.caseOpened else {
            throw PoisonMessage("event.unexpected-type", "\(event.envelope.type) on \(event.topic)")
        }
        let opened = try event.envelope.decodeData(CaseOpened.self)
        // A case keeps the rules of its filing date; an event without a version (contract 1.0)
        // takes the version in force on its day of acceptance.
        let service = opened.rulesVersion.map { catalogue.service(opened.service, version: $0) } ?? catalogue.service(opened.service, on: opened.acceptedOn)
        guard let service else {
            throw PoisonMessage("case.unknown-service", "\(opened.service) \(opened.rulesVersion ?? "on \(opened.acceptedOn)") is not in the catalogue")
        }
        if try Bool.fetchOne(tx.db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM cases WHERE applicationId = ?)"), arguments: [opened.applicationId]) == true {
            return
        }
        try open(opened, service: service, lineage: event.lineage, in: tx)
    }

    /// Registers a case (from intake, or opened by review itself for a proactive service) and
    /// asks the state databases what its rules name.
    func open(_ opened: CaseOpened, service: ServiceRules, lineage: EventLineage, in tx: Transaction) throws {
        let subject = opened.subjectIin ?? opened.applicant.iin
        let queries = service.gateway.review.compactMap { rule -> (GatewayQuery, String)? in
            GatewayQuery(rawValue: rule.query).map { ($0, rule.about == .subject ? subject : opened.applicant.iin) }
        }
        var recorded = courseFacts(opened).merging(Self.formFacts(opened, service)) { course, _ in course }
        // The official document to apostille, by its number, for the card index to be asked about.
        if let number = CaseProcess.asks(.officialDocuments, opened) { recorded["officialDocumentNumber"] = number }
        if let appealed = opened.appealed {
            recorded["appealedApplicationId"] = appealed.applicationId
            recorded["appealedRegistrationNumber"] = appealed.registrationNumber ?? appealed.applicationId
            recorded["appealedService"] = catalogue.latest(appealed.service)?.title.en ?? appealed.service
        }
        let person = subject == opened.applicant.iin ? opened.applicant : opened.subject
        let authority: String?
        switch service.routing.to {
        case .addressedAuthority: authority = service.routing.field.flatMap { opened.form[$0]?.stringValue }
        // A complaint goes first to the official whose decision or inaction it appeals.
        case .appealedAuthority:
            authority = try opened.appealed.flatMap { try String.fetchOne(tx.db.cachedStatement(sql: "SELECT authorityId FROM cases WHERE applicationId = ?"), arguments: [$0.applicationId]) }
        // The authority of the subject's registered residence, as ГБД ФЛ gave it at intake.
        case .residenceAuthority:
            authority = person.flatMap { catalogue.authority(of: service.provider.code, inRegion: $0.address.region, on: opened.acceptedOn)?.id }
        case .provider: authority = nil
        }
        try tx.db.cachedStatement(sql: """
            INSERT INTO cases (applicationId, registrationNumber, service, state, caseData, lineage, registeredAt, dueAt, facts, pendingQueries,
                               rulesVersion, enteredAt, authorityId, recorded, waitingFor)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [opened.applicationId, opened.registrationNumber, opened.service, service.process.initial, try ContractCoding.data(opened),
                             try ContractCoding.data(lineage), tx.now, opened.dueAt, try ContractCoding.data(CaseFacts(person: person)), queries.count,
                             service.version.id, tx.now, authority, try ContractCoding.data(recorded), opened.linkedTo?.applicationId])
        try tx.emitStatus(StatusChanged(applicationId: opened.applicationId, status: .registered, at: tx.now, actor: "review", service: opened.service,
                                        registrationNumber: opened.registrationNumber, dueAt: opened.dueAt, dueDate: opened.dueDate,
                                        location: authority.flatMap { catalogue.authority($0)?.name } ?? service.provider.name.en,
                                        detail: service.trigger == nil ? "registered on the day of arrival under \(service.version.id)" : "opened proactively under \(service.version.id)"), lineage: lineage)
        guard let registered = try ReviewCase.load(tx.db, applicationId: opened.applicationId) else { return }
        if let link = opened.linkedTo {
            try tx.emitStatus(StatusChanged(applicationId: opened.applicationId, status: .awaitingDocument, at: tx.now, actor: "review", service: opened.service,
                                            registrationNumber: opened.registrationNumber, location: service.provider.name.en,
                                            detail: "waits for \(link.startsOn) of \(link.applicationId): its term counts from then"), lineage: lineage)
            // The main case may have been decided before this one arrived (its own partition).
            if let main = try LinkedCaseStarter.mainOutcome(link.applicationId, in: tx.db), main.ended || main.outcome == link.startsOn {
                try process.mainEnded(link.applicationId, outcome: main.outcome, in: tx)
            }
            return
        }
        try process.start(registered, service: service, in: tx)
    }

    /// What the applicant wrote on the form is recorded for the case (the archival subject's name
    /// and birth date, the demands of a complaint): a result prints it and a request asks about it.
    static func formFacts(_ opened: CaseOpened, _ service: ServiceRules) -> [String: String] {
        var facts: [String: String] = [:]
        for field in service.fields {
            switch opened.form[field.name] {
            case .string(let s)?: facts[field.name] = s
            case .integer(let n)?: facts[field.name] = String(n)
            default: break
            }
        }
        return facts
    }

    /// A case about a course of the paid-training plan records the course, for its notices to print.
    private func courseFacts(_ opened: CaseOpened) -> [String: String] {
        guard let id = opened.form["course"]?.stringValue, let course = catalogue.reference.trainingCourse(id) else { return [:] }
        return course.facts
    }

    /// A gateway answer for a case: record it, and move on once everything has come.
    func answered(_ response: GatewayResponse, in tx: Transaction) throws {
        guard var reviewCase = try ReviewCase.load(tx.db, applicationId: response.applicationId), reviewCase.pendingQueries > 0, !reviewCase.final else { return }
        switch (response.outcome, response.query) {
        case (.found, .person): reviewCase.facts.person = response.person
        case (.found, .militaryRegistration): reviewCase.facts.military = response.military
        case (.found, .criminalRecords): reviewCase.facts.criminal = response.criminal
        // Registers that answer in facts: recorded below.
        case (.found, _) where response.records != nil: break
        default: reviewCase.facts.unanswered[response.query.rawValue] = response.error ?? response.outcome.rawValue
        }
        reviewCase.pendingQueries -= 1
        try ReviewCase.saveFacts(tx.db, applicationId: response.applicationId, facts: reviewCase.facts, pendingQueries: reviewCase.pendingQueries)
        // What the registers say becomes a recorded fact of the case; the result prints only these
        // and the officer's findings.
        let rule = process.service(of: reviewCase)?.gateway.review.first { $0.query == response.query.rawValue }
        let fetched = GatewayFacts.facts(from: response, keeping: rule?.facts)
        if !fetched.isEmpty {
            reviewCase.recorded.merge(fetched) { old, _ in old }
            try ReviewCase.saveRecorded(tx.db, applicationId: response.applicationId, recorded: reviewCase.recorded)
        }
        if reviewCase.pendingQueries == 0 {
            // What the provider itself established about this person in a completed case (an
            // additional reference check) stands where the register is still ambiguous.
            if let earlier = try ProcessGuards.completedFindings(reviewCase, tx.db) {
                reviewCase.recorded.merge(earlier) { current, _ in current }
                try ReviewCase.saveRecorded(tx.db, applicationId: response.applicationId, recorded: reviewCase.recorded)
            }
            try process.gathered(reviewCase, in: tx)
        }
    }

}

/// The facts a gateway answer establishes, named as the catalogue's forms and conditions name them.
enum GatewayFacts {
    /// `keeping`: the facts the catalogue's query names (nil: every fact of the answer).
    static func facts(from response: GatewayResponse, keeping names: [String]? = nil) -> [String: String] {
        guard response.outcome == .found else { return [:] }
        if var records = response.records {
            if let names { records = records.filter { names.contains($0.key) } }
            return records
        }
        switch response.query {
        case .criminalRecords:
            guard let extract = response.criminal, extract.status != "needs-check" else { return [:] }
            let active = extract.convictions.contains { !$0.expunged }
            return ["criminalRecord": extract.status == "none" ? "none" : (active ? "present" : "expunged")]
        case .militaryRegistration:
            guard let record = response.military else { return [:] }
            var facts = ["militaryStatus": record.status]
            if let type = record.documentType, let number = record.documentNumber { facts["militaryDocument"] = "\(type) \(number)" }
            return facts
        default:
            return [:]
        }
    }
}
