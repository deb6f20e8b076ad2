import QyzmetDomain
import QyzmetRules

/// The named checks the catalogue's refusal grounds point to. Each returns a finding when the
/// ground applies to the case.
enum RefusalChecks {
    static func finding(_ check: String, case opened: CaseOpened, facts: CaseFacts) -> String? {
        switch check {
        case "military-document-mismatch":
            // The document the applicant presented is not the one on the military register.
            guard let record = facts.military, let number = record.documentNumber else { return nil }
            let presented = opened.documents.filter { ["registration-certificate", "military-id", "temporary-certificate"].contains($0.type) }
            guard let mismatch = presented.first(where: { $0.number != nil && $0.number != number }) else { return nil }
            return "the \(mismatch.type) presented (\(mismatch.number!)) is not the document on the military register"
        case "military-registration-mismatch":
            guard let record = facts.military else { return "no military registration record was found" }
            switch record.status {
            case "conscript", "reservist":
                if record.status != opened.scenario {
                    return "the applicant is registered as a \(record.status), not as a \(opened.scenario)"
                }
                return nil
            case "removed":
                return "the applicant has already been removed from military registration"
            default:
                return "the applicant is not on military registration, so there is nothing to remove"
            }
        default:
            return nil
        }
    }

    /// Every check the catalogue may name has a case above; a test holds the two lists together.
    static let known: Set<String> = NamedRules.checks

    static func recommendation(for service: ServiceRules, case opened: CaseOpened, facts: CaseFacts, context: ConditionContext) -> Recommendation {
        let grounds = service.refusalGrounds.filter { $0.applies(in: context) }.compactMap { ground -> Decision.Ground? in
            if let finding = ground.check.flatMap({ finding($0, case: opened, facts: facts) }) {
                return Decision.Ground(code: ground.code, text: "\(ground.text.en): \(finding)")
            }
            if let predicate = ground.holdsWhen, predicate.holds(in: context) {
                return Decision.Ground(code: ground.code, text: ground.text.en)
            }
            return nil
        }
        // A check the code does not know (a catalogue ahead of the code) suggests nothing; the
        // executor is told to apply that ground by hand.
        let unknown = service.refusalGrounds.filter { $0.applies(in: context) && $0.holdsWhen == nil && ($0.check.map { !known.contains($0) } ?? true) }.map(\.code)
        return Recommendation(outcome: grounds.isEmpty ? .approved : .refused, grounds: grounds,
                              note: unknown.isEmpty ? nil : "not checked automatically, apply by hand: \(unknown.joined(separator: ", "))")
    }
}
