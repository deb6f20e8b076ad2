import QyzmetDomain
import Testing

@Suite("IIN")
struct IINTests {
    @Test("reads birth date and sex from a valid IIN")
    func birthDateAndSex() throws {
        let male = try IIN("850512300109")
        #expect(male.birthDate == LocalDate(year: 1985, month: 5, day: 12))
        #expect(male.sex == .male)
        let female = try IIN("040315600425")
        #expect(female.birthDate == LocalDate(year: 2004, month: 3, day: 15))
        #expect(female.sex == .female)
    }

    @Test("uses the second weighting when the first sum leaves 10")
    func secondWeighting() throws {
        _ = try IIN("850512300003")
        #expect(IIN.checkDigit([8, 5, 0, 5, 1, 2, 3, 0, 0, 0, 0]) == 3)
    }

    @Test("a prefix whose both sums leave 10 has no IIN")
    func noCheckDigit() {
        #expect(IIN.checkDigit([8, 5, 0, 5, 1, 2, 3, 0, 0, 0, 9]) == nil)
        #expect(IIN.make(birthDate: LocalDate(year: 1985, month: 5, day: 12)!, sex: .male, serial: 9) == nil)
    }

    @Test("rejects malformed numbers with a reason", arguments: [
        ("85051230010", IIN.ValidationError.notTwelveDigits),
        ("8505123001a9", .notTwelveDigits),
        ("850512700109", .invalidCenturyDigit("7")),
        ("851312300109", .invalidBirthDate),
        ("850230300109", .invalidBirthDate),
        ("850512300108", .checkDigitMismatch(expected: 9, found: 8)),
    ])
    func rejects(_ text: String, _ error: IIN.ValidationError) {
        #expect(throws: error) { try IIN(text) }
    }

    @Test("make builds valid IINs that round-trip")
    func make() throws {
        let iin = try #require(IIN.make(birthDate: LocalDate(year: 1999, month: 1, day: 17)!, sex: .male, serial: 8402))
        #expect(iin.value == "990117384021")
        #expect(IIN.isValid(iin.value))
    }

    @Test("redaction keeps only the last four digits")
    func redaction() throws {
        #expect(try IIN("850512300109").redacted == "********0109")
        #expect(IIN.redact("123") == "***")
    }
}
