import Foundation
import QyzmetDomain

/// A service's part in keeping personal data off the wire in clear (`SealedData`): the public
/// keys it seals hand-offs and dead letters with, and its own private key to open what was
/// sealed for it.
public struct Sealing: Sendable {
    /// Where sealing keys are published; nil when the trust store has none (a deployment from
    /// before sealing), and then everything travels as it did.
    public let trust: TrustStore?
    public let keys: SealingKeyRing

    public init(trust: TrustStore, keys: SealingKeyRing) {
        self.trust = trust.keys.contains { $0.purpose.hasPrefix("sealing:") } ? trust : nil
        self.keys = keys
    }

    private init() {
        trust = nil
        keys = .none
    }

    public static let off = Sealing()

    /// Whether this service seals what it writes.
    public var isOn: Bool { trust != nil }

    /// Seals an event for the reader of `topic`, when that topic carries personal data.
    public func seal(_ envelope: inout EventEnvelope, on topic: String) throws {
        guard let trust, let reader = Topics.sealedFor(topic) else { return }
        try SealedData.seal(&envelope, for: reader, trust: trust)
    }

    /// A dead letter's original bytes, sealed for ops (`sealing:ops`): it may carry personal data
    /// however it came. nil when ops has no key.
    public func sealForOps(_ original: Data, context: Data) throws -> Data? {
        guard let trust, trust.keys.contains(where: { $0.purpose == SealedData.purpose(for: Topics.opsReader) }) else { return nil }
        return try SealedData.seal(original, for: Topics.opsReader, context: context, trust: trust).canonicalData()
    }

    /// The private keys in `<name>-seal.key`; a service the trust store seals for must have one.
    public static func keys(of name: String, in directory: URL, trust: TrustStore) throws -> SealingKeyRing {
        if let ring = try SealingKeyRing.load(name, from: directory) { return ring }
        if trust.keys.contains(where: { $0.purpose == SealedData.purpose(for: name) }) {
            throw MissingKey(path: directory.appendingPathComponent("\(name)-seal.key").path)
        }
        return .none
    }
}
