import Foundation
import Hummingbird
import QyzmetCredentials
import QyzmetDomain

/// Who is calling an officer's or operator's endpoint: the bearer token, verified against the
/// trust store's `officer-tokens` keys and the service's own clock. A request field never says who
/// acted.
public actor OfficerAuthentication {
    private let trust: TrustStore
    private let clock: any ServiceClock
    private var verifier: OfficerTokens?

    public init(trust: TrustStore, clock: any ServiceClock) {
        self.trust = trust
        self.clock = clock
    }

    /// The caller's credential, which must have one of `roles`.
    public func credential(_ request: Request, roles: Set<OfficerCredential.Role>) async throws -> OfficerCredential {
        let tokens = try await tokens()
        let credential: OfficerCredential
        do { credential = try await tokens.verify(authorization: request.headers[.authorization], now: clock.now()) } catch {
            throw CommandRejection.unauthenticated(error.description)
        }
        guard roles.contains(credential.role) else {
            throw CommandRejection.forbidden("\(credential.officer) is \(credential.role.rawValue); this needs \(roles.map(\.rawValue).sorted().joined(separator: " or "))")
        }
        return credential
    }

    private func tokens() async throws -> OfficerTokens {
        if let verifier { return verifier }
        let keys = trust.keys.filter { $0.purpose == OfficerTokens.purpose }.map { (keyId: $0.keyId, key: $0.publicKey) }
        let made = try await OfficerTokens.verifier(publicKeys: keys)
        verifier = made
        return made
    }
}
