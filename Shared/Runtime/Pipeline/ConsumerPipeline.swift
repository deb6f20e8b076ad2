import Foundation
import GRDB
import Logging
import Metrics
import QyzmetDomain
import QyzmetMessaging
import QyzmetStorage
import ServiceLifecycle
import Synchronization

/// Consumes a service's topics in batches. Each batch is applied in one SQLite transaction:
/// every event's state change, the events it causes (outbox) and its id (inbox) commit together;
/// Kafka offsets are committed only after that commit.
public final class ConsumerPipeline: Service, Sendable {
    private let service: String
    private let consumer: KafkaConsumer
    private let gate: BrokerGate?
    private let store: ServiceStore
    private let clock: any ServiceClock
    private let source: String
    private let eventKey: SigningKey?
    private let sealing: Sealing
    private let relay: OutboxRelay
    private let logger: Logger
    private let maxBatch: Int
    private let batchTimer: Metrics.Timer
    private let applier: EventApplier
    private let storeFailing = Mutex<Date?>(nil)

    /// Since when the current batch cannot be stored (nil while storing works).
    public var storeFailingSince: Date? { storeFailing.withLock { $0 } }

    public init(
        service: String, consumer: KafkaConsumer, store: ServiceStore, clock: any ServiceClock, source: String, eventKey: SigningKey? = nil,
        sealing: Sealing = .off, handler: any EventHandling, relay: OutboxRelay, logger: Logger, maxBatch: Int = 500, maxMessageBytes: Int = EventApplier.defaultMaxMessageBytes,
        gate: BrokerGate? = nil
    ) {
        self.eventKey = eventKey
        self.sealing = sealing
        self.service = service
        self.consumer = consumer
        self.gate = gate
        self.store = store
        self.clock = clock
        self.source = source
        self.relay = relay
        self.logger = logger
        self.maxBatch = maxBatch
        applier = EventApplier(service: service, handler: handler, maxMessageBytes: maxMessageBytes, sealing: sealing)
        batchTimer = Metrics.Timer(label: "qyzmet_consumer_batch_duration", dimensions: [("service", service)], preferredDisplayUnit: .milliseconds)
    }

    public var assignedPartitions: [TopicPartition] { consumer.assignedPartitions }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            if let gate, gate.closedReason != nil {
                // Not from a broker that is not the store's. The consumer stays a member of its
                // group (a closed member would hold up the next join on tansu): the broker's new
                // log has no committed offsets, so the group starts it from the beginning.
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(500)) }
                continue
            }
            let batch = await consumer.poll(maxMessages: maxBatch, timeout: .milliseconds(200))
            guard !batch.isEmpty else { continue }
            guard await apply(batch) else { break }
            consumer.commit(batch.nextOffsets())
            relay.wake()
        }
        await consumer.close()
        logger.info("consumer stopped")
    }

    /// Applies a batch, retrying SQLite failures until they pass; false if shutdown came first
    /// (the batch stays uncommitted in Kafka and is consumed again on restart).
    private func apply(_ batch: [ConsumedMessage]) async -> Bool {
        var backoff = Duration.milliseconds(50)
        while true {
            let started = ContinuousClock.now
            do {
                let outcomes = try await store.pool.write { [applier, clock, source] db in
                    try applier.apply(batch, in: Transaction(db: db, now: clock.now(), source: source, eventKey: eventKey, sealing: sealing))
                }
                batchTimer.record(duration: ContinuousClock.now - started)
                if let since = storeFailing.withLock({ s in defer { s = nil }; return s }) {
                    logger.notice("store writable again: consuming", metadata: ["failedForSeconds": "\(Int(Date().timeIntervalSince(since)))"])
                }
                record(outcomes, batch)
                return true
            } catch {
                let first = storeFailing.withLock { s in
                    defer { if s == nil { s = Date() } }
                    return s == nil
                }
                if first {
                    // Disk full, a read-only file, I/O errors: nothing of this batch is stored and
                    // nothing is committed to Kafka; the same batch is tried until it can be.
                    logger.error("store cannot be written: consuming stopped until it can; no offset is committed past what is stored",
                                 metadata: ["error": "\(error)", "messages": "\(batch.count)", "path": "\(store.path)"])
                }
                logger.error("batch failed, retrying", metadata: ["error": "\(error)", "messages": "\(batch.count)"])
                if Task.isShuttingDownGracefully || Task.isCancelled { return false }
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(5))
            }
        }
    }

    /// Counts per batch, not per message: a metric lookup goes through the registry's lock.
    private func record(_ outcomes: [EventApplier.Outcome], _ batch: [ConsumedMessage]) {
        var applied: [String: Int] = [:]
        var duplicates = 0
        var deadLetters: [String: Int] = [:]
        for (outcome, message) in zip(outcomes, batch) {
            switch outcome {
            case .applied(let type):
                applied[type, default: 0] += 1
            case .duplicate:
                duplicates += 1
            case .deadLettered(let code, let applicationId):
                deadLetters[code, default: 0] += 1
                logger.warning("message dead-lettered", metadata: [
                    "code": "\(code)", "applicationId": "\(applicationId ?? "-")",
                    "topic": "\(message.topic)", "partition": "\(message.partition)", "offset": "\(message.offset)",
                ])
            }
        }
        for (type, count) in applied {
            Counter(label: "qyzmet_events_consumed_total", dimensions: [("service", service), ("type", type)]).increment(by: count)
        }
        if duplicates > 0 { Counter(label: "qyzmet_events_duplicate_total", dimensions: [("service", service)]).increment(by: duplicates) }
        for (code, count) in deadLetters {
            Counter(label: "qyzmet_dead_letters_total", dimensions: [("service", service), ("code", code)]).increment(by: count)
        }
    }
}
