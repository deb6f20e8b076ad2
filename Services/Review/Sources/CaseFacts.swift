import QyzmetDomain

/// What the gateway said about the case, gathered before a decision.
struct CaseFacts: Codable, Sendable {
    var person: PersonRecord?
    var military: MilitaryRecord?
    var criminal: CriminalRecordExtract?
    /// Queries the gateway could not answer (`not-found`, `denied`).
    var unanswered: [String: String] = [:]
}

/// What the checks suggest; an executor confirms or overrides it.
struct Recommendation: Codable, Sendable {
    var outcome: Decision.Outcome
    var grounds: [Decision.Ground]
    var note: String?
}
