import Crypto
import Foundation
import Synchronization

/// A detached Ed25519 signature over canonical JSON, with a purpose prefix so that a signature
/// made for one kind of document never verifies as another kind.
public struct DetachedSignature: Codable, Hashable, Sendable {
    /// How the signer authenticated: `eds` (ЭЦҚ; also the provider's signature on results),
    /// `otp` (one-time password), `operator` (front office employee), `service` (the gateway).
    public var method: String
    public var keyId: String
    /// Base64 of the 64-byte Ed25519 signature.
    public var value: String

    public init(method: String, keyId: String, value: String) {
        self.method = method
        self.keyId = keyId
        self.value = value
    }
}

/// The kinds of signed documents; the raw value is the signing prefix.
public enum SigningPurpose: String, Sendable {
    case application = "qyzmet.application.v1"
    case gatewayResponse = "qyzmet.gateway-response.v1"
    case resultDocument = "qyzmet.result-document.v1"
    /// An event a service produced (`EventSignature`).
    case event = "qyzmet.event.v1"

    public func message(for content: JSONValue) -> Data {
        var data = Data((rawValue + "\n").utf8)
        data.append(content.canonicalData())
        return data
    }
}

public struct SigningKey: Sendable {
    public let keyId: String
    private let box: KeyBox<Curve25519.Signing.PrivateKey>
    private var key: Curve25519.Signing.PrivateKey { box.key }

    public init(keyId: String, base64PrivateKey: String) throws {
        guard let raw = Data(base64Encoded: base64PrivateKey.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw KeyError.malformed(keyId)
        }
        self.keyId = keyId
        self.box = KeyBox(try Curve25519.Signing.PrivateKey(rawRepresentation: raw))
    }

    public init(keyId: String, generated: Void = ()) {
        self.keyId = keyId
        self.box = KeyBox(Curve25519.Signing.PrivateKey())
    }

    public var publicKeyBase64: String { key.publicKey.rawRepresentation.base64EncodedString() }
    public var privateKeyBase64: String { key.rawRepresentation.base64EncodedString() }

    public func sign(_ content: JSONValue, purpose: SigningPurpose, method: String = "service") throws -> DetachedSignature {
        let signature = try key.signature(for: purpose.message(for: content))
        return DetachedSignature(method: method, keyId: keyId, value: signature.base64EncodedString())
    }
}

public enum KeyError: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case unknownKey(String)
    case wrongPurpose(keyId: String, expected: String)
    case badSignature(keyId: String)

    public var description: String {
        switch self {
        case .malformed(let id): return "key \(id) is not base64 of a raw Ed25519 key"
        case .unknownKey(let id): return "key \(id) is not in the trust store"
        case .wrongPurpose(let id, let expected): return "key \(id) is not trusted for \(expected)"
        case .badSignature(let id): return "signature does not verify with key \(id)"
        }
    }
}

/// Public keys this service trusts, each for one purpose (`channel:portal`,
/// `channel:state-corporation`, `gateway`, `provider`). Loaded from `trust.json`.
public struct TrustStore: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        public var keyId: String
        public var purpose: String
        public var publicKey: String

        public init(keyId: String, purpose: String, publicKey: String) {
            self.keyId = keyId
            self.purpose = purpose
            self.publicKey = publicKey
        }
    }

    public var keys: [Entry]

    public init(keys: [Entry]) { self.keys = keys }

    public static func load(from url: URL) throws -> TrustStore {
        try JSONDecoder().decode(TrustStore.self, from: Data(contentsOf: url))
    }

    /// What a key is trusted for, nil for a key the store does not know.
    public func purpose(ofKey keyId: String) -> String? { keys.first { $0.keyId == keyId }?.purpose }

    public func verify(_ signature: DetachedSignature, over content: JSONValue, purpose: SigningPurpose, trustedFor keyPurpose: String) throws(KeyError) {
        guard let entry = keys.first(where: { $0.keyId == signature.keyId }) else { throw .unknownKey(signature.keyId) }
        guard entry.purpose == keyPurpose else { throw .wrongPurpose(keyId: entry.keyId, expected: keyPurpose) }
        guard let publicKey = PublicKeyCache.key(entry.publicKey) else { throw .malformed(entry.keyId) }
        guard let signatureBytes = Data(base64Encoded: signature.value),
              publicKey.isValidSignature(signatureBytes, for: purpose.message(for: content)) else {
            throw .badSignature(keyId: signature.keyId)
        }
    }
}

public enum Digest {
    /// Lowercase hex SHA-256, used for request hashes and document digests.
    public static func sha256Hex(_ data: Data) -> String {
        Hex.lowercase(SHA256.hash(data: data))
    }
}

/// Lowercase hex without `String(format:)`, which is slow enough to dominate a profile.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func lowercase<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// An immutable key shared across threads. CryptoKit's keys are not marked `Sendable`, but
/// nothing mutates one after it is made; rebuilding it per signature (deriving the public key
/// again) cost about a third of the pipeline's throughput once every event was signed.
final class KeyBox<Key>: @unchecked Sendable {
    let key: Key
    init(_ key: Key) { self.key = key }
}

/// Parsed public keys by their base64 text: a trust store is read on every verified event.
enum PublicKeyCache {
    private static let keys = Mutex<[String: KeyBox<Curve25519.Signing.PublicKey>]>([:])

    static func key(_ base64: String) -> Curve25519.Signing.PublicKey? {
        if let cached = keys.withLock({ $0[base64] }) { return cached.key }
        guard let raw = Data(base64Encoded: base64), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return nil }
        keys.withLock { $0[base64] = KeyBox(key) }
        return key
    }
}
