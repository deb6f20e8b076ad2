import Foundation
import QyzmetDomain

/// Stands in for the authority's officers: works the review worklist with the actions each
/// case's process offers, recording findings before approving, refusing with a motivation where
/// the checks found grounds, sending the interim reply of an additional check and completing it.
public struct OfficerSimulation: Sendable {
    let client: StackHTTPClient

    public init(client: StackHTTPClient) {
        self.client = client
    }

    public struct ExecutorAction: Encodable, Sendable {
        var action: String
        var executorId: String
        var findings: [String: String]?
        var grounds: [String]?
        var motivation: String?
        var term: JSONValue?

        public init(action: String, executorId: String, findings: [String: String]? = nil, grounds: [String]? = nil, motivation: String? = nil,
                    term: JSONValue? = nil) {
            self.action = action
            self.executorId = executorId
            self.findings = findings
            self.grounds = grounds
            self.motivation = motivation
            self.term = term
        }
    }

    /// Works everything on the worklist once; returns the number of cases moved on.
    @discardableResult
    public func workOnce() async throws -> Int {
        var moved = 0
        for item in try await client.worklist() {
            guard let id = item["applicationId"]?.stringValue, case .array(let actions)? = item["actions"] else { continue }
            let executor = item["executorId"]?.stringValue ?? "lmab-officer-1"
            let open = Set(actions.compactMap { $0["action"]?.stringValue })
            var steps: [ExecutorAction] = []
            if item["recommendation"]?.stringValue == "refused", open.contains("refuse"), case .array(let grounds)? = item["grounds"] {
                let texts = grounds.compactMap { $0["text"]?.stringValue }
                steps = [ExecutorAction(action: "refuse", executorId: executor, grounds: grounds.compactMap { $0["code"]?.stringValue },
                                        motivation: "Refused after review of the package: " + texts.joined(separator: "; "))]
            } else if open.contains("answer-no-information") {
                // Neither archive holds the person: the answer the applicant chose (paper or cabinet).
                steps = [ExecutorAction(action: "answer-no-information", executorId: executor)]
            } else if open.contains("forward") {
                // A complaint the official cannot satisfy goes to the reviewing body with the case.
                steps = [ExecutorAction(action: "forward", executorId: executor)]
            } else if open.contains("uphold") {
                // The reviewing body, as the demonstration plays it: a complaint against a decision
                // is upheld (the decision is taken again), one about inaction or staff rejected.
                let uphold = item["recorded"]?["appealsAgainst"]?.stringValue == "decision"
                steps = [ExecutorAction(action: uphold ? "uphold" : "reject", executorId: executor,
                                        motivation: uphold ? "The complaint is upheld: the decision is to be taken again on the facts of the case."
                                                           : "The complaint is rejected: the decision followed the rules of the service.")]
            } else if open.contains("interim-reply") {
                steps = [ExecutorAction(action: "interim-reply", executorId: executor)]
            } else if let extend = actions.first(where: { $0["action"]?.stringValue == "extend" }), !open.contains("approve") {
                // An answer from outside takes as long as it takes: extend as far as the rules
                // allow for the body asked, the longest term first.
                if try await self.extend(id, executor: executor, action: extend, item: item) { moved += 1 }
                continue
            } else {
                if let record = actions.first(where: { $0["action"]?.stringValue == "record-findings" }) {
                    steps.append(ExecutorAction(action: "record-findings", executorId: executor, findings: findings(for: record, item: item)))
                }
                if open.contains("complete-check") { steps.append(ExecutorAction(action: "complete-check", executorId: executor)) }
                if open.contains("approve") || !steps.isEmpty && !open.contains("complete-check") {
                    steps.append(ExecutorAction(action: "approve", executorId: executor))
                }
            }
            var ok = !steps.isEmpty
            for step in steps where ok {
                let (code, _) = try await client.post(client.review, "cases/\(id)/actions", step)
                ok = code == 200
            }
            if ok { moved += 1 }
        }
        return moved
    }

    private func extend(_ id: String, executor: String, action: JSONValue, item: JSONValue) async throws -> Bool {
        guard case .array(let terms)? = action["maxTerms"] else { return false }
        let findings = findings(for: action, item: item)
        let longestFirst = terms.sorted { ($0["amount"].flatMap { if case .integer(let n) = $0 { return Int(n) } else { return nil } } ?? 0)
            > ($1["amount"].flatMap { if case .integer(let n) = $0 { return Int(n) } else { return nil } } ?? 0) }
        for term in longestFirst {
            let step = ExecutorAction(action: "extend", executorId: executor, findings: findings.isEmpty ? nil : findings, term: term)
            if try await client.post(client.review, "cases/\(id)/actions", step).0 == 200 { return true }
        }
        return false
    }

    /// What a careful officer would record: what the registers already say, today's date for a
    /// date, where the military document went by channel, and a clean record for a check.
    private func findings(for action: JSONValue, item: JSONValue) -> [String: String] {
        guard case .array(let rules)? = action["findings"] else { return [:] }
        var out: [String: String] = [:]
        let today = KazakhstanTime.localDate(of: Date()).description
        for rule in rules {
            guard let name = rule["name"]?.stringValue else { continue }
            if let known = item["recorded"]?[name]?.stringValue { out[name] = known; continue }
            if case .array(let values)? = rule["values"] {
                let choices = values.compactMap(\.stringValue)
                // The office and the body asked follow what the registers say, where they say it.
                let registered = [item["recorded"]?["militaryOffice"]?.stringValue, item["recorded"]?["serviceMissingFrom"]?.stringValue].compactMap { $0 }
                if let known = registered.first(where: choices.contains) {
                    out[name] = known
                } else if name == "militaryDocumentSurrendered" {
                    out[name] = item["channel"]?.stringValue == "portal" ? "with-migration-police" : "surrendered-to-provider"
                } else if let first = choices.first {
                    out[name] = first
                }
            } else if name.hasSuffix("On") {
                out[name] = today
            } else if name.hasSuffix("Number") {
                out[name] = "N" + (item["applicationId"]?.stringValue?.suffix(7) ?? "0000000")
            } else {
                out[name] = name == "checkedAgainst" ? "card index of the Committee" : "as on the register"
            }
        }
        return out
    }
}
