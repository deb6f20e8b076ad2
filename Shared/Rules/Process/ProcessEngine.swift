import QyzmetDomain

/// Runs a `ProcessDefinition`: a pure function from (state, action) to the next state and its
/// effects. It performs nothing itself; review carries out the effects in the same transaction
/// that stores the new state.
public enum ProcessEngine {
    /// What an actor asks for.
    public struct Action: Sendable {
        public var on: String
        public var by: Role
        /// The inputs given (`grounds`, `motivation`, `findings`, `term`, `hearing-at`, `hearing-outcome`).
        public var given: Set<String>
        public var findings: [String: String]

        public init(on: String, by: Role, given: Set<String> = [], findings: [String: String] = [:]) {
            self.on = on
            self.by = by
            self.given = given
            self.findings = findings
        }
    }

    public struct Step: Sendable {
        public var from: String
        public var to: String
        public var transition: Transition
        public var effects: [Effect]
        public var entersNewState: Bool { from != to }
    }

    public enum Rejection: Error, Equatable, CustomStringConvertible {
        case unknownState(String)
        case notAvailable(action: String, state: String, role: Role, available: [String])
        case missing([String])
        case invalidFinding(String)

        public var description: String {
            switch self {
            case .unknownState(let s): return "the case is in state \(s), which its rules do not define"
            case .notAvailable(let action, let state, let role, let available):
                return "\(action) is not open to \(role.rawValue) in state \(state)" + (available.isEmpty ? "" : "; open: \(available.joined(separator: ", "))")
            case .missing(let inputs): return "missing: \(inputs.joined(separator: ", "))"
            case .invalidFinding(let text): return text
            }
        }
    }

    /// The transitions `role` may take now: exactly an officer's list of buttons.
    public static func available(_ process: ProcessDefinition, state: String, role: Role, context: ConditionContext,
                                 guards: (String) -> Bool) -> [Transition] {
        guard let current = process.state(state) else { return [] }
        return current.transitions.filter { $0.by == role && applies($0, context: context, guards: guards) }
    }

    /// Takes `action` in `state`: the first transition for that action and role whose guard and
    /// condition hold. Events (`by: system`) are taken the same way.
    public static func fire(_ process: ProcessDefinition, state: String, action: Action, context: ConditionContext,
                            guards: (String) -> Bool) -> Result<Step, Rejection> {
        guard let current = process.state(state) else { return .failure(.unknownState(state)) }
        let candidates = current.transitions.filter { $0.on == action.on && $0.by == action.by }
        // What the actor records with the action counts for its own conditions: an expulsion's
        // ground decides whether the costs are recovered.
        var withFindings = context
        withFindings.facts.merge(action.findings) { _, given in given }
        guard let transition = candidates.first(where: { applies($0, context: withFindings, guards: guards) }) else {
            let open = available(process, state: state, role: action.by, context: context, guards: guards).map(\.on)
            return .failure(.notAvailable(action: action.on, state: state, role: action.by, available: open))
        }
        let missing = (transition.requires ?? []).filter { !action.given.contains($0) }
        if !missing.isEmpty { return .failure(.missing(missing)) }
        if let problem = findingProblem(transition, action.findings) { return .failure(.invalidFinding(problem)) }
        return .success(Step(from: state, to: transition.target ?? state, transition: transition, effects: transition.effects ?? []))
    }

    /// Timers of the current state: each `timeout` transition with the term after which it fires.
    public static func timers(_ process: ProcessDefinition, state: String) -> [Transition] {
        process.state(state)?.transitions.filter { $0.on == "timeout" && $0.after != nil } ?? []
    }

    static func applies(_ t: Transition, context: ConditionContext, guards: (String) -> Bool) -> Bool {
        (t.guard.map(guards) ?? true) && (t.when?.holds(in: context) ?? true)
    }

    static func findingProblem(_ t: Transition, _ findings: [String: String]) -> String? {
        let rules = t.findings ?? []
        for (name, value) in findings {
            guard let rule = rules.first(where: { $0.name == name }) else {
                return "\(name) is not a finding of \(t.on); expected \(rules.map(\.name).joined(separator: ", "))"
            }
            if let values = rule.values, !values.contains(value) {
                return "\(name) must be one of \(values.joined(separator: ", ")), not \(value)"
            }
        }
        let absent = rules.filter { $0.required == true && findings[$0.name] == nil }.map(\.name)
        return absent.isEmpty ? nil : "findings required: \(absent.joined(separator: ", "))"
    }
}
