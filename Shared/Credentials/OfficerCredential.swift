import Foundation
import JWTKit

/// Who an officer or operator is, as a token signed by the issuing key says: the credential, not a
/// request field, names who acted. Executors act on the cases of their authority assigned to
/// them; supervisors see the whole worklist and reassign; operators hand results over at their
/// branch.
public struct OfficerCredential: JWTPayload, Sendable, Equatable {
    public enum Role: String, Codable, Sendable {
        case executor
        case supervisor
        case `operator`
    }

    /// The officer's id (`lmab-officer-1`), as review's staff list and the action log name them.
    public var sub: SubjectClaim
    public var role: Role
    /// The provider the officer works for (`LMAB`, `CLSSA`).
    public var provider: String?
    /// The authority (office id) an executor or supervisor belongs to; nil: any of the provider's.
    public var authority: String?
    /// The State Corporation branch an operator works at.
    public var branch: String?
    public var iat: IssuedAtClaim
    public var exp: ExpirationClaim

    public init(officer: String, role: Role, provider: String? = nil, authority: String? = nil, branch: String? = nil, issuedAt: Date, expires: Date) {
        sub = SubjectClaim(value: officer)
        self.role = role
        self.provider = provider
        self.authority = authority
        self.branch = branch
        iat = IssuedAtClaim(value: issuedAt)
        exp = ExpirationClaim(value: expires)
    }

    public var officer: String { sub.value }

    /// The signature is checked by the key collection; the expiry is checked against the service's
    /// own clock (which tests and demonstrations move), in `OfficerTokens.verify`.
    public func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// Issues and verifies officers' tokens: EdDSA JWTs signed by the issuing key (trust purpose
/// `officer-tokens`), verified by every service that takes an officer's or operator's action.
public struct OfficerTokens: Sendable {
    public static let purpose = "officer-tokens"

    private let keys: JWTKeyCollection
    private let canSign: Bool

    public enum Failure: Error, CustomStringConvertible {
        case missing
        case invalid(String)
        case expired

        public var description: String {
            switch self {
            case .missing: return "an officer's token is required: Authorization: Bearer <token> (qyzmet officer-token)"
            case .invalid(let why): return "the officer's token is not valid: \(why)"
            case .expired: return "the officer's token has expired"
            }
        }
    }

    /// A verifier over the trusted public keys: `(keyId, base64 raw Ed25519 public key)`.
    public static func verifier(publicKeys: [(keyId: String, key: String)]) async throws -> OfficerTokens {
        let keys = JWTKeyCollection()
        for (keyId, key) in publicKeys {
            guard let raw = Data(base64Encoded: key) else { throw Failure.invalid("public key \(keyId) is not base64") }
            let backing = try Curve25519Signing.publicKey(raw)
            await keys.add(eddsa: EdDSA.PublicKey(backing: backing), kid: JWKIdentifier(string: keyId))
        }
        return OfficerTokens(keys: keys, canSign: false)
    }

    /// An issuer with the private key (the CLI, and the simulated officers of tests and demonstrations).
    public static func issuer(keyId: String, base64PrivateKey: String) async throws -> OfficerTokens {
        guard let raw = Data(base64Encoded: base64PrivateKey) else { throw Failure.invalid("the issuing key is not base64") }
        let keys = JWTKeyCollection()
        await keys.add(eddsa: EdDSA.PrivateKey(backing: try Curve25519Signing.privateKey(raw)), kid: JWKIdentifier(string: keyId))
        return OfficerTokens(keys: keys, canSign: true)
    }

    /// An issuer from a key file as the repository keeps them: `{"keyId", "privateKey": "<base64 raw Ed25519>"}`.
    public static func issuer(keyFile: URL) async throws -> OfficerTokens {
        struct KeyFile: Decodable {
            var keyId: String
            var privateKey: String
        }
        let file = try JSONDecoder().decode(KeyFile.self, from: Data(contentsOf: keyFile))
        return try await issuer(keyId: file.keyId, base64PrivateKey: file.privateKey)
    }

    public func token(for credential: OfficerCredential) async throws -> String {
        guard canSign else { throw Failure.invalid("this key collection only verifies") }
        return try await keys.sign(credential)
    }

    /// The credential of an `Authorization` header's bearer token, valid at `now`.
    public func verify(authorization: String?, now: Date) async throws(Failure) -> OfficerCredential {
        guard let authorization, authorization.hasPrefix("Bearer ") else { throw .missing }
        let token = String(authorization.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        let credential: OfficerCredential
        do { credential = try await keys.verify(token, as: OfficerCredential.self) } catch {
            throw .invalid("\(error)")
        }
        guard credential.exp.value > now else { throw .expired }
        return credential
    }
}
