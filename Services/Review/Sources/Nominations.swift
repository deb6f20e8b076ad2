import Foundation
import GRDB
import QyzmetDomain
import QyzmetRules
import QyzmetRuntime

/// What a defence department's officer sends to nominate a conscript for a course of the free
/// plan (order 357 Chapter 2): the person, as the military register knows them.
public struct NominationRequest: Codable, Sendable {
    public var service: String
    public var course: String
    public var iin: String
    public var lastName: String
    public var firstName: String
    public var patronymic: String?

    public init(service: String, course: String, iin: String, lastName: String, firstName: String, patronymic: String? = nil) {
        self.service = service
        self.course = course
        self.iin = iin
        self.lastName = lastName
        self.firstName = firstName
        self.patronymic = patronymic
    }
}

/// The free-basis selection (order 357 L154-174): an officer of the defence department nominates
/// a conscript for a course of the free plan; the case checks age, fitness, registration and
/// education against the registers as the catalogue says, and the officer selects, attaching the
/// legal representative's consent for a minor. Nominations close when the catalogue says (10
/// calendar days before classes), which is also the case's term. The selected make up the App 4
/// named list.
struct Nominations: Sendable {
    let catalogue: Catalogue
    let dueDates: DueDateCalculator
    let registration: CaseRegistration

    struct Opened: Codable, Sendable {
        var applicationId: String
        var registrationNumber: String
        var dueAt: Date
    }

    func nominate(_ request: NominationRequest, by officer: String, in tx: Transaction) throws -> Opened {
        let today = KazakhstanTime.localDate(of: tx.now)
        guard let service = catalogue.service(request.service, on: today), let rule = service.nomination else {
            throw CommandRejection.invalid("\(request.service) is not a procedure officers nominate for")
        }
        guard IIN.isValid(request.iin), let born = (try? IIN(request.iin))?.birthDate, let sex = (try? IIN(request.iin))?.sex else {
            throw CommandRejection.invalid("the IIN is not valid")
        }
        guard let course = catalogue.reference.trainingCourse(request.course), course.isPaid == (rule.basis == "paid") else {
            let open = catalogue.reference.trainingCourses.filter { $0.isPaid == (rule.basis == "paid") && $0.start > today }.prefix(3).map(\.id)
            throw CommandRejection.invalid("\(request.course) is not a course of the \(rule.basis) plan (e.g. \(open.joined(separator: ", ")))")
        }
        let closes = dueDates.before(.init(at: tx.now, date: course.start), by: rule.closesBefore, hours: service.providerHours)
        guard tx.now <= closes.at else {
            throw CommandRejection.conflict("nominations for \(course.id) closed on \(closes.date), \(rule.closesBefore) before classes start on \(course.start) (\(rule.source))")
        }
        let already = try Bool.fetchOne(tx.db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM proactive_offers WHERE service = ? AND key = ? AND iin = ?)"),
                                        arguments: [service.code, course.id, request.iin]) ?? false
        guard !already else { throw CommandRejection.conflict("\(IIN.redact(request.iin)) is already nominated for \(course.id)") }

        // The register's data comes from the state database of individuals when the case asks it;
        // until then the case knows the person as the officer wrote them.
        let person = PersonRecord(iin: request.iin, lastName: request.lastName, firstName: request.firstName, patronymic: request.patronymic,
                                  birthDate: born, birthPlace: "", sex: sex, citizenship: "", maritalStatus: "", childrenCount: 0,
                                  address: .init(region: "", locality: "", street: "", building: "", flat: nil),
                                  idDocument: .init(type: "id-card", number: "", issuedOn: born, validUntil: born), photoReference: "")
        let acceptance = dueDates.acceptance(filedAt: tx.now, hours: service.providerHours)
        let applicationId = ReviewNumbers.applicationId("NOM")
        let number = try ReviewNumbers.next(service.shortCode, day: acceptance.day, tx.db)
        var opened = CaseOpened(
            applicationId: applicationId, registrationNumber: number, service: service.code, scenario: service.scenarios.first?.code ?? "nominated",
            channel: service.channels.first?.channel ?? .portal, purpose: nil, acceptedAt: acceptance.instant, acceptedOn: acceptance.day,
            dueAt: closes.at, dueDate: closes.date, applicant: person, subjectIin: nil, consent: nil, branchId: nil,
            delivery: Delivery(method: .personalCabinet), form: ["course": .string(course.id), "nominatedBy": .string(officer)], documents: []
        )
        opened.rulesVersion = service.version.id
        opened.countFrom = acceptance.countFrom
        try tx.db.cachedStatement(sql: """
            INSERT INTO proactive_offers (service, key, iin, applicationId, round, openedAt) VALUES (?, ?, ?, ?, 'nomination', ?)
            """).execute(arguments: [service.code, course.id, request.iin, applicationId, tx.now])
        let lineage = EventLineage(applicationId: applicationId, correlationId: applicationId, traceparent: TraceContext.newRoot())
        try registration.open(opened, service: service, lineage: lineage, in: tx)
        // The nominating officer's department selects.
        try tx.db.cachedStatement(sql: """
            UPDATE cases SET authorityId = coalesce(authorityId, (SELECT authorityId FROM executors WHERE executorId = ?)) WHERE applicationId = ?
            """).execute(arguments: [officer, applicationId])
        return Opened(applicationId: applicationId, registrationNumber: number, dueAt: closes.at)
    }
}

/// App 4 (L756-799): the named list of conscripts selected for a course of the free plan, in
/// alphabetical order, made in two copies (the first with the medical cards to the specialised
/// organisation, the second kept by the defence department), with the legal representative's
/// consent attached for those under 18.
struct NamedList: Codable, Sendable {
    struct Row: Codable, Sendable {
        var number: Int
        var fullName: String
        var birthYearMonth: String
        var education: String
        var workPlace: String
        var address: String
        var registrationNumber: String
        var state: String
        var legalRepresentativeConsent: String?
    }

    var course: String
    var speciality: String
    var organisation: String
    var trainingStart: LocalDate
    var trainingEnd: LocalDate
    var departments: [String]
    var copies: [String]
    var count: Int
    var rows: [Row]
    var source: String

    static let selectedStates: Set<String> = ["selected", "in-training", "expelled", "expelled-recovery", "completed"]

    static func build(_ db: Database, course id: String, catalogue: Catalogue) throws -> NamedList? {
        guard let course = catalogue.reference.trainingCourse(id) else { return nil }
        let ids = try String.fetchAll(db.cachedStatement(sql: "SELECT applicationId FROM proactive_offers WHERE key = ? AND round = 'nomination'"), arguments: [id])
        var rows: [Row] = []
        var departments: Set<String> = []
        for applicationId in ids {
            guard let c = try ReviewCase.load(db, applicationId: applicationId), selectedStates.contains(c.state) else { continue }
            let person = c.facts.person ?? c.opened.applicant
            let name = [person.lastName, person.firstName, person.patronymic].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            let month = String(person.birthDate.description.prefix(7))
            let address = [person.address.locality, person.address.street, person.address.building].filter { !$0.isEmpty }.joined(separator: ", ")
            if let authority = c.authorityId { departments.insert(catalogue.authority(authority)?.name ?? authority) }
            rows.append(Row(number: 0, fullName: name, birthYearMonth: month, education: c.recorded["educationLevel"] ?? "-",
                            workPlace: c.recorded["workPlace"] ?? "-", address: address, registrationNumber: c.opened.registrationNumber, state: c.state,
                            legalRepresentativeConsent: c.recorded["legalRepresentativeConsent"]))
        }
        // Alphabetical (the note under App 4, L799).
        rows.sort { $0.fullName.localizedCompare($1.fullName) == .orderedAscending }
        for i in rows.indices { rows[i].number = i + 1 }
        return NamedList(course: course.id, speciality: course.speciality.en, organisation: course.organisation.en, trainingStart: course.start,
                         trainingEnd: course.end, departments: departments.sorted(),
                         copies: ["copy 1: to the specialised organisation, with the medical examination cards (L169-170)",
                                  "copy 2: kept by the defence department (L171)"],
                         count: rows.count, rows: rows, source: "seeds/001_3f3d9bad6fa358ee.txt L164-174, L756-799")
    }
}
