import Foundation
import Logging
import QyzmetDomain
import QyzmetRules
import QyzmetMessaging
import QyzmetStorage
import ServiceLifecycle

/// Starts a service: store and migrations, keys, topics, producer and outbox relay, consumer
/// pipeline, timers and HTTP, all in one ServiceGroup that stops gracefully on SIGTERM/SIGINT
/// (HTTP first, the relay last so that it drains the outbox).
public enum ServiceRunner {
    /// The entry point of a service executable: runs it, and on a failure to start says why on
    /// stderr and exits with status 1.
    public static func main<App: ServiceApplication>(_ app: App.Type) async {
        do {
            try await run(app)
        } catch {
            FileHandle.standardError.write(Data("\(App.name) failed: \(error)\n".utf8))
            exit(1)
        }
    }

    public static func run<App: ServiceApplication>(_ app: App.Type) async throws {
        let environment = ServiceEnvironment(serviceName: App.name)
        let registry = Observability.bootstrap(service: App.name, level: environment.logLevel)
        var logger = Logger(label: App.name)
        logger.logLevel = environment.logLevel
        logger.info("starting", metadata: [
            "librdkafka": "\(Librdkafka.version)", "bootstrap": "\(environment.bootstrapServers)",
            "database": "\(environment.databasePath)", "http": "\(environment.httpHost):\(environment.httpPort)",
        ])
        if !Librdkafka.canTalkToTansu {
            logger.warning("librdkafka \(Librdkafka.version) cannot talk to tansu (needs >= 2.1); fine against Apache Kafka. See docs/architecture.md")
        }

        // Held until the process ends; a second instance stops here with a clear error.
        let lock = try StoreLock(storePath: environment.databasePath)
        defer { withExtendedLifetime(lock) {} }
        let store = try ServiceStore(path: environment.databasePath, logger: logger,
                                     maxPageCount: environment.raw["QYZMET_STORE_MAX_PAGES"].flatMap(Int.init)) { migrator in
            App.registerMigrations(&migrator)
        }
        let keys = try KeyMaterial.load(directory: environment.keysDirectory, keyName: App.signingKeyName, service: App.name)
        let clock = environment.makeClock()
        let calendar = WorkingDayCalendar.kazakhstan
        let year = KazakhstanTime.localDate(of: clock.now()).year
        for y in [year, year + 1] {
            for warning in calendar.calendarWarnings(for: y) { logger.warning("calendar: \(warning)") }
        }
        // A bad catalogue stops the service: better no service than one that judges by wrong rules.
        let catalogue: Catalogue
        do { catalogue = try CatalogueLoader.bundled() } catch {
            logger.critical("\(error)")
            throw error
        }

        try await createTopics(environment: environment, logger: logger)
        // Is the broker the one this store was consumed from? (The embedded broker forgets
        // everything when it restarts.) If not, nothing is consumed or published until recovery.
        let gate = BrokerGate()
        let brokerWatch = try BrokerWatch(client: environment.kafkaClient, store: store, gate: gate, logger: logger)
        try await brokerWatch.start()
        var producerConfiguration = KafkaProducerConfiguration(client: environment.kafkaClient)
        producerConfiguration.lingerMilliseconds = environment.integer("QYZMET_LINGER_MS", default: 2)
        let clientLogger = logger
        let makeProducer: @Sendable () throws -> KafkaProducer = { [producerConfiguration] in try KafkaProducer(configuration: producerConfiguration, logger: clientLogger) }
        let relay = OutboxRelay(service: App.name, store: store, producer: try makeProducer(), clock: clock, logger: logger,
                                gate: gate, makeProducer: makeProducer)
        let context = ServiceContext(
            name: App.name, environment: environment, store: store, clock: clock, catalogue: catalogue,
            calendar: calendar, keys: keys, logger: logger, wakeRelay: { relay.wake() }
        )
        let application = try App(context: context)

        var consumerConfiguration = KafkaConsumerConfiguration(client: environment.kafkaClient, groupId: "qyzmet-\(App.name)", topics: application.topics)
        consumerConfiguration.sessionTimeoutMilliseconds = environment.sessionTimeoutMilliseconds
        consumerConfiguration.fetchWaitMaxMilliseconds = environment.fetchWaitMaxMilliseconds
        let consumer = try KafkaConsumer(configuration: consumerConfiguration, logger: clientLogger)
        let pipeline = ConsumerPipeline(
            service: App.name, consumer: consumer, store: store, clock: clock, source: context.source,
            eventKey: keys.eventKey, sealing: keys.sealing, handler: application, relay: relay, logger: logger, maxBatch: environment.integer("QYZMET_MAX_BATCH", default: 500),
            maxMessageBytes: environment.integer("QYZMET_MAX_MESSAGE_BYTES", default: EventApplier.defaultMaxMessageBytes),
            gate: gate
        )
        let http = HTTPEndpoint.make(environment: environment, registry: registry, logger: logger, health: {
            let (pending, parked) = (try? await store.pool.read { (try Outbox.pendingCount($0), try OutboxParking.count($0)) }) ?? (-1, -1)
            let partitions = pipeline.assignedPartitions
            let storeFailingSince = pipeline.storeFailingSince
            let brokerChanged = gate.closedReason
            let status = brokerChanged != nil ? "broker-changed" : storeFailingSince != nil ? "store-failing" : partitions.isEmpty ? "starting" : "ready"
            return HealthReport(
                service: App.name, status: status, librdkafka: Librdkafka.version, brokerChanged: brokerChanged,
                storeFailingSince: storeFailingSince,
                assignedPartitions: partitions.map(\.description), outboxPending: pending, outboxParked: parked, outboxFailingSince: relay.failingSince,
                details: await application.healthDetails(), now: clock.now()
            )
        }, routes: application.addRoutes(to:))

        let retentionDays = environment.double("QYZMET_INBOX_RETENTION_DAYS", default: 7)
        let keepPublishedMinutes = environment.double("QYZMET_OUTBOX_KEEP_PUBLISHED_MINUTES", default: 60)
        let retentionLogger = logger
        let inboxRetention = PeriodicTask(name: "inbox-retention", every: .seconds(600), logger: logger) {
            // By the machine's clock, not the movable service clock (Inbox.prune).
            let cutoff = Date().addingTimeInterval(-retentionDays * 86_400)
            let pruned = try await store.pool.write { try Inbox.prune($0, olderThan: cutoff) }
            if pruned > 0 { retentionLogger.info("inbox pruned", metadata: ["ids": "\(pruned)", "olderThanDays": "\(retentionDays)"]) }
        }
        let publishedRetention = PeriodicTask(name: "published-retention", every: .seconds(60), logger: logger) {
            let cutoff = Date().addingTimeInterval(-keepPublishedMinutes * 60)
            _ = try await store.pool.write { try Outbox.prunePublished($0, olderThan: cutoff) }
        }
        let brokerCheck = PeriodicTask(name: "broker-identity", every: .seconds(2), logger: logger) { try await brokerWatch.check() }
        let services: [any Service] = [relay, pipeline] + application.periodicTasks() + [inboxRetention, publishedRetention, brokerCheck, http]
        let group = ServiceGroup(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
        logger.info("stopped")
    }

    /// Creates the contract's topics, waiting for the broker to come up (it may start after us).
    static func createTopics(environment: ServiceEnvironment, logger: Logger) async throws {
        let topics = Topics.all.map { TopicSpecification(name: $0, partitions: environment.partitions) }
        var attempt = 0
        while true {
            do {
                try await KafkaAdmin.createTopics(topics, client: environment.kafkaClient, timeout: .seconds(10), logger: logger)
                return
            } catch {
                attempt += 1
                if attempt >= 30 || error.isConfigurationError { throw error }
                logger.warning("broker not reachable yet, retrying topic creation", metadata: ["error": "\(error)", "attempt": "\(attempt)"])
                try await Task.sleep(for: .seconds(2))
            }
        }
    }
}
