import Foundation
import QyzmetDomain

/// The trust store every service reads and the private key of a service that signs
/// (identity signs gateway answers, issuance signs result documents).
public struct KeyMaterial: Sendable {
    public let trust: TrustStore
    public let signingKey: SigningKey?

    /// A private key file: `{"keyId": "...", "privateKey": "<base64 raw Ed25519>"}`.
    public struct KeyFile: Codable {
        public var keyId: String
        public var privateKey: String

        public init(keyId: String, privateKey: String) {
            self.keyId = keyId
            self.privateKey = privateKey
        }
    }

    public init(trust: TrustStore, signingKey: SigningKey?) {
        self.trust = trust
        self.signingKey = signingKey
    }

    public static func load(directory: URL, keyName: String?) throws -> KeyMaterial {
        let trust = try TrustStore.load(from: directory.appendingPathComponent("trust.json"))
        guard let keyName else { return KeyMaterial(trust: trust, signingKey: nil) }
        let file = try JSONDecoder().decode(KeyFile.self, from: Data(contentsOf: directory.appendingPathComponent("\(keyName).key")))
        return KeyMaterial(trust: trust, signingKey: try SigningKey(keyId: file.keyId, base64PrivateKey: file.privateKey))
    }
}
