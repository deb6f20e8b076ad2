import Foundation
import QyzmetPopulation

/// Finds the synthetic population's IINs and surnames in bytes: every run of exactly twelve
/// digits is looked up among the IINs, every word of letters among the surnames (of four letters
/// or more, so that a short surname does not match an ordinary word).
struct PersonalDataScanner {
    private let iins: Set<Substring>
    private let surnames: Set<Substring>

    init(population: [SyntheticPerson]) {
        iins = Set(population.map { Substring($0.person.iin) })
        surnames = Set(population.map(\.person.lastName).filter { $0.count >= 4 }.map { Substring($0) })
    }

    /// What was found, each as `IIN …` or `name …`, the IIN shown by its last four digits only.
    func find(in data: Data) -> [String] { find(in: String(decoding: data, as: UTF8.self)) }

    func find(in text: String) -> [String] {
        var hits: [String] = []
        var word = Substring()
        func flush() {
            if word.count == 12, word.allSatisfy(\.isASCIIDigit), iins.contains(word) { hits.append("IIN …\(word.suffix(4))") }
            else if word.first?.isLetter == true, surnames.contains(word) { hits.append("name \(word)") }
            word = Substring()
        }
        var start = text.startIndex
        var index = text.startIndex
        var kind: Bool? = nil  // true: digits, false: letters
        while index < text.endIndex {
            let c = text[index]
            let k: Bool? = c.isASCIIDigit ? true : (c.isLetter ? false : nil)
            if k != kind {
                if kind != nil { word = text[start..<index]; flush() }
                start = index
                kind = k
            }
            index = text.index(after: index)
        }
        if kind != nil { word = text[start..<text.endIndex]; flush() }
        return hits
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
