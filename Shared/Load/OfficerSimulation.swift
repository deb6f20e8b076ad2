import Foundation
import QyzmetDomain

/// Stands in for the authority's officers: works the review worklist, deciding each case as the
/// checks recommend, with a motivation for every refusal.
public struct OfficerSimulation: Sendable {
    let client: StackHTTPClient

    public init(client: StackHTTPClient) {
        self.client = client
    }

    public struct ExecutorDecision: Encodable, Sendable {
        var action: String
        var executorId: String
        var grounds: [String]?
        var motivation: String?

        public init(action: String, executorId: String, grounds: [String]?, motivation: String?) {
            self.action = action
            self.executorId = executorId
            self.grounds = grounds
            self.motivation = motivation
        }
    }

    /// Decides everything on the worklist now; returns the number of decisions made.
    @discardableResult
    public func workOnce() async throws -> Int {
        var decided = 0
        for item in try await client.worklist() {
            guard let id = item["applicationId"]?.stringValue else { continue }
            let executor = item["executorId"]?.stringValue ?? "lmab-officer-1"
            let decision: ExecutorDecision
            if item["recommendation"]?.stringValue == "refused", case .array(let grounds)? = item["grounds"] {
                let codes = grounds.compactMap { $0["code"]?.stringValue }
                let texts = grounds.compactMap { $0["text"]?.stringValue }
                decision = ExecutorDecision(action: "refuse", executorId: executor, grounds: codes,
                                            motivation: "Refused after review of the package: " + texts.joined(separator: "; "))
            } else {
                decision = ExecutorDecision(action: "approve", executorId: executor, grounds: nil, motivation: nil)
            }
            let (code, _) = try await client.post(client.review, "cases/\(id)/decision", decision)
            if code == 200 { decided += 1 }
        }
        return decided
    }
}
