import Foundation

/// What a producer publishes on `qyzmet.applications.v1` as the event's `data`:
/// the application and the channel's detached signature over it.
public struct SignedApplication: Codable, Sendable {
    /// Kept as a JSON tree so that the signature is checked over exactly what was sent.
    public var application: JSONValue
    public var signature: DetachedSignature

    public init(application: JSONValue, signature: DetachedSignature) {
        self.application = application
        self.signature = signature
    }
}

/// An application for a state service (App 48 for the emigration certificate; the criminal-record
/// request of Prosecutor General order 64 App 1).
public struct ApplicationSubmission: Codable, Sendable, Equatable {
    public var applicationId: String
    /// A service code from the catalogue, e.g. `mod.emigration-certificate`.
    public var service: String
    /// A scenario code of that service, e.g. `conscript`.
    public var scenario: String
    public var channel: Channel
    public var submittedAt: Date
    public var applicant: Person
    /// The person the certificate is about, when not the applicant (criminal record, third party).
    public var subject: Person?
    /// The subject's consent to a third-party request.
    public var consent: Consent?
    /// `general` or `travel-abroad` for the criminal-record certificate.
    public var purpose: String?
    /// Who applies, as the service's catalogue names the parties: `individual` (the default),
    /// `representative`, `relative`, `legal-entity`, `former-data`.
    public var party: String?
    /// The branch of filing (front office) or the branch chosen for a paper result (portal).
    public var branchId: String?
    public var delivery: Delivery
    /// Form fields of the service's application form, by catalogue field name.
    public var form: [String: JSONValue]
    public var documents: [SubmittedDocument]

    public init(
        applicationId: String, service: String, scenario: String, channel: Channel, submittedAt: Date,
        applicant: Person, subject: Person? = nil, consent: Consent? = nil, purpose: String? = nil, party: String? = nil,
        branchId: String? = nil, delivery: Delivery, form: [String: JSONValue] = [:], documents: [SubmittedDocument] = []
    ) {
        self.applicationId = applicationId
        self.service = service
        self.scenario = scenario
        self.channel = channel
        self.submittedAt = submittedAt
        self.applicant = applicant
        self.subject = subject
        self.consent = consent
        self.purpose = purpose
        self.party = party
        self.branchId = branchId
        self.delivery = delivery
        self.form = form
        self.documents = documents
    }

    public struct Person: Codable, Sendable, Equatable {
        public var iin: String
        public var lastName: String
        public var firstName: String
        public var patronymic: String?

        public init(iin: String, lastName: String, firstName: String, patronymic: String? = nil) {
            self.iin = iin
            self.lastName = lastName
            self.firstName = firstName
            self.patronymic = patronymic
        }
    }

    public struct Consent: Codable, Sendable, Equatable {
        public var subjectIin: String
        /// `otp`, `sms` or `cabinet`, as the standard allows.
        public var method: String
        public var givenAt: Date
        public var reference: String

        public init(subjectIin: String, method: String, givenAt: Date, reference: String) {
            self.subjectIin = subjectIin
            self.method = method
            self.givenAt = givenAt
            self.reference = reference
        }
    }

    public struct SubmittedDocument: Codable, Sendable, Equatable {
        /// A document type code from the catalogue, e.g. `id-card`, `military-id`.
        public var type: String
        public var number: String?
        public var issuedOn: LocalDate?
        public var validUntil: LocalDate?
        /// `original`, `copy`, `electronic-copy` or `digital` (the digital documents service).
        public var form: String

        public init(type: String, number: String? = nil, issuedOn: LocalDate? = nil, validUntil: LocalDate? = nil, form: String) {
            self.type = type
            self.number = number
            self.issuedOn = issuedOn
            self.validUntil = validUntil
            self.form = form
        }
    }
}
