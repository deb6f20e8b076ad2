import QyzmetDomain

/// One synthetic resident with what the state databases know of them.
public struct SyntheticPerson: Sendable {
    public let index: Int
    public let person: PersonRecord
    public let military: MilitaryRecord
    public let criminal: CriminalRecordExtract
}

/// A deterministic population of Kazakhstan residents with valid IINs. The same seed yields the
/// same people in the same order everywhere, so the gateway (which stores them) and the demo
/// load or tests (which pick applicants from them) agree without talking.
public struct SyntheticPopulation: Sendable {
    public static let defaultSeed: UInt64 = 2026_11_23
    /// Ages and document validity are drawn relative to this fixed day, not to today, so that
    /// the population does not change over time.
    public static let referenceDate = LocalDate(year: 2026, month: 6, day: 1)!

    public let seed: UInt64

    public init(seed: UInt64 = SyntheticPopulation.defaultSeed) {
        self.seed = seed
    }

    /// Persons `0..<count` in order. An IIN already given to an earlier person is never reused.
    public func generate(count: Int, _ body: (SyntheticPerson) throws -> Void) rethrows {
        var used = Set<String>()
        used.reserveCapacity(count)
        for index in 0..<count {
            try body(person(at: index, avoiding: &used))
        }
    }

    public func prefix(_ count: Int) -> [SyntheticPerson] {
        var people: [SyntheticPerson] = []
        people.reserveCapacity(count)
        generate(count: count) { people.append($0) }
        return people
    }

    private func person(at index: Int, avoiding used: inout Set<String>) -> SyntheticPerson {
        var rng = SplitMix64(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        let sex: IIN.Sex = rng.chance(0.5) ? .male : .female
        let reference = SyntheticPopulation.referenceDate
        // A third are 17-27 (conscription age), the rest 28-80.
        let age = rng.chance(0.33) ? rng.int(in: 17...27) : rng.int(in: 28...80)
        let birthDate = reference.adding(days: -(age * 365 + rng.int(in: 0...364)))
        var serial = rng.int(in: 0...9999)
        var iin = IIN.make(birthDate: birthDate, sex: sex, serial: serial)
        while iin == nil || used.contains(iin!.value) {
            serial = (serial + 1) % 10_000
            iin = IIN.make(birthDate: birthDate, sex: sex, serial: serial)
        }
        used.insert(iin!.value)

        let fatherName = rng.pick(NameBank.maleFirstNames)
        let surname = rng.pick(NameBank.surnames)
        let lastName = sex == .male || NameBank.unchangingSurnames.contains(surname) ? surname : surname + "а"
        let firstName = rng.pick(sex == .male ? NameBank.maleFirstNames : NameBank.femaleFirstNames)
        let patronymic: String? = rng.chance(0.05) ? nil : fatherName + (sex == .male ? "ұлы" : "қызы")
        let region = rng.pick(NameBank.regions)
        let locality = rng.pick(region.localities)
        let birthRegion = rng.chance(0.7) ? region : rng.pick(NameBank.regions)
        let maritalStatus: String
        switch age {
        case ..<22: maritalStatus = rng.chance(0.9) ? "single" : "married"
        case ..<35: maritalStatus = rng.pick(["single", "married", "married", "divorced"])
        default: maritalStatus = rng.pick(["married", "married", "married", "divorced", "widowed", "single"])
        }
        let children = maritalStatus == "single" ? (rng.chance(0.1) ? 1 : 0) : rng.int(in: 0...4)
        // ID cards are valid ten years; about one in twenty-five has lapsed.
        let issuedOn = rng.chance(0.04)
            ? reference.adding(days: -(3650 + rng.int(in: 30...900)))
            : reference.adding(days: -rng.int(in: 30...3400))
        let idCard = PersonRecord.IdentityDocument(
            type: "id-card", number: String(format: "0%08d", Int(rng.next() % 100_000_000)),
            issuedOn: issuedOn, validUntil: issuedOn.adding(days: 3652)
        )
        let person = PersonRecord(
            iin: iin!.value, lastName: lastName, firstName: firstName, patronymic: patronymic, birthDate: birthDate,
            birthPlace: "\(rng.pick(birthRegion.localities)), \(birthRegion.name)", sex: sex,
            citizenship: rng.chance(0.985) ? "KZ" : rng.pick(["RU", "UZ", "KG"]), maritalStatus: maritalStatus,
            childrenCount: children,
            address: .init(region: region.name, locality: locality, street: rng.pick(NameBank.streets),
                           building: String(rng.int(in: 1...220)), flat: rng.chance(0.6) ? String(rng.int(in: 1...180)) : nil),
            idDocument: idCard, photoReference: "photo-registry:\(iin!.value.suffix(6))-\(index)"
        )
        return SyntheticPerson(index: index, person: person, military: military(sex: sex, age: age, region: region.name, locality: locality, rng: &rng),
                               criminal: criminal(rng: &rng))
    }

    private func military(sex: IIN.Sex, age: Int, region: String, locality: String, rng: inout SplitMix64) -> MilitaryRecord {
        let office = "LMAB \(locality) (\(region))"
        func document(_ type: String, _ prefix: String) -> (String, String) { (type, "\(prefix)\(String(format: "%07d", Int(rng.next() % 10_000_000)))") }
        let roll = Double(rng.next() >> 11) / Double(1 << 53)
        switch (sex, age) {
        case (.male, ...27):
            if roll < 0.85 {
                let (type, number) = document("registration-certificate", "TK")
                return MilitaryRecord(status: "conscript", documentType: type, documentNumber: number, office: office, category: nil)
            } else if roll < 0.95 {
                let (type, number) = document("military-id", "AB")
                return MilitaryRecord(status: "reservist", documentType: type, documentNumber: number, office: office, category: "soldier")
            }
            return MilitaryRecord(status: "not-registered", documentType: nil, documentNumber: nil, office: nil, category: nil)
        case (.male, ...50):
            if roll < 0.80 {
                let (type, number) = rng.chance(0.06) ? document("temporary-certificate", "VT") : document("military-id", "AB")
                return MilitaryRecord(status: "reservist", documentType: type, documentNumber: number, office: office,
                                      category: rng.pick(["soldier", "soldier", "sergeant", "officer"]))
            } else if roll < 0.92 {
                return MilitaryRecord(status: "not-registered", documentType: nil, documentNumber: nil, office: nil, category: nil)
            }
            return MilitaryRecord(status: "removed", documentType: nil, documentNumber: nil, office: office, category: nil)
        case (.male, _):
            if roll < 0.4 {
                let (type, number) = document("military-id", "AB")
                return MilitaryRecord(status: "reservist", documentType: type, documentNumber: number, office: office, category: "soldier")
            }
            return MilitaryRecord(status: "removed", documentType: nil, documentNumber: nil, office: office, category: nil)
        case (.female, _):
            if roll < 0.05 && age <= 50 {
                let (type, number) = document("military-id", "AB")
                return MilitaryRecord(status: "reservist", documentType: type, documentNumber: number, office: office, category: "sergeant")
            }
            return MilitaryRecord(status: "not-registered", documentType: nil, documentNumber: nil, office: nil, category: nil)
        }
    }

    /// About 2.5% have convictions on record, 1.5% have ambiguous records that need an
    /// additional reference check, the rest none.
    private func criminal(rng: inout SplitMix64) -> CriminalRecordExtract {
        let roll = Double(rng.next() >> 11) / Double(1 << 53)
        if roll < 0.025 {
            let count = rng.chance(0.8) ? 1 : 2
            let convictions = (0..<count).map { _ in
                CriminalRecordExtract.Conviction(
                    article: rng.pick(NameBank.articles), court: "\(rng.pick(NameBank.regions).name) district court",
                    sentencedOn: SyntheticPopulation.referenceDate.adding(days: -rng.int(in: 200...6000)), expunged: rng.chance(0.3)
                )
            }
            return CriminalRecordExtract(status: "present", convictions: convictions)
        }
        if roll < 0.04 { return CriminalRecordExtract(status: "needs-check", convictions: []) }
        return CriminalRecordExtract(status: "none", convictions: [])
    }
}
