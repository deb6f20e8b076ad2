import Crypto
import Foundation
import Synchronization

/// Personal data on a topic is readable only by the service that consumes it. The producer seals
/// an event's `data` for the reader's X25519 key and then signs the sealed form, so the reader
/// checks who sent it before it spends a key operation. The envelope's id, type, source and
/// application id stay in clear for routing, dead letters and audit, and are the ciphertext's
/// associated data: sealed data cannot be moved to another event.
///
/// Envelope encryption with a cached data key, as KMS clients do: the data is encrypted with
/// ChaCha20-Poly1305 under a random 256-bit data key, and the data key is sealed for the reader with
/// HPKE (RFC 9180: X25519, HKDF-SHA256, ChaCha20-Poly1305). A producer keeps one data key per reader
/// for `DataKeys.lifetime` and the reader keeps the keys it has opened, so the two X25519 operations
/// per side are paid once per data key, not per message: sealing every hand-off with HPKE alone cost
/// a fifth of the pipeline's throughput (docs/benchmark.md).
///
/// On the wire `data` is `{"sealed": {"alg", "for", "keyId", "enc", "wk", "ct"}}`: base64 of the
/// HPKE encapsulated key, of the HPKE-sealed data key, and of nonce‖ciphertext‖tag.
public enum SealedData {
    public static let algorithm = "x25519-hpke-wrapped-chachapoly"
    static let info = Data("qyzmet.sealed.v1".utf8)
    static let suite = HPKE.Ciphersuite.Curve25519_SHA256_ChachaPoly

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case noRecipientKey(String)
        case malformed(String)
        case notForUs(keyId: String, recipient: String)
        case unreadable(String)

        public var description: String {
            switch self {
            case .noRecipientKey(let r): "the trust store has no sealing key for \(r) (purpose sealing:\(r))"
            case .malformed(let why): "the sealed data is malformed: \(why)"
            case .notForUs(let keyId, let r): "the data is sealed for \(r) with key \(keyId), which this reader does not hold"
            case .unreadable(let why): "the sealed data does not open: \(why)"
            }
        }
    }

    /// The trust-store purpose of the key data for `recipient` is sealed with.
    public static func purpose(for recipient: String) -> String { "sealing:\(recipient)" }

    public static func isSealed(_ data: JSONValue) -> Bool { data["sealed"] != nil }

    /// The recipient a sealed value names, for logs and errors.
    public static func recipient(of data: JSONValue) -> String? { data["sealed"]?["for"]?.stringValue }

    /// What the wrapped data key is bound to: its reader and the reader's key.
    static func dataKeyContext(recipient: String, keyId: String) -> Data { Data("qyzmet.data-key.v1\n\(recipient)\n\(keyId)".utf8) }

    public static func seal(_ plaintext: Data, for recipient: String, context: Data, trust: TrustStore) throws -> JSONValue {
        guard let entry = trust.keys.last(where: { $0.purpose == purpose(for: recipient) }) else { throw Problem.noRecipientKey(recipient) }
        let dataKey = try DataKeys.current(for: entry, recipient: recipient)
        let box = try ChaChaPoly.seal(plaintext, using: dataKey.key, authenticating: context)
        return .object(["sealed": .object([
            "alg": .string(algorithm), "for": .string(recipient), "keyId": .string(entry.keyId),
            "enc": .string(dataKey.enc), "wk": .string(dataKey.wrapped), "ct": .string(box.combined.base64EncodedString()),
        ])])
    }

    public static func open(_ data: JSONValue, context: Data, keys: SealingKeyRing) throws(Problem) -> Data {
        // Nothing beside the box: what a producer put next to sealed data would be dropped unseen.
        guard case .object(let outer) = data, outer.count == 1 else { throw .malformed("sealed data has only the member sealed") }
        guard let box = data["sealed"], case .object(let fields) = box, fields.count == 6 else { throw .malformed("expected alg, for, keyId, enc, wk and ct") }
        guard box["alg"]?.stringValue == algorithm else { throw .malformed("alg is not \(algorithm)") }
        guard let keyId = box["keyId"]?.stringValue, let recipient = box["for"]?.stringValue else { throw .malformed("no keyId or for") }
        guard let key = keys[keyId] else { throw .notForUs(keyId: keyId, recipient: recipient) }
        guard let enc = box["enc"]?.stringValue, let wrapped = box["wk"]?.stringValue,
              let ct = box["ct"]?.stringValue.flatMap({ Data(base64Encoded: $0) }) else { throw .malformed("enc, wk and ct are base64") }
        do {
            let dataKey = try DataKeys.opened(enc: enc, wrapped: wrapped, with: key, recipient: recipient)
            return try ChaChaPoly.open(ChaChaPoly.SealedBox(combined: ct), using: dataKey, authenticating: context)
        } catch let problem as Problem {
            throw problem
        } catch {
            throw .unreadable("\(error)")
        }
    }

    /// An event's sealing context: what of the envelope stays in clear and must not change.
    public static func context(id: String, type: String, source: String, applicationId: String) -> Data {
        Data("qyzmet.event.v1\n\(id)\n\(type)\n\(source)\n\(applicationId)".utf8)
    }

    /// Seals an envelope's data for `recipient` (before it is signed).
    public static func seal(_ envelope: inout EventEnvelope, for recipient: String, trust: TrustStore) throws {
        envelope.data = try seal(envelope.data.canonicalData(), for: recipient, context: context(of: envelope), trust: trust)
    }

    /// Opens an envelope's sealed data in place; an envelope in clear is left as it is.
    public static func open(_ envelope: inout EventEnvelope, keys: SealingKeyRing) throws(Problem) {
        guard isSealed(envelope.data) else { return }
        let plaintext = try open(envelope.data, context: context(of: envelope), keys: keys)
        do {
            envelope.data = try JSONValue.parse(plaintext)
        } catch {
            throw .malformed("the opened data is not JSON: \(error.description)")
        }
    }

    static func context(of envelope: EventEnvelope) -> Data {
        context(id: envelope.id, type: envelope.type, source: envelope.source, applicationId: envelope.applicationId)
    }
}

/// A reader's private X25519 key (`<name>-seal.key`: `{"keyId", "privateKey": "<base64 raw>"}`).
public struct SealingKey: Sendable {
    public let keyId: String
    private let box: KeyBox<Curve25519.KeyAgreement.PrivateKey>
    var key: Curve25519.KeyAgreement.PrivateKey { box.key }

    public init(keyId: String, base64PrivateKey: String) throws {
        guard let raw = Data(base64Encoded: base64PrivateKey.trimmingCharacters(in: .whitespacesAndNewlines)),
              let key = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: raw) else { throw KeyError.malformed(keyId) }
        self.keyId = keyId
        self.box = KeyBox(key)
    }

    public init(keyId: String, generated: Void = ()) {
        self.keyId = keyId
        self.box = KeyBox(Curve25519.KeyAgreement.PrivateKey())
    }

    public var publicKeyBase64: String { key.publicKey.rawRepresentation.base64EncodedString() }
    public var privateKeyBase64: String { key.rawRepresentation.base64EncodedString() }
}

/// The sealing keys a reader holds, by key id: the current one and any it still reads with
/// after a rotation.
public struct SealingKeyRing: Sendable {
    let keys: [String: SealingKey]

    public init(_ keys: [SealingKey]) { self.keys = Dictionary(keys.map { ($0.keyId, $0) }) { _, new in new } }

    /// One ring holding the keys of several (a tool that reads what was sealed for anyone).
    public init(merging rings: [SealingKeyRing]) { self.init(rings.flatMap { Array($0.keys.values) }) }

    public subscript(keyId: String) -> SealingKey? { keys[keyId] }
    public var isEmpty: Bool { keys.isEmpty }
    public static let none = SealingKeyRing([])

    /// The key in `<name>-seal.key` of a keys directory, and the one before it in
    /// `<name>-seal.previous.key` during a rotation (what was sealed for it is still in flight);
    /// nil when there is no current key file.
    public static func load(_ name: String, from directory: URL) throws -> SealingKeyRing? {
        func key(_ file: String) throws -> SealingKey? {
            guard let data = try? Data(contentsOf: directory.appendingPathComponent(file)) else { return nil }
            let fields = try JSONDecoder().decode([String: String].self, from: data)
            return try SealingKey(keyId: fields["keyId"] ?? file, base64PrivateKey: fields["privateKey"] ?? "")
        }
        guard let current = try key("\(name)-seal.key") else { return nil }
        return SealingKeyRing([try key("\(name)-seal.previous.key"), current].compactMap { $0 })
    }
}

/// The data keys of this process: the one it seals with for each reader key, and those it has
/// opened as a reader.
enum DataKeys {
    /// How long a producer seals with one data key before it makes the next.
    static let lifetime: TimeInterval = 600
    /// How many opened data keys a reader keeps (one per producer per lifetime in steady state).
    static let openedLimit = 4096

    struct Current {
        var key: SymmetricKey
        var enc: String
        var wrapped: String
        var until: Date
    }

    private static let sealing = Mutex<[String: Current]>([:])
    private static let openedKeys = Mutex<[String: SymmetricKey]>([:])

    static func current(for entry: TrustStore.Entry, recipient: String, now: Date = Date()) throws -> Current {
        let cacheKey = entry.keyId + " " + entry.publicKey
        if let current = sealing.withLock({ $0[cacheKey] }), current.until > now { return current }
        guard let raw = Data(base64Encoded: entry.publicKey), let publicKey = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: raw) else {
            throw SealedData.Problem.malformed("the public key \(entry.keyId) is not base64 of a raw X25519 key")
        }
        let key = SymmetricKey(size: .bits256)
        var sender = try HPKE.Sender(recipientKey: publicKey, ciphersuite: SealedData.suite, info: SealedData.info)
        let wrapped = try key.withUnsafeBytes { try sender.seal(Data($0), authenticating: SealedData.dataKeyContext(recipient: recipient, keyId: entry.keyId)) }
        let current = Current(key: key, enc: sender.encapsulatedKey.base64EncodedString(), wrapped: wrapped.base64EncodedString(), until: now.addingTimeInterval(lifetime))
        sealing.withLock { $0[cacheKey] = current }
        return current
    }

    static func opened(enc: String, wrapped: String, with key: SealingKey, recipient: String) throws -> SymmetricKey {
        // Keyed by everything that went into the data key: a known `enc` with another wrapped
        // key is opened (and fails) on its own, never served from the cache.
        let cacheKey = key.keyId + " " + enc + " " + wrapped
        if let known = openedKeys.withLock({ $0[cacheKey] }) { return known }
        guard let encData = Data(base64Encoded: enc), let wrappedData = Data(base64Encoded: wrapped) else {
            throw SealedData.Problem.malformed("enc and wk are base64")
        }
        var recipientContext = try HPKE.Recipient(privateKey: key.key, ciphersuite: SealedData.suite, info: SealedData.info, encapsulatedKey: encData)
        let raw = try recipientContext.open(wrappedData, authenticating: SealedData.dataKeyContext(recipient: recipient, keyId: key.keyId))
        guard raw.count == 32 else { throw SealedData.Problem.malformed("the data key is not 256 bits") }
        let dataKey = SymmetricKey(data: raw)
        openedKeys.withLock {
            if $0.count >= openedLimit { $0.removeAll(keepingCapacity: true) }
            $0[cacheKey] = dataKey
        }
        return dataKey
    }
}
