import QyzmetDomain
import Testing

@Suite("BIN")
struct BINTests {
    @Test("a well-formed BIN passes; each part is checked", arguments: [
        ("040540001230", BIN.Problem?.none),
        ("04054000123", .notTwelveDigits),
        ("041340001230", .invalidMonth),
        ("040570001230", .invalidEntityKind),
        ("040548001230", .invalidUnit),
        ("040540001231", .checkDigitMismatch),
    ])
    func validation(_ text: String, _ expected: BIN.Problem?) {
        #expect(BIN.problem(text) == expected)
    }
}
