import Foundation

/// The State Corporation's receipt (para 84 of the military registration rules): either the
/// package was accepted, with a registration number and due date, or acceptance was refused
/// (App 30) with the reason.
public struct Receipt: Codable, Sendable, Equatable {
    public enum Outcome: String, Codable, Sendable { case accepted, refused }

    public var applicationId: String
    public var service: String
    public var channel: Channel
    public var outcome: Outcome
    public var issuedAt: Date
    public var registrationNumber: String?
    /// The day counting starts from: the day of filing, or the next working day when filed after
    /// hours, on a weekend or a holiday. It is itself not counted.
    public var acceptedOn: LocalDate?
    public var dueAt: Date?
    public var dueDate: LocalDate?
    public var refusal: RefusalToAccept?
    /// The act version the application is judged by.
    public var rulesVersion: String?
    /// Cases opened by the same application under the one-application principle (the apostille
    /// on the certificate): each with its own number, starting when its document exists.
    public var linked: [LinkedReceipt]?

    public init(
        applicationId: String, service: String, channel: Channel, outcome: Outcome, issuedAt: Date,
        registrationNumber: String? = nil, acceptedOn: LocalDate? = nil, dueAt: Date? = nil, dueDate: LocalDate? = nil,
        refusal: RefusalToAccept? = nil
    ) {
        self.applicationId = applicationId
        self.service = service
        self.channel = channel
        self.outcome = outcome
        self.issuedAt = issuedAt
        self.registrationNumber = registrationNumber
        self.acceptedOn = acceptedOn
        self.dueAt = dueAt
        self.dueDate = dueDate
        self.refusal = refusal
    }
}

/// A case the same application opened for another service (contract 1.3).
public struct LinkedReceipt: Codable, Sendable, Equatable {
    public var applicationId: String
    public var service: String
    public var registrationNumber: String
    /// When it starts: `on approved of <main application id>`; its term counts from then.
    public var startsWhen: String

    public init(applicationId: String, service: String, registrationNumber: String, startsWhen: String) {
        self.applicationId = applicationId
        self.service = service
        self.registrationNumber = registrationNumber
        self.startsWhen = startsWhen
    }
}

public struct RefusalToAccept: Codable, Sendable, Equatable {
    /// `incomplete-package`, `expired-documents`, `unknown-person`, `identity-mismatch`,
    /// `missing-consent`, `invalid-application`, `unknown-service`, `channel-not-offered`,
    /// `unknown-scenario`, `invalid-iin`.
    public var code: String
    public var reason: String
    public var missingDocuments: [String]
    public var expiredDocuments: [String]
    public var missingFields: [String]
    /// The refusal form, e.g. App 30 of the military registration rules.
    public var form: String?

    public init(code: String, reason: String, missingDocuments: [String] = [], expiredDocuments: [String] = [], missingFields: [String] = [], form: String? = nil) {
        self.code = code
        self.reason = reason
        self.missingDocuments = missingDocuments
        self.expiredDocuments = expiredDocuments
        self.missingFields = missingFields
        self.form = form
    }
}
