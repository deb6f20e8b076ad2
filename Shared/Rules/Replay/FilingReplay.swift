import Foundation
import QyzmetDomain

/// An application filed on a day in the past, run through the rules in force on that day: which
/// version applied, whether the front office would have accepted the package, which documents it
/// required, the term, the day of acceptance and the due date in the working days of that year,
/// and the result forms. For archives, courts and complaint bodies that ask how an application of
/// 2008 or 2013 should have been handled.
///
/// A pure function of the catalogue, the calendar and the filing instant (the replay's own
/// clock): it reads and writes no store, publishes nothing and draws no registration or document
/// number, so a replay cannot touch a live case.
public struct FilingReplay: Sendable {
    let catalogue: Catalogue
    let dueDates: DueDateCalculator

    public init(catalogue: Catalogue, calendar: WorkingDayCalendar = .kazakhstan) {
        self.catalogue = catalogue
        self.dueDates = DueDateCalculator(calendar: calendar)
    }

    /// What applied on a day to a service, scenario and channel, without a package: the GET form
    /// of the status desk's replay and `qyzmet replay --service`.
    public func requirements(service: String, scenario: String, channel: Channel, office: String? = nil, party: String? = nil, purpose: String? = nil,
                             filedAt: Date, region: String? = nil) -> FilingReplayOutcome {
        let application = ApplicationSubmission(
            applicationId: "APP-REPLAYREQUIREMENTS", service: service, scenario: scenario, channel: channel, submittedAt: filedAt,
            applicant: .init(iin: "000000000000", lastName: "-", firstName: "-"), purpose: purpose, party: party, branchId: office,
            delivery: Delivery(method: .branch))
        return replay(application, filedAt: filedAt, region: region, checkPackage: false)
    }

    /// A filing instant as a replay is asked for one: ISO 8601, or a bare day read as 10:00 on
    /// the wall clock of `region`, by default of the office of filing (as `replay` counts).
    public func filingInstant(_ text: String, channel: Channel, office: String?, region: String?) -> Date? {
        if let instant = ContractCoding.parseInstant(text) { return instant }
        let region = region ?? catalogue.regionOfFiling(channel: channel, officeId: office)
        return LocalDate(iso: text).map { KazakhstanTime.instant(on: $0, minute: 10 * 60, region: region) }
    }

    /// `region`: whose wall clock the filing was on (Astana kept UTC+6 until 2024); by default the
    /// region of the office of filing (`Catalogue.regionOfFiling`, as intake counts), else UTC+5. `checkPackage` false: only what applied that
    /// day (the documents, term and forms), without judging a package.
    public func replay(_ application: ApplicationSubmission, filedAt: Date, region: String? = nil, checkPackage: Bool = true) -> FilingReplayOutcome {
        let region = region ?? catalogue.regionOfFiling(channel: application.channel, officeId: application.branchId)
        let filingDay = KazakhstanTime.localDate(of: filedAt, region: region)
        var outcome = FilingReplayOutcome(application: application, filedAt: filedAt, filingDay: filingDay, region: region)
        let check = PackageCheck(catalogue: catalogue)
        guard let service = catalogue.service(application.service, on: filingDay) else {
            outcome.outcome = .wouldRefuseToAccept
            outcome.refusal = RefusalToAccept(code: "unknown-service", reason: check.unknownServiceReason(application.service, on: filingDay))
            outcome.calendarWarnings = dueDates.calendar.calendarWarnings(for: filingDay.year)
            return outcome
        }
        outcome.rulesVersion = service.version
        outcome.indicators = catalogue.version(service.version.id)?.indicators ?? []
        let today = catalogue.continuation(of: service.code)
        outcome.continuedBy = today == service.code ? nil : today
        outcome.reference = "REPLAY-\(service.shortCode)-\(String(format: "%04d%02d%02d", filingDay.year, filingDay.month, filingDay.day))"
            + (checkPackage ? "-\(application.applicationId.suffix(6))" : "")
        if checkPackage, let refusal = check.refusal(for: application, filedAt: filedAt, filingDay: filingDay) {
            outcome.outcome = .wouldRefuseToAccept
            outcome.refusal = refusal
        } else {
            outcome.outcome = checkPackage ? .wouldAccept : .requirements
        }
        // Shown even for a refused package: what the rules of that day asked for.
        let schedule = FilingSchedule(service: service, application: application, filedAt: filedAt, applicantIin: application.applicant.iin,
                                      subjectIin: application.subject?.iin, catalogue: catalogue, dueDates: dueDates.inRegion(region))
        let context = schedule.context
        outcome.documentsRequired = service.requiredDocuments(in: context).map {
            .init(anyOf: $0.anyOf, form: $0.form, atCollection: $0.atCollection == true, source: $0.source)
        }
        outcome.documentsFetched = service.documents.filter { $0.attachedBy != .applicant && ($0.when?.holds(in: context) ?? true) }.map {
            .init(anyOf: $0.anyOf, form: $0.form, atCollection: false, source: $0.source)
        }
        outcome.fieldsRequired = service.fields.filter { $0.required && ($0.when?.holds(in: context) ?? true) }.map(\.name)
        outcome.term = schedule.term.term
        outcome.termSource = schedule.term.source
        outcome.acceptedOn = schedule.acceptance.day
        outcome.acceptedWithinHours = schedule.acceptance.withinHours
        outcome.countFrom = schedule.acceptance.countFrom
        outcome.dueAt = schedule.due.at
        outcome.dueDate = schedule.due.date
        // Every result the rules of the day could give this application (approved, refused, a
        // complaint's upheld or rejected, notices), with its form.
        outcome.results = service.results.filter { $0.when?.holds(in: context) ?? true }.map {
            FilingReplayOutcome.ResultForm(outcome: $0.outcome, form: $0.form, title: service.form($0.form)?.title.en, format: $0.format.rawValue,
                                           delivery: $0.delivery.rawValue, source: $0.source)
        }
        let years = Set([filingDay.year, schedule.due.date.year]).sorted()
        outcome.calendarWarnings = years.flatMap { dueDates.calendar.calendarWarnings(for: $0) }
        outcome.notChecked = ["the applicant's identity and the state databases (a replay asks no gateway)"]
        if service.fees?.contains(where: { $0.payBefore == "acceptance" }) == true { outcome.notChecked.append("the payment of the state duty before acceptance") }
        if service.complaint != nil { outcome.notChecked.append("the appealed application (it is in intake's store, not in the rules)") }
        return outcome
    }
}

/// What a replay found. `replay` is always true: the mark a consumer cannot miss.
public struct FilingReplayOutcome: Codable, Sendable {
    public enum Verdict: String, Codable, Sendable {
        case wouldAccept = "would-accept"
        case wouldRefuseToAccept = "would-refuse-to-accept"
        /// Only the requirements of the day were asked for.
        case requirements
    }

    public struct Document: Codable, Sendable, Equatable {
        public var anyOf: [String]
        public var form: String?
        public var atCollection: Bool
        public var source: String
    }

    public struct ResultForm: Codable, Sendable, Equatable {
        public var outcome: String
        public var form: String
        public var title: String?
        public var format: String
        public var delivery: String
        public var source: String
    }

    public var replay = true
    /// `REPLAY-<short code>-<yyyymmdd>-<application id tail>`: never a registration number's form.
    public var reference: String?
    public var applicationId: String
    public var service: String
    public var scenario: String
    public var channel: Channel
    public var filedAt: Date
    public var filingDay: LocalDate
    public var region: String?
    /// Nil: the service was not provided on the filing day.
    public var rulesVersion: RulesVersion?
    /// The code a later act carries the service on under (`mod.registration` for a registration
    /// standard of 2012), when it is another.
    public var continuedBy: String?
    public var outcome: Verdict = .requirements
    public var refusal: RefusalToAccept?
    public var documentsRequired: [Document] = []
    /// Attached by the provider or fetched from a state database: information only.
    public var documentsFetched: [Document] = []
    public var fieldsRequired: [String] = []
    public var term: Term?
    public var termSource: String?
    public var acceptedOn: LocalDate?
    /// False: filed after hours, in the lunch break or on a day off, accepted at the next opening.
    public var acceptedWithinHours: Bool?
    public var countFrom: LocalDate?
    public var dueAt: Date?
    public var dueDate: LocalDate?
    public var results: [ResultForm] = []
    /// The performance figures the version set (resolution 1741 App 3), as the desk reports them.
    public var indicators: [PerformanceIndicator] = []
    /// Days off of those years that are not confirmed (transfers, provisional holidays).
    public var calendarWarnings: [String] = []
    public var notChecked: [String] = []

    init(application: ApplicationSubmission, filedAt: Date, filingDay: LocalDate, region: String?) {
        applicationId = application.applicationId
        service = application.service
        scenario = application.scenario
        channel = application.channel
        self.filedAt = filedAt
        self.filingDay = filingDay
        self.region = region
    }
}
