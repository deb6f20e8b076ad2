import Foundation
import QyzmetDomain
import QyzmetRules
@testable import ReviewService
import Testing

@Suite("Refusal checks")
struct RefusalCheckTests {
    @Test("a refusal ground whose check the code does not know suggests nothing and tells the executor")
    func unknownCheck() throws {
        var service = try #require(try CatalogueLoader.bundled(environment: [:]).latest("mod.emigration-certificate"))
        service.refusalGrounds.append(try JSONDecoder().decode(RefusalGround.self, from: Data(#"{"code": "new-ground", "text": {"en": "A future ground", "kk": "-"}, "check": "future-check", "source": "test"}"#.utf8)))
        var dealer = Fixtures.index.dealer()
        let person = dealer.next(.conscript)
        let opened = CaseOpened(
            applicationId: "APP-X", registrationNumber: "EMG-1", service: service.code, scenario: "conscript", channel: .portal, purpose: nil,
            acceptedAt: Fixtures.monday, acceptedOn: LocalDate(iso: "2026-11-23")!, dueAt: Fixtures.monday, dueDate: LocalDate(iso: "2026-11-24")!,
            applicant: person.person, subjectIin: nil, consent: nil, branchId: nil, delivery: Delivery(method: .personalCabinet), form: [:],
            documents: [.init(type: "registration-certificate", number: person.military.documentNumber, form: "electronic-copy")]
        )
        let context = ConditionContext(channel: .portal, scenario: "conscript", referenceDate: LocalDate(iso: "2026-11-23")!)
        let recommendation = RefusalChecks.recommendation(for: service, case: opened, facts: CaseFacts(person: person.person, military: person.military), context: context)
        #expect(recommendation.outcome == .approved)
        #expect(recommendation.note?.contains("new-ground") == true)
    }

    @Test("grounds as data: scoped by a condition, suggested when a predicate over the recorded facts holds")
    func groundsAsData() throws {
        var service = try #require(try CatalogueLoader.bundled(environment: [:]).latest("mod.emigration-certificate"))
        service.refusalGrounds = try JSONDecoder().decode([RefusalGround].self, from: Data(#"""
        [{"code": "no-protocol-record", "text": {"en": "No record in the protocol book", "kk": "-"}, "when": {"scenario": ["conscript"]},
          "holdsWhen": {"fact": {"name": "protocolBook", "in": ["absent"]}}, "note": "only for late first registration", "source": "test"},
         {"code": "reservists-only", "text": {"en": "A reservists' ground", "kk": "-"}, "when": {"scenario": ["reservist"]},
          "holdsWhen": {"fact": {"name": "protocolBook", "in": ["absent"]}}, "source": "test"}]
        """#.utf8))
        var dealer = Fixtures.index.dealer()
        let person = dealer.next(.conscript)
        let opened = CaseOpened(
            applicationId: "APP-Z", registrationNumber: "EMG-3", service: service.code, scenario: "conscript", channel: .portal, purpose: nil,
            acceptedAt: Fixtures.monday, acceptedOn: LocalDate(iso: "2026-11-23")!, dueAt: Fixtures.monday, dueDate: LocalDate(iso: "2026-11-24")!,
            applicant: person.person, subjectIin: nil, consent: nil, branchId: nil, delivery: Delivery(method: .personalCabinet), form: [:], documents: []
        )
        func suggest(_ facts: [String: String]) -> [String] {
            let context = ConditionContext(channel: .portal, scenario: "conscript", referenceDate: LocalDate(iso: "2026-11-23")!, facts: facts)
            return RefusalChecks.recommendation(for: service, case: opened, facts: CaseFacts(person: person.person), context: context).grounds.map(\.code)
        }
        #expect(suggest(["protocolBook": "absent"]) == ["no-protocol-record"])
        #expect(suggest(["protocolBook": "present"]).isEmpty)
    }

    @Test("every check the catalogue may name has an implementation")
    func checksBound() {
        #expect(RefusalChecks.known == NamedRules.checks)
        _ = ProcessGuards()
    }

    @Test("the emigration checks find a document that is not on the register and a scenario that does not match")
    func emigrationChecks() throws {
        var dealer = Fixtures.index.dealer()
        let reservist = dealer.next(.reservist)
        let opened = CaseOpened(
            applicationId: "APP-Y", registrationNumber: "EMG-2", service: "mod.emigration-certificate", scenario: "conscript", channel: .portal,
            purpose: nil, acceptedAt: Fixtures.monday, acceptedOn: LocalDate(iso: "2026-11-23")!, dueAt: Fixtures.monday,
            dueDate: LocalDate(iso: "2026-11-24")!, applicant: reservist.person, subjectIin: nil, consent: nil, branchId: nil,
            delivery: Delivery(method: .personalCabinet), form: [:], documents: [.init(type: "military-id", number: "AB0000001", form: "electronic-copy")]
        )
        let facts = CaseFacts(person: reservist.person, military: reservist.military)
        #expect(RefusalChecks.finding("military-document-mismatch", case: opened, facts: facts)?.contains("AB0000001") == true)
        #expect(RefusalChecks.finding("military-registration-mismatch", case: opened, facts: facts)?.contains("reservist") == true)
    }
}
