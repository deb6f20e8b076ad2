import Foundation
import QyzmetDomain

/// A key file a service cannot start without.
public struct MissingKey: Error, CustomStringConvertible {
    public var path: String
    public var description: String {
        "the key file \(path) is missing: every service signs its events with <service>-events.key, and identity and issuance also need their answer and document keys (docs/runbook.md)"
    }
}

/// The trust store every service reads and the private key of a service that signs
/// (identity signs gateway answers, issuance signs result documents).
public struct KeyMaterial: Sendable {
    public let trust: TrustStore
    public let signingKey: SigningKey?
    /// The key this service signs its events with (`<service>-events.key`), trusted for `service:<name>`.
    public let eventKey: SigningKey?
    /// What this service seals for others and opens for itself (`<service>-seal.key`).
    public let sealing: Sealing

    /// A private key file: `{"keyId": "...", "privateKey": "<base64 raw Ed25519>"}`.
    public struct KeyFile: Codable {
        public var keyId: String
        public var privateKey: String

        public init(keyId: String, privateKey: String) {
            self.keyId = keyId
            self.privateKey = privateKey
        }
    }

    public init(trust: TrustStore, signingKey: SigningKey?, eventKey: SigningKey? = nil, sealingKeys: SealingKeyRing = .none) {
        self.trust = trust
        self.signingKey = signingKey
        self.eventKey = eventKey
        self.sealing = Sealing(trust: trust, keys: sealingKeys)
    }

    public static func load(directory: URL, keyName: String?, service: String? = nil) throws -> KeyMaterial {
        let trust = try TrustStore.load(from: directory.appendingPathComponent("trust.json"))
        func key(_ name: String) throws -> SigningKey {
            let url = directory.appendingPathComponent("\(name).key")
            guard let data = try? Data(contentsOf: url) else { throw MissingKey(path: url.path) }
            let file = try JSONDecoder().decode(KeyFile.self, from: data)
            return try SigningKey(keyId: file.keyId, base64PrivateKey: file.privateKey)
        }
        return KeyMaterial(trust: trust, signingKey: try keyName.map(key), eventKey: try service.map { try key("\($0)-events") },
                           sealingKeys: try service.map { try Sealing.keys(of: $0, in: directory, trust: trust) } ?? .none)
    }
}
