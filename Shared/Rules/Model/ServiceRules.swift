import QyzmetDomain

/// One state service as a version of its act defines it: who may apply and how, what they
/// bring, what is fetched, what it costs, its terms, its process, its refusal grounds, its
/// notices and results, and what happens to a result nobody collects.
public struct ServiceRules: Codable, Sendable {
    public var code: String
    /// Three letters used in registration and document numbers.
    public var shortCode: String
    public var title: LocalizedText
    public var regulation: Regulation
    /// The service of a later act that took this one over under another code.
    public var continuedBy: Continuation?
    public var provider: Provider
    /// Where the case goes: the provider's central office, the authority the application is
    /// addressed to, or the authority of the applicant's registered residence.
    public var routing: Routing
    public var parties: [PartyRule]
    public var channels: [ChannelRule]
    public var providerHours: OfficeHours
    public var scenarios: [Code]
    public var purposes: [Code]?
    public var consent: [ConsentRule]?
    public var documents: [DocumentRule]
    public var fields: [FieldRule]
    public var options: [OptionRule]?
    public var gateway: GatewayRules
    public var fees: [FeeRule]?
    public var terms: [TermRule]
    public var termExtension: ExtensionRule?
    public var hearing: HearingRule?
    public var process: ProcessDefinition
    public var refusalGrounds: [RefusalGround]
    public var forms: [FormDefinition]
    public var results: [ResultRule]
    public var storage: [StorageRule]?
    public var homeVisit: SourcedText?
    public var queue: QueueRule?
    /// A proactive service: cases are opened by a schedule over a queue, not by applications.
    public var trigger: TriggerRule?
    /// A complaint procedure: its applications arrive on the complaints topic and appeal an
    /// earlier application of the same act.
    public var complaint: ComplaintRule?
    /// A procedure whose cases an officer opens by nominating a person for a course of a plan
    /// (order 357's free-basis selection); nobody applies for it.
    public var nomination: NominationRule?

    /// Set by the loader: the act version this service belongs to.
    public var version: RulesVersion! = nil

    private enum CodingKeys: String, CodingKey {
        case code, shortCode, title, regulation, continuedBy, provider, routing, parties, channels, providerHours, scenarios, purposes, consent,
             documents, fields, options, gateway, fees, terms, hearing, process, refusalGrounds, forms, results, storage,
             homeVisit, queue, trigger, complaint, nomination
        case termExtension = "extension"
    }

    public func channel(_ channel: Channel) -> ChannelRule? { channels.first { $0.channel == channel } }
    public func scenario(_ code: String) -> Code? { scenarios.first { $0.code == code } }
    public func party(_ kind: String) -> PartyRule? { parties.first { $0.kind == kind } }
    public func form(_ id: String) -> FormDefinition? { forms.first { $0.id == id } }
    public func refusalGround(_ code: String) -> RefusalGround? { refusalGrounds.first { $0.code == code } }
    public func option(_ field: String) -> OptionRule? { options?.first { $0.field == field } }

    /// The first term rule whose condition holds; the catalogue guarantees the last is unconditional.
    public func term(in context: ConditionContext) -> TermRule {
        terms.first { $0.when?.holds(in: context) ?? true } ?? terms[terms.count - 1]
    }

    /// The documents the applicant must bring or attach in this context.
    public func requiredDocuments(in context: ConditionContext) -> [DocumentRule] {
        documents.filter { $0.attachedBy == .applicant && $0.required && ($0.when?.holds(in: context) ?? true) }
    }

    /// The first result rule for an outcome in this context.
    public func result(for outcome: String, in context: ConditionContext) -> ResultRule? {
        results.first { $0.outcome == outcome && ($0.when?.holds(in: context) ?? true) }
    }

    /// Every result rule for an outcome in this context: each is a document of its own.
    public func results(for outcome: String, in context: ConditionContext) -> [ResultRule] {
        results.filter { $0.outcome == outcome && ($0.when?.holds(in: context) ?? true) }
    }
}

/// Where a line of versions goes on under another code (standard 1 of 2012 → `mod.registration`).
public struct Continuation: Codable, Sendable, Equatable {
    public var code: String
    public var note: String?
    public var source: String
}

public struct RulesVersion: Codable, Sendable, Equatable, Hashable {
    /// `<act>@<effective from>`, e.g. `gp-order-64@2022-01-25`.
    public var id: String
    public var act: String
    public var effectiveFrom: LocalDate
    public var effectiveUntil: LocalDate?
}

public struct Code: Codable, Sendable {
    public var code: String
    public var title: LocalizedText
    public var source: String?
}

public struct SourcedText: Codable, Sendable {
    public var text: String
    public var source: String
}

public struct Regulation: Codable, Sendable {
    public var paragraph: String?
    public var standard: String?
    public var applicationForm: String?
    public var refusalToAcceptForm: String?
    public var source: String
}

public struct Provider: Codable, Sendable {
    public var code: String
    public var name: LocalizedText
}

public struct Routing: Codable, Sendable {
    public enum Target: String, Codable, Sendable {
        case provider
        /// The authority named by a form field (App 48: the defence department addressed).
        case addressedAuthority = "addressed-authority"
        case residenceAuthority = "residence-authority"
        /// The authority that holds the appealed case (a complaint goes first to the official
        /// whose decision or inaction it appeals).
        case appealedAuthority = "appealed-authority"
    }

    public var to: Target
    /// For `addressed-authority`: the form field that names the office id.
    public var field: String?
    /// Front-office filing only at a branch of the applicant's registered residence region.
    public var frontOfficeAtResidence: Bool?
    public var source: String
}

/// Who may apply: the person themselves, a legal entity, a representative under a power of
/// attorney, a parent or guardian for a minor, a close relative.
public struct PartyRule: Codable, Sendable {
    /// `individual`, `legal-entity`, `representative`, `parent`, `relative`, `former-data`.
    public var kind: String
    public var channels: [Channel]?
    /// Documents this party adds to the package (a power of attorney, a birth certificate).
    public var documents: [String]?
    /// Conditions the party must meet (e.g. the subject is under 18 for `parent`).
    public var when: Condition?
    /// False while Qyzmet does not serve this kind yet: such applications are refused to accept
    /// with that reason instead of being processed wrongly.
    public var served: Bool?
    public var note: String?
    public var source: String
}

/// How an application reaches intake on a channel, and when the channel takes it.
public struct ChannelRule: Codable, Sendable {
    public var channel: Channel
    public var signatureMethods: [String]
    public var hours: OfficeHours
    /// The longest wait in the queue, in minutes, where the standard sets one.
    public var queueLimitMinutes: Int?
    public var source: String
}

/// Consent of the person a request is about, per channel, exactly as the standard says.
public struct ConsentRule: Codable, Sendable {
    public var channels: [Channel]
    /// `cabinet`, `otp`, `sms`, or `notarised-power-of-attorney`.
    public var methods: [String]
    /// For a power of attorney: the document type in the package that carries it.
    public var document: String?
    /// Consent older than this is not accepted.
    public var validFor: Term?
    /// Parties that need no consent of the subject (a parent for a minor child).
    public var exemptParties: [String]?
    public var source: String
}

public struct DocumentRule: Codable, Sendable {
    public enum AttachedBy: String, Codable, Sendable {
        case applicant
        case provider
        case gateway
    }

    public var anyOf: [String]
    public var attachedBy: AttachedBy
    public var required: Bool
    /// `original`, `copy`, `electronic-copy`.
    public var form: String?
    public var when: Condition?
    /// Handed over at collection rather than at filing.
    public var atCollection: Bool?
    /// Valid for this long from its date of issue (a medical card: 10 working days).
    public var validFor: Term?
    public var note: String?
    public var source: String
}

public struct FieldRule: Codable, Sendable {
    public enum FieldType: String, Codable, Sendable {
        case string, date, boolean, integer, office
        /// A course of the paid-training plan, by its id; not one that has started.
        case course
        /// A business identification number, validated (a legal entity applying).
        case bin
        /// An earlier application of the same applicant (the one a complaint appeals).
        case application
        case `enum`
    }

    public var name: String
    public var label: LocalizedText
    public var type: FieldType
    public var required: Bool
    public var values: [String]?
    /// For a boolean that must be true (a consent).
    public var mustBeTrue: Bool?
    public var when: Condition?
    /// Our design: the form is cited but not in the seeds.
    public var ourDesign: Bool?
    public var source: String
}

/// A choice on the form that asks for more than the service itself (an apostille under the
/// one-application principle): served by a linked service, or refused clearly until it is.
public struct OptionRule: Codable, Sendable {
    public var field: String
    /// The service that answers the option, when Qyzmet has it.
    public var linkedService: String?
    /// Why the option is refused to accept while there is no linked service.
    public var refusal: String?
    /// The outcome of the main case whose document starts the linked case (the certificate the
    /// apostille is put on); any other end closes the linked case unstarted.
    public var startsOn: String?
    /// Where the option may be chosen at all (the apostille on the paper travel-abroad certificate).
    public var when: Condition?
    public var note: String?
    public var source: String
}

/// Cases opened by an officer's nomination for a course of a reference plan, until `closesBefore`
/// the course starts (the free-basis selection ends 10 calendar days before classes, L162-163).
public struct NominationRule: Codable, Sendable {
    public var reference: String
    /// The plan's basis the courses must have: `free` or `paid`.
    public var basis: String
    public var closesBefore: Term
    public var note: String?
    public var source: String
}

/// A complaint procedure (order 64 para 11 and its kin): which form field names the appealed
/// application.
public struct ComplaintRule: Codable, Sendable {
    public var appealedField: String
    public var note: String?
    public var source: String
}

public struct GatewayRules: Codable, Sendable {
    public struct Query: Codable, Sendable {
        public var query: String
        /// `applicant` or `subject` (the person the service is about).
        public var about: Condition.Person
        /// Facts the answer provides, for conditions and result forms.
        public var facts: [String]?
        public var source: String?
    }

    /// Asked by the State Corporation before accepting (identification).
    public var intake: [Query]
    /// Asked by the authority for its decision.
    public var review: [Query]
}

/// A state duty or a price: an amount in MCI (dated parameter) or tenge, paid before the step
/// it guards, checked with the payment gateway.
public struct FeeRule: Codable, Sendable {
    public var code: String
    public var mci: Double?
    public var tenge: Int?
    /// `per-application` or `per-document`.
    public var per: String?
    /// For `per-document`: the integer form field counting the documents (1 when absent).
    public var countField: String?
    public var when: Condition?
    /// `acceptance` (a receipt in the package) or `processing` (the case waits for payment).
    public var payBefore: String
    /// How long the applicant has to pay when the case waits.
    public var payWithin: Term?
    /// Whose account the money goes to (a specialised organisation, the budget).
    public var payee: String?
    public var exemptions: [SourcedText]?
    public var source: String
}

/// An "up to" term the executor may extend, with the notice the applicant gets.
public struct ExtensionRule: Codable, Sendable {
    public var maxTerms: [TermRule]
    /// The notice form and how soon after the decision to extend it is sent.
    public var noticeForm: String
    public var noticeWithin: Term
    public var source: String
}

/// The preliminary-refusal hearing (тыңдау, Administrative Procedure Code art. 73).
public struct HearingRule: Codable, Sendable {
    public var noticeForm: String
    /// The notice goes at least this long before the term ends.
    public var noticeBeforeTermEnd: Term
    /// The hearing takes place within this long of the notice.
    public var hearingWithin: Term
    public var source: String
}

public struct RefusalGround: Codable, Sendable {
    public var code: String
    public var text: LocalizedText
    /// Where the ground applies at all (a scenario, a channel); an officer cannot refuse on it elsewhere.
    public var when: Condition?
    /// The ground is suggested when this holds over the case's recorded facts (no code needed).
    public var holdsWhen: Condition?
    /// A named check bound at start (see review's `RefusalChecks`), for what a condition cannot say.
    public var check: String?
    /// The reading chosen where the text is ambiguous.
    public var note: String?
    public var source: String

    public func applies(in context: ConditionContext) -> Bool { when?.holds(in: context) ?? true }
}

/// A notice or result form: its title and the statements it prints, each naming the recorded
/// facts it needs. A statement is printed only when its facts are recorded and match.
public struct FormDefinition: Codable, Sendable {
    public struct Statement: Codable, Sendable {
        /// The statement applies when this holds over the recorded facts.
        public var when: Condition?
        /// Text with `{fact}` placeholders; every placeholder must be a recorded fact.
        public var text: LocalizedText
    }

    public var id: String
    /// `certificate`, `refusal`, `interim-reply`, `extension-notice`, `hearing-notice`,
    /// `collection-notice`, `e-notice`, `receipt`, `refusal-to-accept`.
    public var kind: String
    public var title: LocalizedText
    /// Facts the form cannot be issued without.
    public var requires: [String]?
    /// Further facts a statement may print when they are recorded.
    public var facts: [String]?
    public var statements: [Statement]
    /// Printed in both languages (the travel-abroad certificate).
    public var bilingual: Bool?
    /// Signed by (a head of department, the provider's EDS).
    public var signedBy: String?
    /// The form is cited but not reproduced in the seeds: this layout is Qyzmet's design.
    public var ourDesign: Bool?
    /// For an interim reply: the applicant may apply again this long after acceptance.
    public var reapplyAfter: Term?
    public var source: String
}

/// Which form a decision produces and how it reaches the applicant.
public struct ResultRule: Codable, Sendable {
    /// `approved`, `refused`, `interim-reply`, `extension-notice`, `hearing-notice`.
    public var outcome: String
    public var when: Condition?
    public var form: String
    public var format: ResultIssued.Format
    public var copies: Int
    public var delivery: DeliveryMethod
    /// A paper result reaches the branch this long before the term ends.
    public var atBranchBefore: Term?
    public var source: String
}

/// What happens to a paper result nobody collects: a list of places, each for a period.
public struct StorageRule: Codable, Sendable {
    public struct Step: Codable, Sendable {
        /// `branch` or `provider`.
        public var at: String
        /// Nil: kept there until collected.
        public var period: Term?
    }

    public var when: Condition?
    public var format: ResultIssued.Format
    /// The period starts when the result reaches the branch (`arrival`) or when issued (`issue`).
    public var from: String
    public var steps: [Step]
    /// After the last step: `filed` (into a nomenclature file) or `returned-to-provider`; nil
    /// when the last step has no period.
    public var finally: String?
    /// A kept result is sent back to the branch on request within this term.
    public var recallWithin: Term?
    public var note: String?
    public var source: String
}

/// When a proactive service opens its cases: in rounds before each course of a reference table
/// starts, for the persons waiting on a queue, in order, up to the course's places.
public struct TriggerRule: Codable, Sendable {
    public struct Round: Codable, Sendable {
        public var name: String
        /// The round opens this long before the course starts...
        public var before: Term
        /// ...and lasts this long.
        public var within: Term
        public var source: String

        /// The round's first day for a course starting on `start`: `before` counted back, on a
        /// working day when counted in working days.
        public func firstDay(before start: LocalDate, calendar: WorkingDayCalendar) -> LocalDate {
            var day = start
            var remaining = before.amount
            while remaining > 0 {
                day = day.adding(days: -1)
                if before.unit != .workingDays || calendar.isWorkingDay(day) { remaining -= 1 }
            }
            return before.unit == .workingDays ? calendar.workingDay(onOrAfter: day) : day
        }
    }

    public var queue: String
    /// The reference table of the courses (`training-courses`).
    public var reference: String
    public var rounds: [Round]
    public var source: String
}

public struct QueueRule: Codable, Sendable {
    /// A queue that keeps positions (the paid-training queue).
    public var keepsPositions: Bool
    public var source: String
}
