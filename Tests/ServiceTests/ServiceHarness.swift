import Foundation
import IdentityService
import IntakeService
import IssuanceService
import ReviewService
import GRDB
import Logging
import QyzmetDomain
import QyzmetRules
import QyzmetMessaging
import QyzmetPopulation
import QyzmetRuntime
import QyzmetStorage

/// A service's logic on a temporary SQLite file with a manual clock: events go in through the
/// same applier the consumer pipeline uses, and what the service would publish comes out of its
/// outbox. Kafka is replaced by handing events from one harness to the next.
final class ServiceHarness<App: ServiceApplication>: @unchecked Sendable {
    let app: App
    let context: ServiceContext
    let clock: ManualClock
    let applier: EventApplier
    /// Offsets grow across deliveries, as in a real log.
    private var nextOffset: Int64 = 0

    static var devKeys: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("compose/dev-keys")
    }

    init(clock: ManualClock, environment: [String: String] = [:]) throws {
        self.clock = clock
        let store = try ServiceStore.temporary { App.registerMigrations(&$0) }
        context = ServiceContext(
            name: App.name, environment: ServiceEnvironment(serviceName: App.name, environment: environment), store: store, clock: clock,
            catalogue: try CatalogueLoader.bundled(environment: [:]), calendar: .kazakhstan,
            keys: try KeyMaterial.load(directory: Self.devKeys, keyName: App.signingKeyName, service: App.name), logger: Logger(label: App.name), wakeRelay: {}
        )
        app = try App(context: context)
        applier = EventApplier(service: App.name, handler: app, sealing: context.keys.sealing)
    }

    /// Delivers events as if consumed from `topic`.
    @discardableResult
    func deliver(_ events: [Published], topic: String? = nil) throws -> [EventApplier.Outcome] {
        let first = nextOffset
        nextOffset += Int64(events.count)
        let messages = events.enumerated().map { index, event in
            ConsumedMessage(topic: topic ?? event.topic, partition: 0, offset: first + Int64(index), key: Data(event.envelope.applicationId.utf8),
                            value: EnvelopeCodec.encode(event.envelope), headers: EnvelopeCodec.headers(for: event.envelope), timestamp: nil)
        }
        let now = clock.now()
        let source = context.source
        let applier = self.applier
        let (key, sealing) = (context.keys.eventKey, context.keys.sealing)
        return try context.store.pool.write { db in try applier.apply(messages, in: Transaction(db: db, now: now, source: source, eventKey: key, sealing: sealing)) }
    }

    @discardableResult
    func deliver(_ envelope: EventEnvelope, topic: String) throws -> EventApplier.Outcome {
        try deliver([Published(topic: topic, envelope: envelope)])[0]
    }

    /// Everything published since the last call (as the relay would), oldest first.
    func published() throws -> [Published] {
        let now = clock.now().addingTimeInterval(3600)
        return try context.store.pool.write { db in
            let rows = try Outbox.ready(db, now: now, limit: 10_000)
            try Outbox.markPublished(db, ids: rows.map { $0.id! })
            return rows.map { row in
                Published(topic: row.topic, envelope: (try? EnvelopeCodec.decode(value: row.value, headers: row.decodedHeaders)), value: row.value,
                          headers: row.decodedHeaders)
            }
        }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) throws -> T {
        try context.store.pool.read(body)
    }
}

struct Published: @unchecked Sendable {
    var topic: String
    var envelopeOrNil: EventEnvelope?
    var value: Data?
    var headers: [(String, Data)] = []

    init(topic: String, envelope: EventEnvelope) {
        self.topic = topic
        self.envelopeOrNil = envelope
    }

    init(topic: String, envelope: EventEnvelope?, value: Data, headers: [(String, Data)]) {
        self.topic = topic
        self.envelopeOrNil = envelope
        self.value = value
        self.headers = headers
    }

    var envelope: EventEnvelope { envelopeOrNil! }
    var type: String { envelopeOrNil?.type ?? "raw" }

    func header(_ name: String) -> String? { headers.first { $0.0 == name }.map { String(decoding: $0.1, as: UTF8.self) } }

    /// The data, opened with the development keys when sealed (a test reads what every reader would).
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try opened.decodeData(type) }

    var opened: EventEnvelope {
        get throws {
            var e = envelope
            try SealedData.open(&e, keys: Self.devSealingKeys)
            return e
        }
    }

    /// The event with its data changed as a forger would: opened, changed, and sealed again for
    /// the same reader (the sealing keys are public), the signature left as it was.
    func tampered(id: String? = nil, _ change: (JSONValue) -> JSONValue) throws -> Published {
        var copy = self
        var e = try opened
        if let id { e.id = id }
        e.data = change(e.data)
        if let reader = SealedData.recipient(of: envelope.data) { try SealedData.seal(&e, for: reader, trust: Self.devTrust) }
        copy.envelopeOrNil = e
        return copy
    }

    static let devTrust = try! TrustStore.load(from: ServiceHarness<IntakeApp>.devKeys.appendingPathComponent("trust.json"))

    static let devSealingKeys = SealingKeyRing(merging: ["intake", "identity", "review", "issuance", "ops"].compactMap {
        try? SealingKeyRing.load($0, from: ServiceHarness<IntakeApp>.devKeys)
    })
}

extension Array where Element == Published {
    func on(_ topic: String) -> [Published] { filter { $0.topic == topic } }
    func statuses() -> [ApplicationStatus] { on(Topics.status).compactMap { try? $0.decode(StatusChanged.self).status } }
}

/// All four services in one process, events handed over by topic.
final class InMemoryStack: @unchecked Sendable {
    static let populationSize = 3000
    let clock: ManualClock
    let intake: ServiceHarness<IntakeApp>
    let identity: ServiceHarness<IdentityApp>
    let review: ServiceHarness<ReviewApp>
    let issuance: ServiceHarness<IssuanceApp>

    init(now: Date) throws {
        clock = ManualClock(now)
        intake = try ServiceHarness(clock: clock)
        identity = try ServiceHarness(clock: clock, environment: ["QYZMET_POPULATION_SIZE": String(Self.populationSize)])
        review = try ServiceHarness(clock: clock)
        issuance = try ServiceHarness(clock: clock)
    }

    /// Moves published events to their consumers until nothing moves; returns all of them.
    func pump(_ start: [Published] = []) throws -> [Published] {
        var all: [Published] = []
        var pending = start
        repeat {
            all += pending
            for (topic, harness) in [(Topics.applications, intake as AnyHarness), (Topics.gatewayReplies(client: "intake"), intake),
                                     (Topics.status, intake), (Topics.gatewayRequests, identity), (Topics.cases, review),
                                     (Topics.gatewayReplies(client: "review"), review), (Topics.decisions, issuance)] {
                let batch = pending.on(topic).filter { $0.envelopeOrNil != nil }
                if !batch.isEmpty { try harness.deliverAny(batch) }
            }
            pending = try intake.published() + identity.published() + review.published() + issuance.published()
        } while !pending.isEmpty
        return all
    }
}

protocol AnyHarness {
    func deliverAny(_ events: [Published]) throws
}

extension ServiceHarness: AnyHarness {
    func deliverAny(_ events: [Published]) throws { try deliver(events) }
}

extension JSONValue {
    /// A copy with the value at `path` (object keys) replaced: how the tests tamper with a
    /// signed event.
    func setting(_ path: [String], to value: JSONValue) -> JSONValue {
        guard let key = path.first else { return value }
        var fields = objectValue ?? [:]
        fields[key] = (fields[key] ?? .object([:])).setting(Array(path.dropFirst()), to: value)
        return .object(fields)
    }
}
