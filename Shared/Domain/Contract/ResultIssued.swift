import Foundation

/// A numbered, signed result: the certificate, a motivated refusal or an interim reply.
public struct ResultIssued: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case certificate
        case refusal
        case interimReply = "interim-reply"
        case extensionNotice = "extension-notice"
        case hearingNotice = "hearing-notice"
    }

    public enum Format: String, Codable, Sendable {
        case paper
        case electronic
    }

    public var applicationId: String
    public var registrationNumber: String
    public var documentNumber: String
    public var service: String
    public var kind: Kind
    /// The regulation's form, e.g. `App 49` or `Rules App 5`.
    public var form: String
    public var format: Format
    public var copies: Int
    public var delivery: Delivery
    public var issuedAt: Date
    /// SHA-256 of the canonical document content; the verification lookup returns the same.
    public var digest: String
    public var signature: DetachedSignature
    /// Where to verify: `GET /documents/{documentNumber}` on issuance.
    public var verificationPath: String

    public init(applicationId: String, registrationNumber: String, documentNumber: String, service: String, kind: Kind, form: String, format: Format, copies: Int, delivery: Delivery, issuedAt: Date, digest: String, signature: DetachedSignature, verificationPath: String) {
        self.applicationId = applicationId
        self.registrationNumber = registrationNumber
        self.documentNumber = documentNumber
        self.service = service
        self.kind = kind
        self.form = form
        self.format = format
        self.copies = copies
        self.delivery = delivery
        self.issuedAt = issuedAt
        self.digest = digest
        self.signature = signature
        self.verificationPath = verificationPath
    }
}
