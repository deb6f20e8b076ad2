import Foundation
import QyzmetDomain
import QyzmetLoad
import QyzmetRules
import Testing

/// An officer at the review worklist of a running stack: waits for a case, reads what the
/// checks suggest, and takes the actions its process offers.
struct OfficerDesk {
    let stack: EmbeddedStack

    /// The case once it is on the worklist (in `state`, when given).
    func item(_ id: String, state: String? = nil) async throws -> JSONValue {
        try await eventually("\(id) on the worklist" + (state.map { " in \($0)" } ?? "")) { () -> JSONValue? in
            try await stack.http.worklist().first { $0["applicationId"]?.stringValue == id && (state == nil || $0["state"]?.stringValue == state) }
        }
    }

    /// What review's `POST /cases/:id/actions` takes (its `ExecutorActionRequest`), as any client sends it.
    struct Action: Encodable {
        var action: String
        var executorId: String
        var findings: [String: String]?
        var grounds: [String]?
        var motivation: String?
        var term: Term?
        var hearingAt: String?
        var hearingOutcome: String?
    }

    /// Takes an action as the executor the case is assigned to; returns the HTTP status.
    @discardableResult
    func act(_ id: String, _ action: String, findings: [String: String]? = nil, grounds: [String]? = nil, motivation: String? = nil,
             term: Term? = nil, hearingAt: Date? = nil, hearingOutcome: String? = nil) async throws -> Int {
        let executor = try await item(id)["executorId"]?.stringValue ?? "-"
        let request = Action(action: action, executorId: executor, findings: findings, grounds: grounds, motivation: motivation, term: term,
                             hearingAt: hearingAt.map(KazakhstanTime.format), hearingOutcome: hearingOutcome)
        return try await stack.http.post(stack.http.review, "cases/\(id)/actions", request).0
    }

    /// Refuses on one ground of the catalogue, with a motivation naming it.
    func refuse(_ id: String, ground: String) async throws -> Int {
        try await act(id, "refuse", grounds: [ground], motivation: "Refused on ground \(ground) after review of the package.")
    }

    /// The suggested outcome and grounds of the case's checks.
    func suggestion(_ id: String) async throws -> (outcome: String, grounds: [String]) {
        let item = try await item(id)
        guard case .array(let grounds)? = item["grounds"] else { return (item["recommendation"]?.stringValue ?? "none", []) }
        return (item["recommendation"]?.stringValue ?? "none", grounds.compactMap { $0["code"]?.stringValue })
    }
}
