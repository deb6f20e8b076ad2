import Foundation

/// The state services Qyzmet delivers, as data (`Resources/catalogue.json`): what each service
/// needs per scenario and channel, its terms, refusal grounds, results and storage rules.
public struct ServiceCatalogue: Codable, Sendable {
    public var version: String
    public var documentTypes: [DocumentType]
    public var branches: [Branch]
    public var services: [ServiceDefinition]

    public func service(_ code: String) -> ServiceDefinition? { services.first { $0.code == code } }
    public func branch(_ id: String) -> Branch? { branches.first { $0.id == id } }
    public func documentType(_ code: String) -> DocumentType? { documentTypes.first { $0.code == code } }

    public static func load(from url: URL) throws -> ServiceCatalogue {
        try JSONDecoder().decode(ServiceCatalogue.self, from: Data(contentsOf: url))
    }

    public static func bundled() throws -> ServiceCatalogue {
        guard let url = Bundle.module.url(forResource: "catalogue", withExtension: "json") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try load(from: url)
    }

    /// Every cross-reference in the catalogue resolves; returns the problems found.
    public func consistencyProblems() -> [String] {
        var problems: [String] = []
        let docCodes = Set(documentTypes.map(\.code))
        for service in services {
            let scenarios = Set(service.scenarios.map(\.code))
            for requirement in service.documents {
                for type in requirement.anyOf where !docCodes.contains(type) {
                    problems.append("\(service.code): unknown document type \(type)")
                }
                for scenario in requirement.scenarios ?? [] where !scenarios.contains(scenario) {
                    problems.append("\(service.code): document rule names unknown scenario \(scenario)")
                }
            }
            for channel in service.channels where service.results.first(where: { $0.matches(channel: channel, purpose: nil) }) == nil {
                problems.append("\(service.code): no result rule for channel \(channel.rawValue)")
            }
            if service.terms.last?.when != nil { problems.append("\(service.code): the last term rule must be unconditional") }
            if service.automation == .executor && service.executorDeadline == nil {
                problems.append("\(service.code): executor services need an executor deadline")
            }
        }
        return problems
    }
}

public struct LocalizedText: Codable, Sendable, Equatable {
    public var en: String
    public var kk: String

    public init(en: String, kk: String) {
        self.en = en
        self.kk = kk
    }
}

public struct DocumentType: Codable, Sendable {
    public var code: String
    public var title: LocalizedText
}

public struct Branch: Codable, Sendable, Equatable {
    public enum Tier: String, Codable, Sendable {
        case capital
        case republicanCity = "republican-city"
        case oblastCentre = "oblast-centre"
        case district
    }

    public var id: String
    public var name: String
    public var locality: String
    public var region: String
    public var tier: Tier
}

public struct ServiceDefinition: Codable, Sendable {
    public enum Automation: String, Codable, Sendable {
        /// The regulation automates the decision (criminal record when the data is clear).
        case automatic
        /// An executor of the authority reviews and prepares the result for the head's signature.
        case executor
    }

    public var code: String
    /// Three letters used in registration and document numbers.
    public var shortCode: String
    public var title: LocalizedText
    public var regulation: Regulation
    public var provider: Provider
    public var automation: Automation
    public var providerHours: OfficeHours
    public var channels: [Channel]
    public var signatureMethods: [String: [String]]
    public var scenarios: [Scenario]
    public var purposes: [String]?
    public var documents: [DocumentRequirement]
    public var formFields: [FormField]
    public var gatewayData: GatewayData
    public var thirdParty: ThirdPartyRule?
    public var terms: [TermRule]
    public var executorDeadline: Term?
    public var additionalCheck: AdditionalCheck?
    public var refusalGrounds: [RefusalGround]
    public var results: [ResultRule]
    public var storage: StoragePolicy?
    public var fee: String

    public func scenario(_ code: String) -> Scenario? { scenarios.first { $0.code == code } }

    /// The documents the applicant must bring (or attach) for this scenario and channel.
    public func applicantDocuments(scenario: String, channel: Channel) -> [DocumentRequirement] {
        documents.filter { $0.applies(scenario: scenario, channel: channel) && $0.attachedBy == .applicant && $0.required }
    }

    /// The first term rule whose condition holds.
    public func term(channel: Channel, purpose: String?, branchTier: Branch.Tier?) -> TermRule {
        terms.first { $0.when?.matches(channel: channel, purpose: purpose, branchTier: branchTier) ?? true } ?? terms[terms.count - 1]
    }

    public func result(channel: Channel, purpose: String?) -> ResultRule? {
        results.first { $0.matches(channel: channel, purpose: purpose) }
    }

    public func refusalGround(_ code: String) -> RefusalGround? { refusalGrounds.first { $0.code == code } }
}

public struct Regulation: Codable, Sendable {
    public var act: String
    public var paragraph: String?
    public var standard: String?
    public var applicationForm: String?
    public var refusalToAcceptForm: String?
    /// Lines in `shared/seeds` the rules come from.
    public var source: String
}

public struct Provider: Codable, Sendable {
    public var code: String
    public var name: LocalizedText
}

/// Working hours of the provider; filings after `closesAt` count from the next working day.
public struct OfficeHours: Codable, Sendable {
    public var opensAt: String
    public var closesAt: String

    public init(opensAt: String, closesAt: String) {
        self.opensAt = opensAt
        self.closesAt = closesAt
    }

    public var opensAtMinute: Int { OfficeHours.minutes(opensAt) }
    public var closesAtMinute: Int { OfficeHours.minutes(closesAt) }

    static func minutes(_ hhmm: String) -> Int {
        let parts = hhmm.split(separator: ":").compactMap { Int($0) }
        return parts.count == 2 ? parts[0] * 60 + parts[1] : 0
    }
}

public struct Scenario: Codable, Sendable {
    public var code: String
    public var title: LocalizedText
}

public struct DocumentRequirement: Codable, Sendable {
    public enum AttachedBy: String, Codable, Sendable {
        case applicant
        /// The provider attaches it itself (an extract, a resolution).
        case provider
        /// Fetched through the e-government gateway instead of asked on paper.
        case gateway
    }

    /// Any one of these document types satisfies the requirement.
    public var anyOf: [String]
    public var attachedBy: AttachedBy
    public var required: Bool
    /// `original`, `copy`, `electronic-copy`.
    public var form: String?
    public var channels: [Channel]?
    public var scenarios: [String]?
    public var note: String?
    public var source: String

    public func applies(scenario: String, channel: Channel) -> Bool {
        (channels?.contains(channel) ?? true) && (scenarios?.contains(scenario) ?? true)
    }
}

public struct FormField: Codable, Sendable {
    public var name: String
    public var label: LocalizedText
    /// `string`, `date`, `boolean`, or `enum`.
    public var type: String
    public var required: Bool
    public var values: [String]?
    /// For booleans that must be true (a consent).
    public var mustBeTrue: Bool?
    public var source: String
}

public struct GatewayData: Codable, Sendable {
    /// Queried by the State Corporation to identify the applicant.
    public var atIntake: [GatewayQuery]
    /// Queried by the authority for its decision; `subject` means the person the service is about.
    public var atReview: [GatewayQuery]
}

public struct ThirdPartyRule: Codable, Sendable {
    /// A request about another person runs only with that person's consent.
    public var requiresSubjectConsent: Bool
    public var consentMethods: [String]
    public var source: String
}

public enum Term: Codable, Sendable, Equatable {
    case workingDays(Int)
    case minutes(Int)

    private enum CodingKeys: String, CodingKey { case workingDays, minutes }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let days = try c.decodeIfPresent(Int.self, forKey: .workingDays) {
            self = .workingDays(days)
        } else {
            self = .minutes(try c.decode(Int.self, forKey: .minutes))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .workingDays(let d): try c.encode(d, forKey: .workingDays)
        case .minutes(let m): try c.encode(m, forKey: .minutes)
        }
    }
}

public struct TermRule: Codable, Sendable {
    public struct Condition: Codable, Sendable {
        public var channel: Channel?
        public var purpose: String?
        /// Tiers of the State Corporation branch (of filing or of collection).
        public var branchTiers: [Branch.Tier]?

        public func matches(channel: Channel, purpose: String?, branchTier: Branch.Tier?) -> Bool {
            if let c = self.channel, c != channel { return false }
            if let p = self.purpose, p != purpose { return false }
            if let tiers = branchTiers {
                guard let tier = branchTier, tiers.contains(tier) else { return false }
            }
            return true
        }
    }

    public var when: Condition?
    public var term: Term
    public var source: String
}

/// The criminal-record additional reference check.
public struct AdditionalCheck: Codable, Sendable {
    public var interimReplyWithin: Term
    public var totalTerm: Term
    public var reapplyAfter: Term
    public var source: String
}

public struct RefusalGround: Codable, Sendable {
    public var code: String
    public var text: LocalizedText
    /// The named check the authority applies (see `RefusalChecks` in review).
    public var check: String
    public var source: String

    public init(code: String, text: LocalizedText, check: String, source: String) {
        self.code = code
        self.text = text
        self.check = check
        self.source = source
    }
}

public struct ResultRule: Codable, Sendable {
    public var channel: Channel?
    public var purpose: String?
    public var kind: String
    public var form: String
    public var format: ResultIssued.Format
    public var copies: Int
    public var delivery: DeliveryMethod
    public var source: String

    public func matches(channel: Channel, purpose: String?) -> Bool {
        (self.channel == nil || self.channel == channel) && (self.purpose == nil || self.purpose == purpose)
    }
}

/// What happens to a paper result nobody collects.
public struct StoragePolicy: Codable, Sendable {
    public var appliesTo: ResultIssued.Format
    public var atBranchMonths: Int
    public var atProviderMonths: Int
    /// `filed` (into a nomenclature file) or `returned-to-provider`.
    public var finally: String
    public var source: String
}
