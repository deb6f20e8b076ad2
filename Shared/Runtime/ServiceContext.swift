import Foundation
import GRDB
import Logging
import QyzmetDomain
import QyzmetRules
import QyzmetStorage

/// What a service's logic gets from the runtime: its store, clock, catalogue, calendar and keys.
public struct ServiceContext: Sendable {
    public let name: String
    public let environment: ServiceEnvironment
    public let store: ServiceStore
    public let clock: any ServiceClock
    public let catalogue: Catalogue
    public let calendar: WorkingDayCalendar
    public let keys: KeyMaterial
    public let logger: Logger
    /// Tells the relay that the outbox has new messages.
    public let wakeRelay: @Sendable () -> Void
    /// Verifies officers' and operators' tokens on their endpoints.
    public let officers: OfficerAuthentication

    public init(
        name: String, environment: ServiceEnvironment, store: ServiceStore, clock: any ServiceClock, catalogue: Catalogue,
        calendar: WorkingDayCalendar, keys: KeyMaterial, logger: Logger, wakeRelay: @escaping @Sendable () -> Void
    ) {
        self.name = name
        self.environment = environment
        self.store = store
        self.clock = clock
        self.catalogue = catalogue
        self.calendar = calendar
        self.keys = keys
        self.logger = logger
        self.wakeRelay = wakeRelay
        self.officers = OfficerAuthentication(trust: keys.trust, clock: clock)
    }

    /// CloudEvents `source` of this service's events.
    public var source: String { "/qyzmet/\(name)" }

    public var dueDates: DueDateCalculator { DueDateCalculator(calendar: calendar) }

    /// A write transaction outside the consumer (HTTP commands, timers); wakes the relay after.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Transaction) throws -> T) async throws -> T {
        let now = clock.now()
        let source = self.source
        let (key, sealing) = (keys.eventKey, keys.sealing)
        let result = try await store.pool.write { db in try body(Transaction(db: db, now: now, source: source, eventKey: key, sealing: sealing)) }
        wakeRelay()
        return result
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await store.pool.read(body)
    }
}

/// A Qyzmet service: its tables, its reaction to events, its HTTP routes and its timers.
public protocol ServiceApplication: EventHandling {
    static var name: String { get }
    /// The key file this service signs with, if any (`<keyName>.key` in the keys directory).
    static var signingKeyName: String? { get }
    static func registerMigrations(_ migrator: inout DatabaseMigrator)
    init(context: ServiceContext) throws
    func addRoutes(to router: QyzmetRouter)
    func periodicTasks() -> [PeriodicTask]
    /// Counts shown on /health, e.g. open gateway calls.
    func healthDetails() async -> [String: Int]
}

extension ServiceApplication {
    public static var signingKeyName: String? { nil }
    public func addRoutes(to router: QyzmetRouter) {}
    public func periodicTasks() -> [PeriodicTask] { [] }
    public func healthDetails() async -> [String: Int] { [:] }
}
