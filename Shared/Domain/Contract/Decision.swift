import Foundation

/// The authority's decision on a case.
public struct Decision: Codable, Sendable, Equatable {
    /// An outcome as the catalogue names it: `approved`, `refused`, `interim-reply`,
    /// `extension-notice`, `hearing-notice`, or any other word a service's results define.
    public struct Outcome: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let approved = Outcome(rawValue: "approved")
        /// A motivated refusal on the catalogue's refusal grounds.
        public static let refused = Outcome(rawValue: "refused")
        /// Criminal record, additional reference check: an interim reply telling the applicant
        /// when to re-apply.
        public static let interimReply = Outcome(rawValue: "interim-reply")
        /// The term was extended; the applicant is told the new due date.
        public static let extensionNotice = Outcome(rawValue: "extension-notice")
        /// A preliminary refusal: the applicant is invited to a hearing.
        public static let hearingNotice = Outcome(rawValue: "hearing-notice")
    }

    public struct DecidedBy: Codable, Sendable, Equatable {
        /// `automatic` where the regulation automates the service, else `executor`.
        public var kind: String
        public var executorId: String?

        public init(kind: String, executorId: String? = nil) {
            self.kind = kind
            self.executorId = executorId
        }
    }

    public struct Ground: Codable, Sendable, Equatable {
        public var code: String
        public var text: String

        public init(code: String, text: String) {
            self.code = code
            self.text = text
        }
    }

    public var applicationId: String
    public var registrationNumber: String
    public var service: String
    public var channel: Channel
    public var purpose: String?
    public var outcome: Outcome
    public var decidedAt: Date
    public var decidedBy: DecidedBy
    public var grounds: [Ground]
    public var motivation: String?
    /// Facts the result document states, e.g. `criminalRecord: none`.
    public var facts: [String: String]
    public var reapplyAfter: LocalDate?
    /// The person the document is about (certificate holder or applicant).
    public var holder: PersonRecord
    public var branchId: String?
    public var delivery: Delivery
    public var dueAt: Date
    /// The act version the case is judged by; issuance takes the form wording from it.
    public var rulesVersion: String?
    /// Distinguishes several documents of one case (an extension notice, then the certificate).
    public var sequence: Int?
    /// For a hearing notice: when and where the hearing takes place.
    public var hearingAt: Date?
    /// The scenario and party of the application: which form a result takes can depend on them.
    public var scenario: String?
    public var party: String?
    /// True for a notice (the case stays open), false for the decision that closes it. Contract
    /// 1.0 events lack it: then the three notice outcomes of that version are notices.
    public var notice: Bool?
    /// The document types of the package: a result's wording may depend on what was submitted.
    public var documentTypes: [String]?
    /// SHA-256 of the number of the notarised power of attorney the application was filed under
    /// (contract 1.3): a representative collecting a paper result shows that one.
    public var attorneyDigest: String?

    public var isNotice: Bool { notice ?? [.interimReply, .extensionNotice, .hearingNotice].contains(outcome) }

    public init(applicationId: String, registrationNumber: String, service: String, channel: Channel, purpose: String?, outcome: Outcome, decidedAt: Date, decidedBy: DecidedBy, grounds: [Ground], motivation: String?, facts: [String: String], reapplyAfter: LocalDate?, holder: PersonRecord, branchId: String?, delivery: Delivery, dueAt: Date) {
        self.applicationId = applicationId
        self.registrationNumber = registrationNumber
        self.service = service
        self.channel = channel
        self.purpose = purpose
        self.outcome = outcome
        self.decidedAt = decidedAt
        self.decidedBy = decidedBy
        self.grounds = grounds
        self.motivation = motivation
        self.facts = facts
        self.reapplyAfter = reapplyAfter
        self.holder = holder
        self.branchId = branchId
        self.delivery = delivery
        self.dueAt = dueAt
    }
}
