import Foundation
import QyzmetDomain
import QyzmetRules
import Testing

@Suite("Conditions")
struct ConditionTests {
    /// A boy born 15 May 2010 and a woman born 1 January 1990.
    static let boy = IIN.make(birthDate: LocalDate(iso: "2010-05-15")!, sex: .male, serial: 1234)!.value
    static let woman = IIN.make(birthDate: LocalDate(iso: "1990-01-01")!, sex: .female, serial: 77)!.value

    func context(channel: Channel = .portal, scenario: String = "self", purpose: String? = nil, tier: Office.Tier? = nil, party: String = "individual",
                 day: String = "2026-11-30", subject: String? = nil, facts: [String: String] = [:], missing: Set<String> = [],
                 form: [String: JSONValue] = [:]) -> ConditionContext {
        ConditionContext(channel: channel, scenario: scenario, purpose: purpose, branchTier: tier, party: party, referenceDate: LocalDate(iso: day)!,
                         applicantIin: Self.woman, subjectIin: subject, facts: facts, gatewayMissing: missing, form: form)
    }

    func decode(_ json: String) throws -> Condition { try JSONDecoder().decode(Condition.self, from: Data(json.utf8)) }

    @Test("each kind, as the catalogue writes it", arguments: [
        (#"{"channel": ["portal"]}"#, true), (#"{"channel": ["state-corporation"]}"#, false),
        (#"{"scenario": ["self"]}"#, true), (#"{"purpose": ["travel-abroad"]}"#, false),
        (#"{"branchTier": ["capital"]}"#, false), (#"{"party": ["individual", "representative"]}"#, true),
        (#"{"sex": {"sex": "female", "of": "applicant"}}"#, true), (#"{"sex": {"sex": "male"}}"#, true),
        (#"{"ageBelow": {"years": 18}}"#, true), (#"{"ageAtLeast": {"years": 18}}"#, false),
        (#"{"ageAtLeast": {"years": 36, "of": "applicant"}}"#, true),
        (#"{"ageBelow": {"years": 16, "on": "2026-05-14"}}"#, true), (#"{"ageBelow": {"years": 16, "on": "2026-05-15"}}"#, false),
        (#"{"fact": {"name": "criminalRecord", "in": ["none", "expunged"]}}"#, true), (#"{"recorded": ["criminalRecord", "checkedAgainst"]}"#, false),
        (#"{"gatewayLacks": "persons.kinship"}"#, true), (#"{"option": "apostille"}"#, false),
        (#"{"all": [{"channel": ["portal"]}, {"not": {"party": ["relative"]}}]}"#, true),
        (#"{"any": [{"channel": ["state-corporation"]}, {"purpose": ["general"]}]}"#, true),
    ])
    func kinds(_ json: String, _ expected: Bool) throws {
        let condition = try decode(json)
        let c = context(purpose: "general", subject: Self.boy, facts: ["criminalRecord": "none"], missing: ["persons.kinship"], form: ["apostille": .bool(false)])
        #expect(condition.holds(in: c) == expected, "\(json)")
    }

    @Test("a person's age is counted on the reference date, birthday included")
    func birthday() throws {
        let adult = try decode(#"{"ageAtLeast": {"years": 18}}"#)
        #expect(adult.holds(in: context(day: "2028-05-14", subject: Self.boy)) == false)
        #expect(adult.holds(in: context(day: "2028-05-15", subject: Self.boy)))
    }

    @Test("a condition object has exactly one key; an unknown kind does not decode")
    func malformed() {
        #expect(throws: DecodingError.self) { try decode(#"{"channel": ["portal"], "scenario": ["self"]}"#) }
        #expect(throws: DecodingError.self) { try decode(#"{"weather": "sunny"}"#) }
    }

    @Test("conditions survive a round trip through JSON")
    func roundTrip() throws {
        let json = #"{"all": [{"ageBelow": {"years": 16, "of": "subject", "on": "1940-01-01"}}, {"fact": {"name": "x", "in": ["y"]}}, {"recorded": ["z"]}]}"#
        let condition = try decode(json)
        let again = try JSONDecoder().decode(Condition.self, from: JSONEncoder().encode(condition))
        #expect(again == condition)
    }
}
