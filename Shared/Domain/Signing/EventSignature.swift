import Foundation

/// A producing service's signature on an event that moves a case between services (a case
/// opened, a decision, a status, a gateway request, a register change): anyone can write to a
/// topic, so the consumer accepts such an event only when a key trusted for its producer signed it.
///
/// Carried in the CloudEvents extension attribute `qyzmetsignature` as `<keyId> <base64>`, over
/// the canonical JSON of the event's id, type, source, application id and data: a signed decision
/// cannot be replayed as another type of event, for another application, or from another source.
public enum EventSignature {
    public static let attribute = "qyzmetsignature"

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case unsigned
        case malformed
        case untrusted(String)
        case invalid(String)
        /// Signed by a key trusted for another producer than the event's `source` claims.
        case wrongSource(keyPurpose: String, source: String)

        public var description: String {
            switch self {
            case .unsigned: return "the event carries no \(EventSignature.attribute) attribute"
            case .malformed: return "\(EventSignature.attribute) is not '<keyId> <base64 signature>'"
            case .untrusted(let why): return "the signing key is not trusted here: \(why)"
            case .invalid(let why): return "the signature does not verify: \(why)"
            case .wrongSource(let purpose, let source): return "a key trusted for \(purpose) signed an event from \(source)"
            }
        }
    }

    static func content(_ envelope: EventEnvelope) -> JSONValue {
        .object([
            "id": .string(envelope.id), "type": .string(envelope.type), "source": .string(envelope.source),
            "applicationid": .string(envelope.applicationId), "data": envelope.data,
        ])
    }

    public static func sign(_ envelope: EventEnvelope, with key: SigningKey) throws -> String {
        let signature = try key.sign(content(envelope), purpose: .event)
        return "\(signature.keyId) \(signature.value)"
    }

    /// Checks that a key trusted for one of `producers` (`service:review`) signed the event, and
    /// that the event's source is that producer (`/qyzmet/review`). Returns the producer.
    @discardableResult
    public static func verify(_ envelope: EventEnvelope, trust: TrustStore, producers: Set<String>) throws(Problem) -> String {
        guard let text = envelope.signature else { throw .unsigned }
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw .malformed }
        guard let purpose = trust.purpose(ofKey: parts[0]) else { throw .untrusted("unknown key \(parts[0])") }
        guard producers.contains(purpose) else {
            throw .untrusted("key \(parts[0]) is trusted for \(purpose), not \(producers.sorted().joined(separator: " or "))")
        }
        guard purpose.hasPrefix("service:"), envelope.source == "/qyzmet/" + purpose.dropFirst("service:".count) else {
            throw .wrongSource(keyPurpose: purpose, source: envelope.source)
        }
        do {
            try trust.verify(DetachedSignature(method: "service", keyId: parts[0], value: parts[1]), over: content(envelope), purpose: .event, trustedFor: purpose)
        } catch {
            throw .invalid(error.description)
        }
        return purpose
    }
}
