import QyzmetDomain
import QyzmetPopulation
import Testing

@Suite("Synthetic population")
struct PopulationTests {
    @Test("is deterministic, with valid and unique IINs")
    func deterministic() {
        let a = SyntheticPopulation().prefix(20_000)
        let b = SyntheticPopulation().prefix(200)
        #expect(a.prefix(200).map(\.person.iin) == b.map(\.person.iin))
        #expect(a.allSatisfy { IIN.isValid($0.person.iin) })
        #expect(Set(a.map(\.person.iin)).count == a.count)
        #expect(a.allSatisfy { (try? IIN($0.person.iin))?.birthDate == $0.person.birthDate })
        #expect(SyntheticPopulation(seed: 1).prefix(50).map(\.person.iin) != b.prefix(50).map(\.person.iin))
    }

    @Test("has the kinds of people the services need, in realistic shares")
    func shares() {
        let people = SyntheticPopulation().prefix(20_000)
        func share(_ predicate: (SyntheticPerson) -> Bool) -> Double { Double(people.filter(predicate).count) / Double(people.count) }
        #expect((0.10...0.25).contains(share { $0.military.status == "conscript" }))
        #expect((0.15...0.35).contains(share { $0.military.status == "reservist" }))
        #expect((0.015...0.035).contains(share { $0.criminal.status == "present" }))
        #expect((0.008...0.025).contains(share { $0.criminal.status == "needs-check" }))
        #expect(people.allSatisfy { $0.person.sex == .female ? $0.military.status != "conscript" : true })
        #expect(Set(people.map(\.person.address.region)).count >= 20)
    }
}
