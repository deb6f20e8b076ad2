import Foundation
import QyzmetDomain

/// Sends a plan, works the worklist as the officers would, and waits until every application
/// has its answer: a refusal to accept, or an issued result.
public struct LoadRun: Sendable {
    public struct Outcome: Sendable {
        public var plan: [PlannedApplication]
        public var seen: OutcomeWatcher.Seen
        public var sentAt: [String: Date]
        public var started: Date
        public var finished: Date
        public var complete: Bool
        public var duplicatesSent: Int

        public init(plan: [PlannedApplication], seen: OutcomeWatcher.Seen, sentAt: [String: Date], started: Date, finished: Date, complete: Bool, duplicatesSent: Int) {
            self.plan = plan
            self.seen = seen
            self.sentAt = sentAt
            self.started = started
            self.finished = finished
            self.complete = complete
            self.duplicatesSent = duplicatesSent
        }

        public var duration: TimeInterval { finished.timeIntervalSince(started) }


    }

    let signer: ChannelSigner
    let publisher: ApplicationPublisher
    let watcher: OutcomeWatcher
    let officers: OfficerSimulation?

    public init(signer: ChannelSigner, publisher: ApplicationPublisher, watcher: OutcomeWatcher, officers: OfficerSimulation?) {
        self.signer = signer
        self.publisher = publisher
        self.watcher = watcher
        self.officers = officers
    }

    /// `duplicates` applications are sent twice as the same event, and as many again as a new
    /// event with the same content (a producer retrying with a new id).
    public func run(_ plan: [PlannedApplication], duplicates: Int = 0, timeout: TimeInterval = 120, progress: (Int, Int) -> Void = { _, _ in }) async throws -> Outcome {
        let started = Date()
        var envelopes = try plan.map { try signer.envelope(for: $0.application) }
        let repeats = Array(envelopes.prefix(duplicates))
        let resent = try plan.dropFirst(duplicates).prefix(duplicates).map { try signer.envelope(for: $0.application) }
        envelopes += repeats + resent
        // Latency counts from the broker's acknowledgement of a submission: the moment the portal
        // or front office knows the application is filed.
        var sentAt: [String: Date] = [:]
        for chunk in stride(from: 0, to: envelopes.count, by: 500) {
            let slice = Array(envelopes[chunk..<min(chunk + 500, envelopes.count)])
            try await publisher.publish(slice)
            let acknowledged = Date()
            for envelope in slice where sentAt[envelope.applicationId] == nil { sentAt[envelope.applicationId] = acknowledged }
        }
        let ids = plan.map(\.application.applicationId)
        let deadline = started.addingTimeInterval(timeout)
        var lastReported = -1
        while true {
            let seen = watcher.seen
            let done = ids.filter(seen.isAnswered).count
            if done != lastReported {
                progress(done, ids.count)
                lastReported = done
            }
            if done == ids.count || Date() > deadline {
                // Let late duplicates, if any, show up before counting.
                try? await Task.sleep(for: .milliseconds(done == ids.count ? 500 : 0))
                return Outcome(plan: plan, seen: watcher.seen, sentAt: sentAt, started: started, finished: Date(),
                               complete: done == ids.count, duplicatesSent: repeats.count + resent.count)
            }
            if let officers { _ = try? await officers.workOnce() }
            try await Task.sleep(for: .milliseconds(200))
        }
    }
}
