import Foundation
import Logging
import QyzmetDomain
import QyzmetLoad
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The whole system for one test: a tansu broker and the four service executables, each with its
/// own free port, data directory and shared clock file. Stopped and cleaned up by `shutdown()`.
final class EmbeddedStack: @unchecked Sendable {
    static let serviceNames = ["identity", "intake", "review", "issuance"]
    /// Enough people for the tests' populations of applicants; generated once, then copied.
    static let populationSize = 30_000

    let scratch: ScratchDirectory
    let broker: TansuBroker
    let ports: [String: Int]
    let clockFile: URL
    /// Seconds the stack's clock runs ahead of the real one: to the next working morning when
    /// started after hours, plus what a test moved it by.
    let baseOffset: TimeInterval
    private let extra = Mutex<TimeInterval>(0)
    private var processes: [String: ManagedProcess] = [:]
    private let overrides: [String: [String: String]]
    let logger: Logger

    var bootstrap: String { broker.bootstrap }
    var http: StackHTTPClient { StackHTTPClient(host: "127.0.0.1", ports: ports, officerKey: Paths.devKeys.appendingPathComponent("officer-issuer.key")) }
    var dataDirectory: URL { scratch.url.appendingPathComponent("data") }

    /// `overrides[service]` adds environment variables for one service.
    init(_ name: String, overrides: [String: [String: String]] = [:]) async throws {
        scratch = try ScratchDirectory(name)
        broker = try TansuBroker(logDirectory: scratch.url)
        ports = Dictionary(uniqueKeysWithValues: Self.serviceNames.map { ($0, FreePort.next()) })
        clockFile = scratch.url.appendingPathComponent("clock-offset")
        self.overrides = overrides
        var logger = Logger(label: "stack-test")
        logger.logLevel = .warning
        self.logger = logger
        // Nothing is accepted or decided after hours: the stack runs in the next working morning.
        baseOffset = OfficeHoursClock.offset()
        try String(baseOffset).write(to: clockFile, atomically: true, encoding: .utf8)
        try await broker.waitUntilReady()
        for service in Self.serviceNames { try start(service) }
        try await waitUntilReady(Self.serviceNames)
    }

    func environment(for service: String) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["LD_LIBRARY_PATH"] = Paths.librdkafkaDirectory.path + (env["LD_LIBRARY_PATH"].map { ":" + $0 } ?? "")
        env["QYZMET_BOOTSTRAP_SERVERS"] = broker.bootstrap
        env["QYZMET_DATA_DIR"] = dataDirectory.path
        env["QYZMET_HTTP_PORT"] = String(ports[service]!)
        env["QYZMET_KEYS_DIR"] = Paths.devKeys.path
        env["QYZMET_CLOCK_OFFSET_FILE"] = clockFile.path
        env["QYZMET_SESSION_TIMEOUT_MS"] = "2000"
        env["QYZMET_POPULATION_SIZE"] = String(Self.populationSize)
        env["QYZMET_POPULATION_SNAPSHOT"] = Paths.packageRoot.appendingPathComponent(".run/cache/population-\(Self.populationSize).sqlite").path
        env["QYZMET_GATEWAY_TIMEOUT_SECONDS"] = "2"
        // Outside bodies answer in seconds, as in the demonstration; a test of their working-day
        // delays sets its own.
        env["QYZMET_OUTSIDE_BODY_DAYS"] = "kz-bodies=3s,foreign-archive=6s,special-resettlement-card-index=2s,prosecution-card-index=1s"
        env["QYZMET_LOG_LEVEL"] = "info"
        for (key, value) in overrides[service] ?? [:] { env[key] = value }
        return env
    }

    func start(_ service: String, extra: [String: String] = [:]) throws {
        processes[service] = try ManagedProcess(
            name: service, executable: Paths.binaries.appendingPathComponent(service), arguments: [],
            environment: environment(for: service).merging(extra) { _, new in new }, logFile: scratch.url.appendingPathComponent("\(service).log")
        )
    }

    /// Waits for /health to say ready (consumer joined), failing early if a process died.
    func waitUntilReady(_ services: [String], timeout: Duration = .seconds(90)) async throws {
        for service in services {
            let url = http.url(for: service)
            _ = try await eventually("\(service) ready", timeout: timeout, every: .milliseconds(100)) { () -> Bool? in
                guard self.processes[service]?.isRunning == true else {
                    throw ServiceDied(service: service, log: String(self.processes[service]?.log.suffix(3000) ?? ""))
                }
                return await self.http.isReady(url) ? true : nil
            }
        }
    }

    /// SIGKILL: no graceful shutdown, as in a crash or an OOM kill.
    func crash(_ service: String) { processes[service]?.crash() }
    func isRunning(_ service: String) -> Bool { processes[service]?.isRunning == true }

    /// Stops a service gracefully, leaving it stopped.
    func stop(_ service: String) { processes[service]?.stop() }

    /// The broker restarts without its memory; the services keep running.
    func restartBroker() async throws { try await broker.restart() }

    var storePaths: [String: String] {
        Dictionary(uniqueKeysWithValues: Self.serviceNames.map { ($0, dataDirectory.appendingPathComponent("\($0).sqlite").path) })
    }

    /// Stops a service gracefully and starts it again, with `extra` environment if given.
    func restart(_ service: String, extra: [String: String] = [:]) async throws {
        processes[service]?.stop()
        try start(service, extra: extra)
        try await waitUntilReady([service])
    }

    func log(_ service: String) -> String { processes[service]?.log ?? "" }

    /// Moves every service's clock by writing the shared offset file: `days` after the working
    /// morning the stack started in.
    func setClockOffset(days: Double) throws {
        extra.withLock { $0 = days * 86_400 }
        try String(baseOffset + days * 86_400).write(to: clockFile, atomically: true, encoding: .utf8)
    }

    /// Moves the clock and waits until every service reads it (each re-reads the offset file
    /// within a tenth of a second; its /health says what time it is).
    func moveClock(days: Double) async throws {
        try setClockOffset(days: days)
        let target = now.addingTimeInterval(-60)
        for service in Self.serviceNames {
            _ = try await eventually("\(service) on the moved clock") { () -> Bool? in
                let (_, body) = try await http.get(http.url(for: service), "health")
                guard let text = http.json(body)?["now"]?.stringValue, let seen = KazakhstanTime.parse(text) else { return nil }
                return seen >= target ? true : nil
            }
        }
    }

    /// The services' clock.
    var now: Date { Date().addingTimeInterval(baseOffset + extra.withLock { $0 }) }

    func shutdown() {
        for service in Self.serviceNames.reversed() { processes[service]?.stop(grace: 10) }
        broker.stop()
    }

    struct ServiceDied: Error, CustomStringConvertible {
        let service: String
        let log: String
        var description: String { "\(service) exited:\n\(log)" }
    }
}

