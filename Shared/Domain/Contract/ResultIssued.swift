import Foundation

/// A numbered, signed result: the certificate, a motivated refusal or an interim reply.
public struct ResultIssued: Codable, Sendable, Equatable {
    /// The kind of document, as the catalogue's form names it (`certificate`, `refusal`,
    /// `e-notice`, `collection-notice`, ...): consumers must accept kinds they do not know yet.
    public struct Kind: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let certificate = Kind(rawValue: "certificate")
        public static let refusal = Kind(rawValue: "refusal")
        public static let interimReply = Kind(rawValue: "interim-reply")
        public static let extensionNotice = Kind(rawValue: "extension-notice")
        public static let hearingNotice = Kind(rawValue: "hearing-notice")
        public static let collectionNotice = Kind(rawValue: "collection-notice")
        public static let eNotice = Kind(rawValue: "e-notice")
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
    /// True for a notice that leaves the case open (an extension, a request for payment); false
    /// for the documents of the decision that closes it. Added in contract 1.2.
    public var notice: Bool?
    /// The code printed on the document, which public verification asks for with its number (the
    /// holder's copy carries it; contract 1.2).
    public var verificationCode: String?

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
