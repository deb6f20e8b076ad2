/// Individual identification number (ЖСН / ИИН): twelve digits, YYMMDD, a century-and-sex digit,
/// a four-digit serial and a check digit.
public struct IIN: Hashable, Sendable, CustomStringConvertible {
    public enum Sex: String, Codable, Sendable { case male, female }

    public enum ValidationError: Error, Equatable, CustomStringConvertible {
        case notTwelveDigits
        case invalidCenturyDigit(Character)
        case invalidBirthDate
        case checkDigitMismatch(expected: Int?, found: Int)

        public var description: String {
            switch self {
            case .notTwelveDigits: return "an IIN is exactly 12 digits"
            case .invalidCenturyDigit(let c): return "the 7th digit must be 1-6 (century and sex), found \(c)"
            case .invalidBirthDate: return "the first six digits are not a valid birth date"
            case .checkDigitMismatch(let expected?, let found):
                return "check digit is \(found), expected \(expected)"
            case .checkDigitMismatch(nil, _):
                return "no valid check digit exists for these first 11 digits"
            }
        }
    }

    public let value: String
    public let birthDate: LocalDate
    public let sex: Sex

    public init(_ text: String) throws(ValidationError) {
        let digits = Array(text.utf8)
        guard digits.count == 12, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { throw .notTwelveDigits }
        let d = digits.map { Int($0) - 48 }
        let centuryDigit = d[6]
        guard (1...6).contains(centuryDigit) else { throw .invalidCenturyDigit(Character(UnicodeScalar(digits[6]))) }
        let century = 1800 + ((centuryDigit - 1) / 2) * 100
        guard let date = LocalDate(year: century + d[0] * 10 + d[1], month: d[2] * 10 + d[3], day: d[4] * 10 + d[5]) else {
            throw .invalidBirthDate
        }
        let expected = IIN.checkDigit(Array(d.prefix(11)))
        guard expected == d[11] else { throw .checkDigitMismatch(expected: expected, found: d[11]) }
        self.value = text
        self.birthDate = date
        self.sex = centuryDigit % 2 == 1 ? .male : .female
    }

    public static func isValid(_ text: String) -> Bool { (try? IIN(text)) != nil }

    /// The check digit for the first eleven digits, or nil when no IIN can be issued with them
    /// (both weighted sums leave 10).
    public static func checkDigit(_ first11: [Int]) -> Int? {
        precondition(first11.count == 11)
        let first = zip(first11, 1...11).reduce(0) { $0 + $1.0 * $1.1 } % 11
        if first != 10 { return first }
        let weights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]
        let second = zip(first11, weights).reduce(0) { $0 + $1.0 * $1.1 } % 11
        return second == 10 ? nil : second
    }

    /// Builds an IIN from its parts, or nil when this serial has no valid check digit.
    public static func make(birthDate: LocalDate, sex: Sex, serial: Int) -> IIN? {
        let centuryIndex = (birthDate.year - 1800) / 100
        guard (0...2).contains(centuryIndex), (0...9999).contains(serial) else { return nil }
        let centuryDigit = centuryIndex * 2 + (sex == .male ? 1 : 2)
        let yy = birthDate.year % 100
        var digits = [yy / 10, yy % 10, birthDate.month / 10, birthDate.month % 10, birthDate.day / 10, birthDate.day % 10, centuryDigit]
        digits += [serial / 1000, serial / 100 % 10, serial / 10 % 10, serial % 10]
        guard let check = checkDigit(digits) else { return nil }
        return try? IIN((digits + [check]).map(String.init).joined())
    }

    /// Safe for logs: the serial and check digit only. Birth date and sex are personal data too.
    public var redacted: String { IIN.redact(value) }

    /// Redacts anything that might be an IIN without validating it first.
    public static func redact(_ text: String) -> String {
        guard text.count > 4 else { return String(repeating: "*", count: text.count) }
        return String(repeating: "*", count: text.count - 4) + text.suffix(4)
    }

    public var description: String { redacted }
}
