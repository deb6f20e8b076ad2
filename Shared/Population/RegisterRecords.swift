import QyzmetDomain

/// The military registers behind order 555's services, derived from a person's ГБД ФЛ and
/// military records by a hash of the IIN: the conscription commissions' protocol books (App 21-1),
/// administrative-penalty resolutions (Art. 647, 649), the MoD service records (ҚМ ИШ),
/// education documents, the reservist's medical card (App 54), and the answers of bodies outside
/// the e-government databases. Derived rather than stored so that the gateway, the tests and the
/// demonstration load agree on every person without a shared table; the gateway's register
/// changes are applied on top.
///
/// Each register answers with facts named as the catalogue names them; `nil` means the register
/// has nothing on the person (the gateway answers `not-found`).
public enum RegisterRecords {
    /// The military registration record as facts.
    public static func military(_ person: PersonRecord, _ record: MilitaryRecord) -> [String: String] {
        var facts = ["militaryStatus": record.status]
        if let type = record.documentType, let number = record.documentNumber {
            facts["militaryDocument"] = "\(type) \(number)"
            facts["militaryDocumentType"] = type
            facts["militaryDocumentNumber"] = number
        }
        guard record.status == "conscript" || record.status == "reservist" else { return facts }
        facts["militaryOffice"] = lmabOffice(region: person.address.region)
        facts["fitnessCategory"] = fitness(person.iin)
        if record.status == "conscript" {
            facts["precinct"] = "conscription precinct of \(person.address.locality)"
        } else {
            let composition = record.category ?? "soldier"
            facts["militaryComposition"] = composition
            facts["militaryRank"] = rank(composition, person.iin)
        }
        return facts
    }

    /// The extract from the district (city) conscription commission's protocol book (App 21-1).
    public static func protocolBook(_ person: PersonRecord, _ record: MilitaryRecord) -> [String: String]? {
        guard person.sex == .male, record.status == "conscript" || record.status == "reservist" else { return nil }
        guard unit(person.iin, salt: 11) >= 0.08 else { return nil }
        let age = person.birthDate.yearsUntil(SyntheticPopulation.referenceDate)
        let decision: String
        if unit(person.iin, salt: 12) < 0.05 {
            decision = "exempt-36-1"
        } else if ["V", "G", "D"].contains(fitness(person.iin)) {
            decision = "reserve-unfit"
        } else if record.status == "reservist" && age >= 27 {
            decision = "reserve-age-27"
        } else if unit(person.iin, salt: 13) < 0.1 {
            decision = "deferred"
        } else {
            decision = "registered"
        }
        let year = person.birthDate.year + 17
        return [
            "protocolDecision": decision,
            "protocolDate": LocalDate(year: year, month: 2, day: 10 + Int(unit(person.iin, salt: 14) * 15))!.description,
            "protocolNumber": "\(year)/\(Int(unit(person.iin, salt: 15) * 900) + 100)",
            "protocolConfirmedByOblast": unit(person.iin, salt: 16) < 0.9 ? "yes" : "no",
        ]
    }

    /// Resolutions under the Code of Administrative Offences: Art. 647 (violation of the
    /// registration rules) and Art. 649 (loss or damage of a military registration document).
    public static func penalties(_ person: PersonRecord, _ record: MilitaryRecord) -> [String: String]? {
        guard person.sex == .male, record.status != "not-registered" else { return nil }
        var facts: [String: String] = [:]
        if unit(person.iin, salt: 21) < 0.15 { facts["penalty647"] = "present" }
        if unit(person.iin, salt: 22) < 0.12 { facts["penalty649"] = "present" }
        guard !facts.isEmpty else { return nil }
        facts["penaltyResolution"] = "No. \(Int(unit(person.iin, salt: 23) * 90000) + 10000)"
        return facts
    }

    /// The MoD information system's record of completed service: complete, or partial with the
    /// share that must be asked of Kazakh bodies or of archives of former USSR states.
    public static func serviceRecords(_ person: PersonRecord, _ record: MilitaryRecord) -> [String: String]? {
        let age = person.birthDate.yearsUntil(SyntheticPopulation.referenceDate)
        guard person.sex == .male, age >= 20, record.status == "reservist" || record.status == "removed" else { return nil }
        let roll = unit(person.iin, salt: 31)
        guard roll >= 0.05 else { return nil }
        let start = person.birthDate.year + 18
        var facts = [
            "servicePeriod": "\(start)-05-10 – \(start + 2)-05-20",
            "serviceUnit": "military unit \(Int(unit(person.iin, salt: 32) * 90000) + 10000)",
        ]
        // Archives of former USSR states hold the service of those who served before 1992.
        if start < 1992 && roll < 0.25 {
            facts["serviceRecord"] = "partial"
            facts["serviceMissingFrom"] = "foreign-archive"
        } else if roll < 0.22 {
            facts["serviceRecord"] = "partial"
            facts["serviceMissingFrom"] = "kz-bodies"
        } else {
            facts["serviceRecord"] = "complete"
        }
        return facts
    }

    public static func education(_ person: PersonRecord) -> [String: String]? {
        let age = person.birthDate.yearsUntil(SyntheticPopulation.referenceDate)
        guard age >= 17 else { return nil }
        let level = age >= 22 && unit(person.iin, salt: 41) < 0.45 ? "higher" : (unit(person.iin, salt: 42) < 0.5 ? "technical-vocational" : "secondary")
        return ["educationLevel": level, "educationDocument": "\(level) diploma No. \(Int(unit(person.iin, salt: 43) * 900000) + 100000)"]
    }

    /// The reservist's medical examination card (App 54).
    public static func medicalCard(_ person: PersonRecord, _ record: MilitaryRecord) -> [String: String]? {
        guard record.status == "reservist" else { return nil }
        let examined = SyntheticPopulation.referenceDate.adding(days: -Int(unit(person.iin, salt: 51) * 700))
        return ["fitnessCategory": fitness(person.iin), "medicalCardIssuedOn": examined.description]
    }

    /// The portal account's mobile number, where one is registered (about nine in ten adults).
    public static func portalContacts(_ person: PersonRecord) -> [String: String]? {
        guard unit(person.iin, salt: 91) >= 0.1 else { return nil }
        return ["mobileRegistered": "yes", "mobileNumber": "+7 70\(Int(unit(person.iin, salt: 92) * 10)) *** ** \(10 + Int(unit(person.iin, salt: 93) * 89))"]
    }

    /// How a body outside the e-government databases answers a request about a person.
    public static func outsideAnswer(iin: String, body: String, asks: String = "") -> [String: String] {
        switch body {
        case "special-resettlement-card-index": return specialResettlementCard(asks)
        case "prosecution-card-index": return prosecutionCardIndex(asks)
        default: break
        }
        let roll = unit(iin, salt: 61)
        let answer = roll < 0.85 ? "confirmed" : (roll < 0.95 ? "negative" : "insufficient")
        let name = body == "foreign-archive" ? "state archive of a former USSR state" : "Kazakh state body (archive of the Ministry of Defence)"
        return ["requestAnswer": answer, "answeredBy": name]
    }

    /// The Committee's information systems on an official document of a prosecution,
    /// investigation or inquiry body, by its number: authentic unless the number is marked
    /// forged (`…-FORGED`) or one in twenty by hash.
    public static func officialDocument(number: String) -> [String: String] {
        // The Committee's own certificate (the apostille under the one-application principle) is
        // in its systems by construction.
        let own = number.hasPrefix("certificate of ")
        let forged = !own && (number.uppercased().hasSuffix("-FORGED") || unit(number, salt: 81) < 0.05)
        return ["documentAuthentic": forged ? "no" : "yes",
                "documentIssuer": issuer(number),
                "documentCheckedAgainst": "the unified register of pre-trial investigations and the Committee's systems"]
    }

    /// The paper card index an official document is checked against (apostille, L50): a number
    /// marked `-UNKNOWN` has no card.
    static func prosecutionCardIndex(_ number: String) -> [String: String] {
        ["cardIndexAuthentic": number.uppercased().hasSuffix("-UNKNOWN") || number.uppercased().hasSuffix("-FORGED") ? "no" : "yes",
         "cardIndexCheckedOn": "card index of the Committee"]
    }

    private static func issuer(_ number: String) -> String {
        let bodies = ["Prosecutor's office of Astana", "Investigation department of the Almaty police", "Anti-corruption service, inquiry unit",
                      "Prosecutor's office of Karaganda region"]
        return bodies[Int(unit(number, salt: 82) * Double(bodies.count)) % bodies.count]
    }

    /// The Committee's automated system (ААЖ) on a person, by the key the request gives (name and
    /// birth date): about a third of the persons asked about are in it.
    public static func archiveSystem(key: String) -> [String: String]? {
        guard unit(key.lowercased(), salt: 91) < 0.35 else { return nil }
        return ["archiveRecord": "found", "archiveReference": "ААЖ file \(100_000 + Int(unit(key.lowercased(), salt: 92) * 900_000))"]
    }

    /// The paper card index of persons sent to special resettlement: a card for about half the
    /// persons born before 1941 asked about, none for anyone born later.
    static func specialResettlementCard(_ key: String) -> [String: String] {
        let born = key.split(separator: "|").last.flatMap { LocalDate(iso: String($0)) }
        guard let born, born.year <= 1940, unit(key.lowercased(), salt: 93) < 0.5 else {
            return ["cardIndexRecord": "none"]
        }
        return ["cardIndexRecord": "found",
                "cardIndexReference": "card \(Int(unit(key.lowercased(), salt: 94) * 90_000) + 10_000), special settlement of \(["Karaganda", "Akmolinsk", "Pavlodar", "Kokchetav"][Int(unit(key, salt: 95) * 4) % 4]) region"]
    }

    /// The fitness category of the military-medical commission: A fit, B fit with minor
    /// limitations, V limited, G temporarily unfit, D unfit with removal from registration.
    public static func fitness(_ iin: String) -> String {
        let roll = unit(iin, salt: 71)
        switch roll {
        case ..<0.70: return "A"
        case ..<0.85: return "B"
        case ..<0.93: return "V"
        case ..<0.97: return "G"
        default: return "D"
        }
    }

    /// The local military administration body of a region (`LMAB-AKMOLA-REGION`), as
    /// reference/offices.json names it.
    public static func lmabOffice(region: String) -> String {
        "LMAB-" + region.uppercased().replacingOccurrences(of: " ", with: "-")
    }

    private static func rank(_ composition: String, _ iin: String) -> String {
        let roll = unit(iin, salt: 81)
        switch composition {
        case "officer": return roll < 0.5 ? "lieutenant" : (roll < 0.85 ? "captain" : "major")
        case "sergeant": return roll < 0.6 ? "sergeant" : "senior sergeant"
        default: return roll < 0.8 ? "private" : "corporal"
        }
    }

    /// A number in [0, 1) from the IIN and a salt (FNV-1a), the same on every machine.
    static func unit(_ iin: String, salt: UInt64) -> Double {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ (salt &* 0x9E37_79B9_7F4A_7C15)
        for byte in iin.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Double(hash >> 11) / Double(1 << 53)
    }
}

/// What the registers hold about a synthetic person, for choosing applicants by it (tests and
/// the demonstration's plan).
extension SyntheticPerson {
    public var isMale: Bool { person.sex == .male }
    public var isConscript: Bool { isMale && military.status == "conscript" }
    public var isReservist: Bool { isMale && military.status == "reservist" }
    /// Whole years on the population's reference date.
    public var age: Int { person.birthDate.yearsUntil(SyntheticPopulation.referenceDate) }
    public var protocolBook: [String: String]? { RegisterRecords.protocolBook(person, military) }
    public var penalties: [String: String] { RegisterRecords.penalties(person, military) ?? [:] }
    public var serviceRecords: [String: String] { RegisterRecords.serviceRecords(person, military) ?? [:] }
    public var fitness: String { RegisterRecords.fitness(person.iin) }
    public var hasRegisteredMobile: Bool { RegisterRecords.portalContacts(person) != nil }
}
