import Foundation
import Logging
import QyzmetDomain
import QyzmetPopulation
import QyzmetStorage
import Synchronization

/// What a soak may do to the processes of a stack: the compose scripts' pid files in the CLI,
/// the test harness's processes in the stack tests.
public protocol StackControl: Sendable {
    /// SIGKILL: no graceful shutdown.
    func kill(_ service: String) async throws
    /// Starts a stopped service and waits until it answers /health.
    func start(_ service: String) async throws
    /// Stops a service gracefully (SIGTERM).
    func stop(_ service: String) async throws
    /// The broker restarts without its memory (recovery is the soak's job).
    func restartBroker() async throws
}

/// The crash soak: applications across the whole catalogue (officer paths worked by a simulated
/// officer) while services are killed at random moments, the broker restarts without its memory
/// and the gateway is down; then an independent reader of the topics counts what became of each.
public struct SoakRun: Sendable {
    public struct Plan: Sendable {
        public var applications: Int
        public var kills: Int
        public var brokerRestarts: Int
        public var gatewayDown: Duration
        /// Applications published per second.
        public var rate: Double
        public var seed: UInt64

        public init(applications: Int, kills: Int, brokerRestarts: Int, gatewayDown: Duration, rate: Double = 150, seed: UInt64 = 1) {
            self.applications = applications
            self.kills = kills
            self.brokerRestarts = brokerRestarts
            self.gatewayDown = gatewayDown
            self.rate = rate
            self.seed = seed
        }
    }

    public struct Report: Sendable {
        public var submitted = 0
        public var terminal = 0
        public var lost: [String] = []
        /// The last status the monitoring topic showed for each lost application, counted: where
        /// they stand (no status at all: intake never saw the application).
        public var lostByStatus: [String: Int] = [:]
        public var duplicateReceipts: [String] = []
        public var duplicateResults: [String] = []
        public var kills = 0
        public var brokerRestarts = 0
        public var gatewayDownSeconds = 0
        public var resent = 0
        /// Refusals to accept by code, as the receipts say (`gateway-unavailable` would be the
        /// gateway's outage showing through).
        public var refusals: [String: Int] = [:]
        public var seconds = 0.0
        public var audit: AuditVerifier.Summary?

        public var passed: Bool {
            lost.isEmpty && duplicateReceipts.isEmpty && duplicateResults.isEmpty && (audit?.problems.isEmpty ?? true)
        }

        public var text: String {
            var lines = [
                "soak: \(submitted) submitted, \(terminal) terminal, \(duplicateReceipts.count + duplicateResults.count) duplicated, \(lost.count) lost",
                "chaos: \(kills) SIGKILLs, \(brokerRestarts) broker restarts (recovered), gateway down \(gatewayDownSeconds) s; \(resent) applications resent by their producer for want of a receipt within a minute",
                "time: \(Int(seconds)) s",
                "refusals to accept: " + (refusals.isEmpty ? "none" : refusals.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")),
            ]
            if let audit {
                lines.append("audit: \(audit.entries.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")) entries, \(audit.crossChecked) heads cross-checked, \(audit.problems.count) problems")
                lines += audit.problems.prefix(10).map { "  BROKEN \($0)" }
            }
            if !lost.isEmpty {
                lines.append("lost, by their last status: " + lostByStatus.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
                lines.append("lost: " + lost.prefix(20).joined(separator: " "))
            }
            if !duplicateReceipts.isEmpty { lines.append("two receipts: " + duplicateReceipts.prefix(20).joined(separator: " ")) }
            if !duplicateResults.isEmpty { lines.append("two results: " + duplicateResults.prefix(20).joined(separator: " ")) }
            return lines.joined(separator: "\n")
        }
    }

    let control: any StackControl
    let client: StackHTTPClient
    let bootstrap: String
    let signer: ChannelSigner
    let storePaths: [String: String]
    let partitions: Int
    let logger: Logger

    public init(control: any StackControl, client: StackHTTPClient, bootstrap: String, signer: ChannelSigner, storePaths: [String: String],
                partitions: Int = 3, logger: Logger) {
        self.control = control
        self.client = client
        self.bootstrap = bootstrap
        self.signer = signer
        self.storePaths = storePaths
        self.partitions = partitions
        self.logger = logger
    }

    static let services = ["intake", "identity", "review", "issuance"]

    public func run(_ plan: Plan, index: PopulationIndex, answerTimeout: Duration = .seconds(1800), progress: @escaping @Sendable (String) -> Void = { _ in }) async throws -> Report {
        let started = ContinuousClock.now
        // In chunks with their own dealer: a person may apply again in a later chunk, as people do.
        var planned: [PlannedApplication] = []
        while planned.count < plan.applications {
            planned += DemoPlan(count: min(2000, plan.applications - planned.count), index: index, now: Date()).applications
        }
        _ = try await client.payDuties(planned)
        let watcher = try OutcomeWatcher(bootstrapServers: bootstrap, sessionTimeoutMilliseconds: 3000, logger: logger)
        let watching = Task { await watcher.run() }
        defer { watcher.stop() }
        while !watcher.isAssigned { try await Task.sleep(for: .milliseconds(100)) }
        let publisher = try Producer(bootstrap: bootstrap, logger: logger)
        let envelopes = try planned.map { try signer.envelope(for: $0.application) }
        let submitting = Duration.seconds(Double(plan.applications) / plan.rate)
        var report = Report(submitted: planned.count)

        // The chaos: one event at a time, at random moments while applications are coming in.
        var random = SplitMix64(seed: plan.seed)
        enum Event { case kill(String), brokerRestart, gatewayDown }
        var events: [(at: Duration, event: Event)] = (0..<plan.kills).map { _ in
            (Self.moment(in: submitting, &random), .kill(Self.services[Int(random.next() % 4)]))
        }
        // Broker restarts are spread over the run (each at its share of the window, give or take
        // 5%): the embedded broker keeps its log in memory and slows as the log grows, so a
        // restart also bounds how much log it carries (docs/runbook.md section 18).
        events += (0..<plan.brokerRestarts).map { (Self.spaced($0, of: plan.brokerRestarts, in: submitting, &random), .brokerRestart) }
        if plan.gatewayDown > .zero { events.append((Self.moment(in: submitting, &random), .gatewayDown)) }
        events.sort { $0.at < $1.at }
        let chaosOver = Flag()
        let chaos = Task { [control, bootstrap, partitions, storePaths, logger, events] () -> (kills: Int, restarts: Int, down: Int) in
            defer { chaosOver.set() }
            var done = (kills: 0, restarts: 0, down: 0)
            for (at, event) in events {
                try? await Task.sleep(until: started + at)
                do {
                    switch event {
                    case .kill(let service):
                        try await control.kill(service)
                        try await Task.sleep(for: .milliseconds(Int(at.components.seconds % 3) * 500))
                        try await control.start(service)
                        done.kills += 1
                        progress("killed and restarted \(service)")
                    case .brokerRestart:
                        try await control.restartBroker()
                        // Ops see broker-changed and recover (docs/runbook.md section 15).
                        try await Task.sleep(for: .seconds(3))
                        _ = try await BrokerRecovery(bootstrapServers: bootstrap, partitions: partitions, logger: logger).recover(stores: storePaths)
                        done.restarts += 1
                        progress("broker restarted and recovered")
                    case .gatewayDown:
                        try await control.stop("identity")
                        progress("gateway down for \(plan.gatewayDown)")
                        try await Task.sleep(for: plan.gatewayDown)
                        try await control.start("identity")
                        done.down += Int(plan.gatewayDown.components.seconds)
                        progress("gateway up again")
                    }
                } catch {
                    // One failed event does not end the chaos; the report counts what was done.
                    progress("chaos event failed: \(error)")
                }
            }
            return done
        }

        // The producer: at its rate, and what got no receipt a minute later again (as the
        // contract asks; after a broker restart the log that held it is gone).
        let resender = Task { [publisher, watcher, envelopes] () -> Int in
            var resent = 0
            // Sent and not yet receipted, with when last sent: what is receipted leaves, so each
            // look costs what is in flight, not everything sent so far.
            var waiting: [Int: ContinuousClock.Instant] = [:]
            var lastLook = ContinuousClock.now
            var next = 0
            let slice = max(1, Int(plan.rate / 4))
            while !Task.isCancelled {
                if next < envelopes.count {
                    let upper = min(next + slice, envelopes.count)
                    try? await publisher.publish(Array(envelopes[next..<upper]))
                    for i in next..<upper { waiting[i] = .now }
                    next = upper
                    try? await Task.sleep(until: started + .seconds(Double(next) / plan.rate))
                } else {
                    try? await Task.sleep(for: .seconds(5))
                }
                guard ContinuousClock.now - lastLook >= .seconds(5) else { continue }
                lastLook = .now
                let now = ContinuousClock.now
                let (receipted, stale) = watcher.withSeen { seen -> ([Int], [Int]) in
                    var receipted: [Int] = [], stale: [Int] = []
                    for (i, sentAt) in waiting {
                        if seen.receipts[envelopes[i].applicationId] != nil { receipted.append(i) } else if now - sentAt > .seconds(60) { stale.append(i) }
                    }
                    return (receipted, stale)
                }
                for i in receipted { waiting[i] = nil }
                if !stale.isEmpty {
                    try? await publisher.publish(stale.map { envelopes[$0] })
                    for i in stale { waiting[i] = .now }
                    resent += stale.count
                }
            }
            return resent
        }

        // The officers work the worklist until everything is answered.
        let officers = OfficerSimulation(client: client)
        let ids = planned.map(\.application.applicationId)
        var unanswered = ids
        var lastProgress = ContinuousClock.now
        while ContinuousClock.now - started < answerTimeout {
            _ = try? await officers.workOnce()
            // An answer stays an answer: only what is still open is looked at again.
            unanswered = watcher.withSeen { [unanswered] seen in unanswered.filter { !seen.isAnswered($0) } }
            let answered = ids.count - unanswered.count
            if ContinuousClock.now - lastProgress > .seconds(15) {
                progress("\(answered) of \(ids.count) answered")
                lastProgress = .now
            }
            if answered == ids.count, chaosOver.isSet { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        let done = try await chaos.value
        resender.cancel()
        report.resent = await resender.value
        report.kills = done.kills
        report.brokerRestarts = done.restarts
        report.gatewayDownSeconds = done.down
        // Late duplicates, if any, have a few seconds to show.
        try await Task.sleep(for: .seconds(5))
        let seen = watcher.seen
        let notices: Set<ResultIssued.Kind> = [.extensionNotice, .hearingNotice, .collectionNotice]
        for id in ids {
            if seen.isAnswered(id) {
                report.terminal += 1
            } else {
                report.lost.append(id)
                report.lostByStatus[seen.statuses[id]?.last?.status.rawValue ?? "none", default: 0] += 1
            }
            if let refusal = seen.receipts[id]?.first?.refusal { report.refusals[refusal.code, default: 0] += 1 }
            if Set((seen.receipts[id] ?? []).map { $0.registrationNumber ?? $0.refusal?.code ?? "" }).count > 1 { report.duplicateReceipts.append(id) }
            let closing = (seen.results[id] ?? []).filter { !notices.contains($0.kind) }
            if Set(closing.map(\.documentNumber)).count > 1 { report.duplicateResults.append(id) }
        }
        watcher.stop()
        await watching.value
        await publisher.close()
        report.audit = try AuditVerifier(storePaths: storePaths).verify()
        report.seconds = Double((ContinuousClock.now - started).components.seconds)
        return report
    }

    /// The i-th of n moments spread evenly over the window, each moved by up to 5% of it.
    static func spaced(_ i: Int, of n: Int, in window: Duration, _ random: inout SplitMix64) -> Duration {
        let milliseconds = Double(window.components.seconds * 1000)
        let jitter = (Double(random.next() % 1001) / 1000 - 0.5) * 0.1 * milliseconds
        return .milliseconds(Int(max(0, milliseconds * Double(i + 1) / Double(n + 1) + jitter)))
    }

    static func moment(in window: Duration, _ random: inout SplitMix64) -> Duration {
        .milliseconds(Int(random.next() % UInt64(max(1, window.components.seconds * 1000))))
    }

    /// The portal's producer: after a broker restart its idempotent producer id is unknown to
    /// the new broker (a fatal error in librdkafka), so a failed send takes a new producer.
    actor Producer {
        let bootstrap: String
        let logger: Logger
        var publisher: ApplicationPublisher

        init(bootstrap: String, logger: Logger) throws {
            self.bootstrap = bootstrap
            self.logger = logger
            publisher = try ApplicationPublisher(bootstrapServers: bootstrap, logger: logger)
        }

        func publish(_ envelopes: [EventEnvelope]) async throws {
            do {
                try await publisher.publish(envelopes)
            } catch {
                await publisher.close()
                publisher = try ApplicationPublisher(bootstrapServers: bootstrap, logger: logger)
                throw error
            }
        }

        func close() async { await publisher.close() }
    }

    final class Flag: Sendable {
        private let value = Mutex(false)
        func set() { value.withLock { $0 = true } }
        var isSet: Bool { value.withLock { $0 } }
    }
}
