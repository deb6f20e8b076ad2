import Foundation
import QyzmetDomain
import QyzmetPopulation

/// The synthetic population sorted into the kinds of applicants a load needs, so that each
/// planned application gets a person whose state records produce the intended outcome.
public struct PopulationIndex: Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        /// On military registration with a valid ID card: eligible for the emigration certificate.
        case conscript, reservist
        /// Not on military registration: the authority refuses the emigration certificate.
        case notRegistered
        /// Identity card no longer valid.
        case expiredIdentityCard
        case criminalClear, criminalRecord, criminalNeedsCheck
    }

    public private(set) var people: [Kind: [SyntheticPerson]] = [:]
    /// Every KZ citizen with a valid identity card, for searches by what the registers hold.
    public private(set) var eligible: [SyntheticPerson] = []

    public init(size: Int = 30_000, seed: UInt64 = SyntheticPopulation.defaultSeed, today: LocalDate) {
        SyntheticPopulation(seed: seed).generate(count: size) { p in
            let validId = p.person.idDocument.validUntil > today.adding(days: 30)
            guard p.person.citizenship == "KZ" else { return }
            if !validId {
                people[.expiredIdentityCard, default: []].append(p)
                return
            }
            eligible.append(p)
            switch p.military.status {
            case "conscript": people[.conscript, default: []].append(p)
            case "reservist": people[.reservist, default: []].append(p)
            case "not-registered" where p.person.sex == .male: people[.notRegistered, default: []].append(p)
            default: break
            }
            switch p.criminal.status {
            case "none": people[.criminalClear, default: []].append(p)
            case "present": people[.criminalRecord, default: []].append(p)
            default: people[.criminalNeedsCheck, default: []].append(p)
            }
        }
    }

    /// A dealer that hands out each person once.
    public func dealer() -> Dealer { Dealer(index: self) }

    public struct Dealer {
        let index: PopulationIndex
        var used: Set<String> = []
        var cursors: [String: Int] = [:]

        public mutating func next(_ kind: Kind) -> SyntheticPerson {
            let pool = index.people[kind] ?? []
            precondition(!pool.isEmpty, "no synthetic persons of kind \(kind)")
            return next(from: pool, cursor: kind.rawValue)
        }

        /// The next person, not handed out before, whose records match.
        public mutating func next(_ description: String, where matches: (SyntheticPerson) -> Bool) -> SyntheticPerson {
            guard let person = index.person(excluding: used, matches) else { preconditionFailure("no synthetic person is \(description)") }
            used.insert(person.person.iin)
            return person
        }

        private mutating func next(from pool: [SyntheticPerson], cursor kind: String) -> SyntheticPerson {
            while true {
                let position = cursors[kind, default: 0]
                cursors[kind] = position + 1
                let person = pool[position % pool.count]
                if used.insert(person.person.iin).inserted || position > pool.count * 2 { return person }
            }
        }
    }

    /// The first person not handed out yet whose records match (a conscript with an Art. 649
    /// resolution, a reservist whose service record is partial...).
    public func person(excluding used: Set<String> = [], _ matches: (SyntheticPerson) -> Bool) -> SyntheticPerson? {
        eligible.first { !used.contains($0.person.iin) && matches($0) }
    }

    /// A valid IIN that belongs to nobody: the population has no one born in the 1800s.
    public static func unknownPersonIIN(_ n: Int) -> String {
        var serial = n % 9000
        while true {
            if let iin = IIN.make(birthDate: LocalDate(year: 1899, month: 1 + n % 12, day: 1 + n % 28)!, sex: .male, serial: serial) { return iin.value }
            serial += 1
        }
    }
}
