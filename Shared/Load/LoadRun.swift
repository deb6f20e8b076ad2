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

    /// The first `duplicates` applications are sent twice as the same event, the next
    /// `duplicates` again as a new event with the same content (a producer retrying with a new
    /// id). Each copy follows its original at once, so the applications after it on the same
    /// partition are consumed after it: once all are answered, every copy has been seen.
    public func run(_ plan: [PlannedApplication], duplicates: Int = 0, timeout: TimeInterval = 120, progress: (Int, Int) -> Void = { _, _ in }) async throws -> Outcome {
        let started = Date()
        var envelopes: [EventEnvelope] = []
        var copies = 0
        for (index, planned) in plan.enumerated() {
            let envelope = try signer.envelope(for: planned.application)
            envelopes.append(envelope)
            if index < duplicates {
                envelopes.append(envelope)
                copies += 1
            } else if index < 2 * duplicates {
                envelopes.append(try signer.envelope(for: planned.application))
                copies += 1
            }
        }
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
                return Outcome(plan: plan, seen: watcher.seen, sentAt: sentAt, started: started, finished: Date(),
                               complete: done == ids.count, duplicatesSent: copies)
            }
            if let officers { _ = try? await officers.workOnce() }
            try await Task.sleep(for: .milliseconds(200))
        }
    }
}
