import Foundation
import Logging
import QyzmetMessaging

/// Settings every service reads from its environment (see docs/runbook.md for the full list).
public struct ServiceEnvironment: Sendable {
    /// `intake`, `identity`, `review` or `issuance`: also the consumer group and the client id.
    public var serviceName: String
    public var bootstrapServers: String
    public var dataDirectory: URL
    public var httpHost: String
    public var httpPort: Int
    public var sessionTimeoutMilliseconds: Int
    public var fetchWaitMaxMilliseconds: Int
    public var partitions: Int
    /// `trust.json` and this service's private key (`<service>.key`).
    public var keysDirectory: URL
    public var clockOffsetFile: String?
    public var logLevel: Logger.Level
    /// Extra librdkafka properties: `QYZMET_RDKAFKA_<PROPERTY_WITH_UNDERSCORES>=value`, e.g.
    /// `QYZMET_RDKAFKA_SECURITY_PROTOCOL=ssl`.
    public var kafkaProperties: [String: String]
    public var raw: [String: String]

    public init(serviceName: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.serviceName = serviceName
        self.raw = environment
        let value = { (name: String) in environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        bootstrapServers = value("QYZMET_BOOTSTRAP_SERVERS") ?? "127.0.0.1:9092"
        dataDirectory = URL(fileURLWithPath: value("QYZMET_DATA_DIR") ?? ".run/data")
        httpHost = value("QYZMET_HTTP_HOST") ?? "127.0.0.1"
        httpPort = value("QYZMET_HTTP_PORT").flatMap(Int.init) ?? ServiceEnvironment.defaultPorts[serviceName] ?? 8080
        sessionTimeoutMilliseconds = value("QYZMET_SESSION_TIMEOUT_MS").flatMap(Int.init) ?? 6000
        fetchWaitMaxMilliseconds = value("QYZMET_FETCH_WAIT_MAX_MS").flatMap(Int.init) ?? 10
        partitions = value("QYZMET_PARTITIONS").flatMap(Int.init) ?? 3
        keysDirectory = URL(fileURLWithPath: value("QYZMET_KEYS_DIR") ?? "compose/dev-keys")
        clockOffsetFile = value("QYZMET_CLOCK_OFFSET_FILE")
        logLevel = value("QYZMET_LOG_LEVEL").flatMap(Logger.Level.init(rawValue:)) ?? .info
        var properties: [String: String] = [:]
        for (name, setting) in environment where name.hasPrefix("QYZMET_RDKAFKA_") {
            properties[name.dropFirst("QYZMET_RDKAFKA_".count).lowercased().replacingOccurrences(of: "_", with: ".")] = setting
        }
        kafkaProperties = properties
    }

    public static let defaultPorts = ["intake": 8081, "identity": 8082, "review": 8083, "issuance": 8084]

    public var databasePath: String { dataDirectory.appendingPathComponent("\(serviceName).sqlite").path }

    public var kafkaClient: KafkaClientConfiguration {
        KafkaClientConfiguration(bootstrapServers: bootstrapServers, clientId: "qyzmet-\(serviceName)", properties: kafkaProperties)
    }

    public func makeClock() -> any ServiceClock {
        clockOffsetFile.map { OffsetFileClock(path: $0) } ?? SystemClock()
    }

    public func double(_ name: String, default fallback: Double) -> Double {
        raw[name].flatMap(Double.init) ?? fallback
    }

    public func integer(_ name: String, default fallback: Int) -> Int {
        raw[name].flatMap(Int.init) ?? fallback
    }
}
