import Foundation
import GRDB
import Logging
import Metrics
import QyzmetMessaging
import QyzmetStorage
import ServiceLifecycle
import Synchronization

/// Publishes the outbox in order and deletes what the broker acknowledged. A crash between
/// publish and delete re-publishes on restart: a duplicate on the wire, which consumers drop by
/// event id. Nothing written to the outbox is lost.
public final class OutboxRelay: Service, Sendable {
    private let store: ServiceStore
    private let producer: Mutex<KafkaProducer>
    /// A fresh producer after the broker changed (its producer id means nothing to the new one).
    private let makeProducer: (@Sendable () throws -> KafkaProducer)?
    private let gate: BrokerGate?
    private let epoch = Mutex(0)
    private let clock: any ServiceClock
    private let logger: Logger
    private let signal = WakeSignal()
    private let batchSize: Int
    private let published: Counter
    private let failures: Counter
    private let parked: Counter
    private let delay: Metrics.Timer
    /// A message the broker refuses for what it is (too large, invalid) this many times is parked
    /// in `outbox_parked` so it cannot block the messages behind it for ever. A broker that is
    /// down parks nothing: the outbox waits, and says so in /health and the log.
    public static let maxAttempts = 5
    /// Since when publishing has been failing for reasons not of the message (nil while it works).
    private let failing = Mutex<Date?>(nil)
    private let failingGauge: Gauge

    public init(service: String, store: ServiceStore, producer: KafkaProducer, clock: any ServiceClock, logger: Logger, batchSize: Int = 500,
                gate: BrokerGate? = nil, makeProducer: (@Sendable () throws -> KafkaProducer)? = nil) {
        self.store = store
        self.producer = Mutex(producer)
        self.gate = gate
        self.makeProducer = makeProducer
        self.clock = clock
        self.logger = logger
        self.batchSize = batchSize
        published = Counter(label: "qyzmet_outbox_published_total", dimensions: [("service", service)])
        failures = Counter(label: "qyzmet_outbox_publish_failures_total", dimensions: [("service", service)])
        parked = Counter(label: "qyzmet_outbox_parked_total", dimensions: [("service", service)])
        delay = Metrics.Timer(label: "qyzmet_outbox_publish_delay", dimensions: [("service", service)], preferredDisplayUnit: .milliseconds)
        failingGauge = Gauge(label: "qyzmet_outbox_publishing_failing", dimensions: [("service", service)])
    }

    /// Since when the broker has not taken the outbox's next message, if it has not.
    public var failingSince: Date? { failing.withLock { $0 } }

    /// Called after a transaction that wrote to the outbox.
    public func wake() { signal.signal() }

    public func run() async throws {
        var backoff = Duration.milliseconds(100)
        while true {
            let stopping = Task.isShuttingDownGracefully || Task.isCancelled
            if let gate {
                if gate.closedReason != nil {
                    if stopping { break }
                    await signal.wait(upTo: .milliseconds(500))
                    continue
                }
                await renewProducer(for: gate.epoch)
            }
            let outcome: PublishOutcome
            do {
                outcome = try await publishReady()
            } catch {
                logger.error("outbox relay failed", metadata: ["error": "\(error)"])
                outcome = .failed
            }
            switch outcome {
            case .published:
                backoff = .milliseconds(100)
                continue
            case .failed:
                if stopping { break }
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(5))
                continue
            case .idle(let nextScheduled):
                if stopping { break }
                let wait = nextScheduled.map { max(0.005, min($0.timeIntervalSince(clock.now()), 1)) } ?? 1
                await signal.wait(upTo: .milliseconds(Int(wait * 1000)))
                continue
            }
            break
        }
        await producer.withLock { $0 }.shutdown()
        logger.info("outbox relay stopped")
    }

    public enum PublishOutcome: Equatable {
        case published
        case failed
        case idle(nextScheduled: Date?)
    }

    /// One round: publishes what is ready and removes the acknowledged prefix.
    public func publishReady() async throws -> PublishOutcome {
        let now = clock.now()
        let batchSize = self.batchSize
        let (records, next) = try await store.pool.read { db in
            (try Outbox.ready(db, now: now, limit: batchSize), try Outbox.nextScheduled(db, after: now))
        }
        guard !records.isEmpty else { return .idle(nextScheduled: next) }
        let results = await producer.withLock { $0 }.send(records.map {
            OutgoingMessage(topic: $0.topic, key: $0.key, value: $0.value, headers: $0.decodedHeaders)
        })
        // Delete the acknowledged prefix only: a failed message is retried before anything
        // that followed it, so one application's events keep their order.
        var delivered: [Int64] = []
        var failure: (record: OutboxRecord, error: KafkaError)?
        for (record, result) in zip(records, results) {
            if case .failure(let error) = result {
                failure = (record, error)
                break
            }
            delivered.append(record.id!)
        }
        let publishedAt = clock.now()
        let ownFault = failure?.error.isCausedByMessage ?? false
        try await store.pool.write { [failure, delivered] db in
            try Outbox.markPublished(db, ids: delivered)
            if let failure {
                try Outbox.recordFailure(db, id: failure.record.id!, error: failure.error.description, counts: ownFault)
                if ownFault && failure.record.attempts + 1 >= Self.maxAttempts {
                    try OutboxParking.park(db, id: failure.record.id!)
                }
            }
        }
        noteBroker(working: failure == nil || ownFault || !delivered.isEmpty, error: failure?.error, at: publishedAt)
        published.increment(by: delivered.count)
        for record in records.prefix(delivered.count) {
            delay.recordNanoseconds(Int64(max(0, publishedAt.timeIntervalSince(record.createdAt)) * 1e9))
        }
        if let failure {
            failures.increment()
            if ownFault && failure.record.attempts + 1 >= Self.maxAttempts {
                parked.increment()
                logger.error("outbox message parked after repeated failures", metadata: [
                    "topic": "\(failure.record.topic)", "applicationId": "\(failure.record.applicationId ?? "-")",
                    "error": "\(failure.error)",
                ])
            } else if ownFault {
                logger.warning("publish failed, will retry", metadata: ["topic": "\(failure.record.topic)", "error": "\(failure.error)"])
            }
            return delivered.isEmpty ? .failed : .published
        }
        return .published
    }
}

extension OutboxRelay {
    private func renewProducer(for current: Int) async {
        let previous = epoch.withLock { e in defer { e = current }; return e }
        guard previous != current, let makeProducer else { return }
        do {
            let fresh = try makeProducer()
            let old = producer.withLock { p in defer { p = fresh }; return p }
            await old.shutdown(flushTimeout: .seconds(1))
            logger.info("outbox relay has a new producer for the new broker")
        } catch {
            logger.error("could not create a producer for the new broker", metadata: ["error": "\(error)"])
            epoch.withLock { $0 = previous }
        }
    }

    /// Raises the alert once when the broker stops taking messages and clears it when it takes
    /// them again (the log line and `qyzmet_outbox_publishing_failing`; /health shows the time).
    private func noteBroker(working: Bool, error: KafkaError?, at now: Date) {
        let (started, recovered) = failing.withLock { since -> (Bool, Date?) in
            if working {
                defer { since = nil }
                return (false, since)
            }
            if since == nil {
                since = now
                return (true, nil)
            }
            return (false, nil)
        }
        if started {
            failingGauge.record(1)
            logger.error("broker not taking messages: the outbox waits and nothing is parked", metadata: ["error": "\(error.map(String.init(describing:)) ?? "-")"])
        }
        if let recovered {
            failingGauge.record(0)
            logger.notice("broker taking messages again", metadata: ["failedForSeconds": "\(Int(now.timeIntervalSince(recovered)))"])
        }
    }
}
