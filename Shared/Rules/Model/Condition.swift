import QyzmetDomain

/// A condition on an application or a case, as data: `{"channel": ["portal"]}`,
/// `{"all": [...]}`, `{"ageBelow": {"years": 18, "of": "subject"}}`, `{"fact": {"name": ..., "in": [...]}}`.
/// Each object has exactly one key; the schema and the decoder both insist on it.
public indirect enum Condition: Sendable, Equatable {
    case all([Condition])
    case any([Condition])
    case not(Condition)
    case channel([Channel])
    case scenario([String])
    case purpose([String])
    case branchTier([Office.Tier])
    case party([String])
    /// Age in whole years on the reference date (filing date unless `on` is given).
    case ageAtLeast(Age)
    case ageBelow(Age)
    case sex(IIN.Sex, of: Person)
    /// A fact recorded on the case (from the gateway or an officer).
    case fact(name: String, in: [String])
    /// Facts recorded on the case, whatever their value.
    case recorded([String])
    /// A gateway query that did not find the data (so paper is needed instead).
    case gatewayLacks(String)
    /// An option the applicant chose on the form (a boolean field that is true).
    case option(String)
    /// The package holds a document of one of these types.
    case document([String])
    /// A form field's value is one of these.
    case field(name: String, in: [String])
    /// A date field of the form lies within [from, to].
    case dateBetween(field: String, from: LocalDate?, to: LocalDate?)

    public enum Person: String, Codable, Sendable { case applicant, subject }

    /// Whose age, on which day: a person by IIN (the applicant or the subject) or by a birth date
    /// the form gives (the subject of an archival request, born before IINs existed); the filing
    /// date, a fixed date ("on 1 January 1940") or a date the form gives (the relocation).
    public struct Age: Codable, Sendable, Equatable {
        public var years: Int
        /// Months beyond the years: "from 17 years 6 months" (order 357 L155).
        public var months: Int?
        public var of: Person?
        public var on: LocalDate?
        public var birthDateField: String?
        public var onField: String?

        /// The age in whole months the rule names.
        public var totalMonths: Int { years * 12 + (months ?? 0) }

        public init(years: Int, months: Int? = nil, of: Person? = nil, on: LocalDate? = nil, birthDateField: String? = nil, onField: String? = nil) {
            self.years = years
            self.months = months
            self.of = of
            self.on = on
            self.birthDateField = birthDateField
            self.onField = onField
        }
    }
}

/// What a condition is evaluated against.
public struct ConditionContext: Sendable {
    public var channel: Channel
    public var scenario: String
    public var purpose: String?
    public var branchTier: Office.Tier?
    public var party: String
    public var referenceDate: LocalDate
    public var applicantIin: String?
    public var subjectIin: String?
    public var facts: [String: String]
    public var gatewayMissing: Set<String>
    public var form: [String: JSONValue]
    /// The document types in the package.
    public var documents: Set<String>

    public init(channel: Channel, scenario: String, purpose: String? = nil, branchTier: Office.Tier? = nil, party: String = "individual",
                referenceDate: LocalDate, applicantIin: String? = nil, subjectIin: String? = nil, facts: [String: String] = [:],
                gatewayMissing: Set<String> = [], form: [String: JSONValue] = [:], documents: Set<String> = []) {
        self.channel = channel
        self.scenario = scenario
        self.purpose = purpose
        self.branchTier = branchTier
        self.party = party
        self.referenceDate = referenceDate
        self.applicantIin = applicantIin
        self.subjectIin = subjectIin
        self.facts = facts
        self.gatewayMissing = gatewayMissing
        self.form = form
        self.documents = documents
    }
}

extension Condition {
    public func holds(in c: ConditionContext) -> Bool {
        switch self {
        case .all(let parts): return parts.allSatisfy { $0.holds(in: c) }
        case .any(let parts): return parts.contains { $0.holds(in: c) }
        case .not(let inner): return !inner.holds(in: c)
        case .channel(let channels): return channels.contains(c.channel)
        case .scenario(let codes): return codes.contains(c.scenario)
        case .purpose(let codes): return c.purpose.map(codes.contains) ?? false
        case .branchTier(let tiers): return c.branchTier.map(tiers.contains) ?? false
        case .party(let kinds): return kinds.contains(c.party)
        case .ageAtLeast(let rule): return Self.ageInMonths(rule, in: c).map { $0 >= rule.totalMonths } ?? false
        case .ageBelow(let rule): return Self.ageInMonths(rule, in: c).map { $0 < rule.totalMonths } ?? false
        case .sex(let sex, let person):
            return Self.iin(of: person, in: c).flatMap { (try? IIN($0))?.sex } == sex
        case .fact(let name, let values): return c.facts[name].map(values.contains) ?? false
        case .recorded(let names): return names.allSatisfy { !(c.facts[$0] ?? "").isEmpty }
        case .gatewayLacks(let query): return c.gatewayMissing.contains(query)
        case .option(let field): return c.form[field]?.boolValue == true
        case .document(let types): return types.contains { c.documents.contains($0) }
        case .field(let name, let values): return Self.formValue(name, in: c).map(values.contains) ?? false
        case .dateBetween(let field, let from, let to):
            guard let day = Self.date(field, in: c) else { return false }
            return (from.map { day >= $0 } ?? true) && (to.map { day <= $0 } ?? true)
        }
    }

    /// What the applicant wrote in a form field: from the application, or after acceptance from
    /// the case's recorded facts, where review records the form (issuance sees only those).
    private static func formValue(_ field: String, in c: ConditionContext) -> String? {
        c.form[field]?.stringValue ?? c.facts[field]
    }

    private static func date(_ field: String, in c: ConditionContext) -> LocalDate? {
        formValue(field, in: c).flatMap { LocalDate(iso: $0) }
    }

    private static func iin(of person: Person, in c: ConditionContext) -> String? {
        person == .subject ? (c.subjectIin ?? c.applicantIin) : c.applicantIin
    }

    /// Age in whole months on the reference day: a birthday (or monthly anniversary) counts on its day.
    private static func ageInMonths(_ rule: Age, in c: ConditionContext) -> Int? {
        let born: LocalDate?
        if let field = rule.birthDateField {
            born = date(field, in: c)
        } else {
            born = iin(of: rule.of ?? .subject, in: c).flatMap { (try? IIN($0))?.birthDate }
        }
        guard let born else { return nil }
        let day: LocalDate
        if let field = rule.onField {
            guard let given = date(field, in: c) else { return nil }
            day = given
        } else {
            day = rule.on ?? c.referenceDate
        }
        // Nobody has an age before they were born: "under 16 on 1 January 1940" does not hold
        // for a person born in 1950.
        guard day >= born else { return nil }
        var months = (day.year - born.year) * 12 + (day.month - born.month)
        if day.day < born.day { months -= 1 }
        return months
    }
}

extension Condition: Codable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private struct SexRule: Codable {
        var sex: IIN.Sex
        var of: Person?
    }

    private struct FactRule: Codable {
        var name: String
        var `in`: [String]
    }

    private struct DateRange: Codable {
        var field: String
        var from: LocalDate?
        var to: LocalDate?
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        guard c.allKeys.count == 1, let key = c.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a condition has exactly one key, found \(c.allKeys.map(\.stringValue))"))
        }
        switch key.stringValue {
        case "all": self = .all(try c.decode([Condition].self, forKey: key))
        case "any": self = .any(try c.decode([Condition].self, forKey: key))
        case "not": self = .not(try c.decode(Condition.self, forKey: key))
        case "channel": self = .channel(try c.decode([Channel].self, forKey: key))
        case "scenario": self = .scenario(try c.decode([String].self, forKey: key))
        case "purpose": self = .purpose(try c.decode([String].self, forKey: key))
        case "branchTier": self = .branchTier(try c.decode([Office.Tier].self, forKey: key))
        case "party": self = .party(try c.decode([String].self, forKey: key))
        case "ageAtLeast": self = .ageAtLeast(try c.decode(Age.self, forKey: key))
        case "ageBelow": self = .ageBelow(try c.decode(Age.self, forKey: key))
        case "sex":
            let s = try c.decode(SexRule.self, forKey: key)
            self = .sex(s.sex, of: s.of ?? .subject)
        case "fact":
            let f = try c.decode(FactRule.self, forKey: key)
            self = .fact(name: f.name, in: f.in)
        case "recorded": self = .recorded(try c.decode([String].self, forKey: key))
        case "gatewayLacks": self = .gatewayLacks(try c.decode(String.self, forKey: key))
        case "option": self = .option(try c.decode(String.self, forKey: key))
        case "document": self = .document(try c.decode([String].self, forKey: key))
        case "field":
            let f = try c.decode(FactRule.self, forKey: key)
            self = .field(name: f.name, in: f.in)
        case "dateBetween":
            let r = try c.decode(DateRange.self, forKey: key)
            self = .dateBetween(field: r.field, from: r.from, to: r.to)
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [key], debugDescription: "unknown condition \(key.stringValue)"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case .all(let v): try c.encode(v, forKey: Key("all"))
        case .any(let v): try c.encode(v, forKey: Key("any"))
        case .not(let v): try c.encode(v, forKey: Key("not"))
        case .channel(let v): try c.encode(v, forKey: Key("channel"))
        case .scenario(let v): try c.encode(v, forKey: Key("scenario"))
        case .purpose(let v): try c.encode(v, forKey: Key("purpose"))
        case .branchTier(let v): try c.encode(v, forKey: Key("branchTier"))
        case .party(let v): try c.encode(v, forKey: Key("party"))
        case .ageAtLeast(let rule): try c.encode(rule, forKey: Key("ageAtLeast"))
        case .ageBelow(let rule): try c.encode(rule, forKey: Key("ageBelow"))
        case .sex(let s, let of): try c.encode(SexRule(sex: s, of: of), forKey: Key("sex"))
        case .fact(let name, let values): try c.encode(FactRule(name: name, in: values), forKey: Key("fact"))
        case .recorded(let names): try c.encode(names, forKey: Key("recorded"))
        case .gatewayLacks(let q): try c.encode(q, forKey: Key("gatewayLacks"))
        case .option(let f): try c.encode(f, forKey: Key("option"))
        case .document(let types): try c.encode(types, forKey: Key("document"))
        case .field(let name, let values): try c.encode(FactRule(name: name, in: values), forKey: Key("field"))
        case .dateBetween(let field, let from, let to): try c.encode(DateRange(field: field, from: from, to: to), forKey: Key("dateBetween"))
        }
    }
}
