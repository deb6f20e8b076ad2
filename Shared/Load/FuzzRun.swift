import Foundation
import QyzmetDomain

/// Sends a fuzz corpus to a running stack and counts how each message was answered: a dead letter
/// (by its Kafka key) or a receipt (by application id). The stack passes when every message is
/// answered and every service still answers its health check, without a restart.
public struct FuzzRun {
    public struct Report: Sendable {
        public var sent = 0
        public var deadLettered = 0
        public var refused = 0
        public var accepted = 0
        public var unanswered: [String] = []
        public var byMutation: [String: (sent: Int, answered: Int)] = [:]
        public var codes: [String: Int] = [:]
        public var servicesAlive: [String: Bool] = [:]
        public var seconds = 0.0

        public var passed: Bool { unanswered.isEmpty && servicesAlive.values.allSatisfy { $0 } }

        public var text: String {
            var lines = ["fuzz: \(sent) malformed messages in \(String(format: "%.1f", seconds)) s: \(deadLettered) dead-lettered, \(refused) refused with a receipt, \(accepted) accepted, \(unanswered.count) unanswered"]
            lines.append("services alive: " + servicesAlive.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value ? "yes" : "NO")" }.joined(separator: ", "))
            lines.append("by mutation (sent/answered):")
            for (m, c) in byMutation.sorted(by: { $0.key < $1.key }) { lines.append("  \(m.padding(toLength: 24, withPad: " ", startingAt: 0)) \(c.sent)/\(c.answered)") }
            lines.append("answers by code:")
            for (code, n) in codes.sorted(by: { $0.value > $1.value }) { lines.append("  \(code.padding(toLength: 52, withPad: " ", startingAt: 0)) \(n)") }
            if !unanswered.isEmpty { lines.append("unanswered keys: " + unanswered.prefix(20).joined(separator: " ")) }
            return lines.joined(separator: "\n")
        }
    }

    let publisher: ApplicationPublisher
    let watcher: OutcomeWatcher
    let client: StackHTTPClient

    public init(publisher: ApplicationPublisher, watcher: OutcomeWatcher, client: StackHTTPClient) {
        self.publisher = publisher
        self.watcher = watcher
        self.client = client
    }

    public func run(_ cases: [FuzzCorpus.Case], timeout: Duration = .seconds(300)) async throws -> Report {
        let started = ContinuousClock.now
        // In slices, so a slow consumer is not handed the whole corpus at once.
        for slice in stride(from: 0, to: cases.count, by: 500) {
            try await publisher.publishRaw(cases[slice..<min(slice + 500, cases.count)].map(\.message))
        }
        func answer(_ key: String, _ seen: OutcomeWatcher.Seen) -> String? {
            seen.deadLetterCodeByKey[key].map { "dead letter \($0)" }
                ?? seen.receipts[key]?.first.map { $0.outcome == .accepted ? "accepted" : "refused \($0.refusal?.code ?? "?")" }
        }
        var seen = watcher.seen
        while ContinuousClock.now - started < timeout, cases.contains(where: { answer($0.key, seen) == nil }) {
            try await Task.sleep(for: .milliseconds(500))
            seen = watcher.seen
        }
        var report = Report(sent: cases.count)
        for c in cases {
            let a = answer(c.key, seen)
            report.byMutation[c.mutation, default: (0, 0)].sent += 1
            guard let a else { report.unanswered.append(c.key); continue }
            report.byMutation[c.mutation, default: (0, 0)].answered += 1
            report.codes[a, default: 0] += 1
            if a.hasPrefix("dead letter") { report.deadLettered += 1 } else if a == "accepted" { report.accepted += 1 } else { report.refused += 1 }
        }
        for service in ["intake", "identity", "review", "issuance"] {
            report.servicesAlive[service] = await client.isReady(client.url(for: service))
        }
        report.seconds = Double((ContinuousClock.now - started).components.seconds)
        return report
    }
}
