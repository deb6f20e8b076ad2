import Crypto
import Foundation

/// Raw Ed25519 keys as the repository's key files hold them (32 bytes, base64).
enum Curve25519Signing {
    static func publicKey(_ raw: Data) throws -> Curve25519.Signing.PublicKey { try .init(rawRepresentation: raw) }
    static func privateKey(_ raw: Data) throws -> Curve25519.Signing.PrivateKey { try .init(rawRepresentation: raw) }
}
