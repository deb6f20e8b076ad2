import Foundation

/// The code printed on a result beside its number: 50 random bits in Crockford's base32
/// (`K7M2Q-9XP4T`), so that a verifier who holds the paper can check it and nobody can walk the
/// document numbers to read other people's results.
enum VerificationCode {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<10).map { _ in alphabet[Int(generator.next(upperBound: UInt8(alphabet.count)))] }
        return String(characters[0..<5]) + "-" + String(characters[5...])
    }

    /// Compares without stopping at the first difference, and ignores case, spaces and hyphens.
    static func matches(_ given: String, _ expected: String) -> Bool {
        func normal(_ s: String) -> [UInt8] { Array(s.uppercased().filter { $0 != "-" && $0 != " " }.utf8) }
        let a = normal(given), b = normal(expected)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
