import QyzmetDomain

public struct DocumentType: Codable, Sendable {
    public var code: String
    public var title: LocalizedText
    /// Who issues it, when it matters for a check (e.g. a notary for a power of attorney).
    public var issuedBy: String?
}

public struct LocalizedText: Codable, Sendable, Equatable, Hashable {
    public var en: String
    public var kk: String
    /// Russian, where the form prints it (the travel-abroad certificate is in Kazakh and Russian).
    public var ru: String?

    public init(en: String, kk: String, ru: String? = nil) {
        self.en = en
        self.kk = kk
        self.ru = ru
    }
}

/// A place that takes applications or decides them: a State Corporation branch, a Public Service
/// Centre of the 2007–2016 network or a department of a provider, with its region and tier, valid
/// from `validFrom` up to (not including) `validUntil`, as act versions are.
public struct Office: Codable, Sendable, Equatable {
    public enum Tier: String, Codable, Sendable, CaseIterable {
        case capital
        case republicanCity = "republican-city"
        case oblastCentre = "oblast-centre"
        case oblastCity = "oblast-city"
        case district
    }

    public enum Kind: String, Codable, Sendable {
        case stateCorporationBranch = "state-corporation-branch"
        case authority
        /// A Public Service Centre (ХҚО, justice order 286 of 2007; the State Corporation's forerunner).
        case publicServiceCentre = "public-service-centre"
    }

    public var id: String
    public var kind: Kind
    public var name: String
    public var locality: String
    public var region: String
    public var tier: Tier
    /// For an authority: the provider it belongs to (`LMAB`, `CLSSA`); `PSC` for the centres.
    public var provider: String?
    public var validFrom: LocalDate?
    public var validUntil: LocalDate?

    public func isOpen(on day: LocalDate) -> Bool {
        (validFrom.map { day >= $0 } ?? true) && (validUntil.map { day < $0 } ?? true)
    }
}

/// A value that changes on dates, OpenFisca style: each entry holds from its date until the next.
public struct DatedValues<Value: Codable & Sendable>: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        public var from: LocalDate
        public var value: Value
        public var source: String
    }

    public var name: String
    public var unit: String?
    public var values: [Entry]

    /// The value in force on `day`, nil before the first entry.
    public func value(on day: LocalDate) -> Entry? {
        values.last { $0.from <= day }
    }
}

/// Reference data that changes on its own schedule: document types, offices, the monthly
/// calculation index (MCI) that state duties are counted in.
public struct ReferenceData: Sendable {
    public var documentTypes: [DocumentType]
    public var offices: [Office]
    public var mci: DatedValues<Int>
    /// The paid-training plan (order 357 App 2): courses with their start dates and places.
    public var trainingCourses: [TrainingCourse] = []

    public func trainingCourse(_ id: String) -> TrainingCourse? { trainingCourses.first { $0.id == id } }

    public func documentType(_ code: String) -> DocumentType? { documentTypes.first { $0.code == code } }
    public func office(_ id: String) -> Office? { offices.first { $0.id == id } }
}

/// A course of the paid-training plan (order 357 App 2): what the queue is for, and what the
/// referral prints. Plans are approved by 1 December for the next year.
public struct TrainingCourse: Codable, Sendable, Equatable {
    public var id: String
    public var speciality: LocalizedText
    public var organisation: LocalizedText
    public var organisationAddress: String
    public var start: LocalDate
    public var end: LocalDate
    public var arrivalTime: String?
    public var places: Int
    /// The price of a paid course (App 2); a free course (App 1) has none.
    public var priceTenge: Int?
    /// `free` for a course of the free-basis plan (App 1); absent for the paid plan (App 2).
    public var basis: String?
    public var planYear: Int
    public var approvedOn: LocalDate
    public var source: String

    public init(id: String, speciality: LocalizedText, organisation: LocalizedText, organisationAddress: String, start: LocalDate, end: LocalDate,
                arrivalTime: String?, places: Int, priceTenge: Int?, planYear: Int, approvedOn: LocalDate, source: String, basis: String? = nil) {
        self.id = id
        self.speciality = speciality
        self.organisation = organisation
        self.organisationAddress = organisationAddress
        self.start = start
        self.end = end
        self.arrivalTime = arrivalTime
        self.places = places
        self.priceTenge = priceTenge
        self.planYear = planYear
        self.approvedOn = approvedOn
        self.source = source
        self.basis = basis
    }

    /// A course of the paid-training plan (the queue and the proactive referral are about these).
    public var isPaid: Bool { basis != "free" }

    /// What a case about this course records, for its notices to print.
    public var facts: [String: String] {
        var facts = ["course": id, "courseSpeciality": speciality.en, "courseOrganisation": organisation.en,
                     "courseOrganisationAddress": organisationAddress, "courseStart": start.description, "courseEnd": end.description]
        if let priceTenge { facts["coursePrice"] = String(priceTenge) }
        if let arrivalTime { facts["courseArrivalTime"] = arrivalTime }
        return facts
    }
}
