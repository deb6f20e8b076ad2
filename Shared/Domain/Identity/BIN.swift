/// A business identification number of a legal entity: registration year and month, the kind of
/// entity, its unit, a serial and the same check digit as an IIN (Law "On national registers of
/// identification numbers", rules of forming the BIN).
public enum BIN {
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case notTwelveDigits
        case invalidMonth
        /// The 5th digit: 4 resident legal entity, 5 non-resident, 6 individual entrepreneur (joint).
        case invalidEntityKind
        /// The 6th digit: 0 head office, 1 branch, 2 representative office, 3 peasant farm.
        case invalidUnit
        case checkDigitMismatch

        public var description: String {
            switch self {
            case .notTwelveDigits: return "a BIN is exactly 12 digits"
            case .invalidMonth: return "digits 3-4 are the month of registration, 01-12"
            case .invalidEntityKind: return "the 5th digit must be 4, 5 or 6 (the kind of legal entity)"
            case .invalidUnit: return "the 6th digit must be 0-3 (head office, branch, representative office, peasant farm)"
            case .checkDigitMismatch: return "the check digit does not match"
            }
        }
    }

    public static func problem(_ text: String) -> Problem? {
        let bytes = Array(text.utf8)
        guard bytes.count == 12, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return .notTwelveDigits }
        let d = bytes.map { Int($0) - 48 }
        guard (1...12).contains(d[2] * 10 + d[3]) else { return .invalidMonth }
        guard [4, 5, 6].contains(d[4]) else { return .invalidEntityKind }
        guard (0...3).contains(d[5]) else { return .invalidUnit }
        guard IIN.checkDigit(Array(d.prefix(11))) == d[11] else { return .checkDigitMismatch }
        return nil
    }

    public static func isValid(_ text: String) -> Bool { problem(text) == nil }
}
