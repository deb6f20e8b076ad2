import Foundation
import QyzmetDomain
import QyzmetRules
import Testing

/// The engine alone, over a small process: a pure function from (state, action) to the next state
/// and its effects.
@Suite("Process engine")
struct ProcessEngineTests {
    static let process: ProcessDefinition = try! JSONDecoder().decode(ProcessDefinition.self, from: Data(#"""
    {"initial": "gathering", "states": [
      {"id": "gathering", "status": "gathering-data", "holder": "system", "transitions": [
        {"on": "data-gathered", "by": "system", "guard": "records-clear", "target": "approved", "effects": [{"decide": "approved"}]},
        {"on": "data-gathered", "by": "system", "target": "review", "effects": ["assign"]}]},
      {"id": "review", "status": "awaiting-executor", "holder": "executor", "transitions": [
        {"on": "record-findings", "by": "executor", "requires": ["findings"],
         "findings": [{"name": "criminalRecord", "values": ["none", "present"], "required": true}, {"name": "note"}]},
        {"on": "approve", "by": "executor", "when": {"recorded": ["criminalRecord"]}, "target": "approved", "effects": [{"decide": "approved"}]},
        {"on": "refuse", "by": "executor", "requires": ["grounds", "motivation"], "target": "refused", "effects": [{"decide": "refused"}]},
        {"on": "timeout", "by": "timer", "after": {"amount": 4, "unit": "working-days"}, "target": "review", "effects": [{"notice": "interim-reply"}]}]},
      {"id": "approved", "status": "approved", "holder": "system", "final": true, "transitions": []},
      {"id": "refused", "status": "refused", "holder": "system", "final": true, "transitions": []}]}
    """#.utf8))

    func context(_ facts: [String: String] = [:]) -> ConditionContext {
        ConditionContext(channel: .portal, scenario: "self", referenceDate: LocalDate(iso: "2026-11-30")!, facts: facts)
    }

    @Test("the first transition whose guard holds is taken; guards are bound by name")
    func guards() throws {
        let clear = try ProcessEngine.fire(Self.process, state: "gathering", action: .init(on: "data-gathered", by: .system), context: context(),
                                           guards: { $0 == "records-clear" }).get()
        #expect(clear.to == "approved" && clear.effects == [.decide("approved")])
        let unclear = try ProcessEngine.fire(Self.process, state: "gathering", action: .init(on: "data-gathered", by: .system), context: context(),
                                             guards: { _ in false }).get()
        #expect(unclear.to == "review" && unclear.effects == [.assign])
    }

    @Test("the officer's buttons: approve appears only once the finding it needs is recorded")
    func available() {
        let before = ProcessEngine.available(Self.process, state: "review", role: .executor, context: context(), guards: { _ in true }).map(\.on)
        #expect(before == ["record-findings", "refuse"])
        let after = ProcessEngine.available(Self.process, state: "review", role: .executor, context: context(["criminalRecord": "none"]), guards: { _ in true }).map(\.on)
        #expect(after == ["record-findings", "approve", "refuse"])
        #expect(ProcessEngine.available(Self.process, state: "review", role: .applicant, context: context(), guards: { _ in true }).isEmpty)
    }

    @Test("an action not open in the state, or to the role, is rejected with what is open")
    func notAvailable() {
        let result = ProcessEngine.fire(Self.process, state: "review", action: .init(on: "approve", by: .executor), context: context(), guards: { _ in true })
        #expect(result.failure == .notAvailable(action: "approve", state: "review", role: .executor, available: ["record-findings", "refuse"]))
        let wrongRole = ProcessEngine.fire(Self.process, state: "review", action: .init(on: "refuse", by: .applicant), context: context(), guards: { _ in true })
        #expect(wrongRole.failure == .notAvailable(action: "refuse", state: "review", role: .applicant, available: []))
        #expect(ProcessEngine.fire(Self.process, state: "limbo", action: .init(on: "x", by: .system), context: context(), guards: { _ in true }).failure == .unknownState("limbo"))
    }

    @Test("required inputs and findings are checked: values, names, required ones")
    func inputs() {
        let refuse = ProcessEngine.fire(Self.process, state: "review", action: .init(on: "refuse", by: .executor, given: ["grounds"]), context: context(), guards: { _ in true })
        #expect(refuse.failure == .missing(["motivation"]))
        func record(_ findings: [String: String]) -> ProcessEngine.Rejection? {
            ProcessEngine.fire(Self.process, state: "review", action: .init(on: "record-findings", by: .executor, given: ["findings"], findings: findings),
                               context: context(), guards: { _ in true }).failure
        }
        #expect(record(["criminalRecord": "maybe"]) == .invalidFinding("criminalRecord must be one of none, present, not maybe"))
        #expect(record(["weather": "fine", "criminalRecord": "none"])?.description.contains("weather is not a finding") == true)
        #expect(record(["note": "checked"]) == .invalidFinding("findings required: criminalRecord"))
        #expect(record(["criminalRecord": "present", "note": "checked"]) == nil)
    }

    @Test("a state's timers are its timeout transitions with their terms")
    func timers() {
        #expect(ProcessEngine.timers(Self.process, state: "review").map(\.after) == [.workingDays(4)])
        #expect(ProcessEngine.timers(Self.process, state: "gathering").isEmpty)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
