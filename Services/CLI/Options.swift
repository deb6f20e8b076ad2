import ArgumentParser
import Foundation
import QyzmetLoad

struct StackOptions: ParsableArguments {
    @Option(help: "Kafka bootstrap servers.")
    var bootstrap: String = ProcessInfo.processInfo.environment["QYZMET_BOOTSTRAP_SERVERS"] ?? "127.0.0.1:9092"

    @Option(help: "Host of the services' HTTP APIs.")
    var host: String = "127.0.0.1"

    @Option(help: "Ports of intake, identity, review and issuance.")
    var ports: String = "8081,8082,8083,8084"

    @Option(help: "Session timeout of the tool's consumers in ms; Apache Kafka refuses less than 6000, tansu joins in about half of it.")
    var sessionTimeoutMs: Int = Int(ProcessInfo.processInfo.environment["QYZMET_SESSION_TIMEOUT_MS"] ?? "") ?? 6000

    @Option(help: "Directory with the channel keys (portal.key, state-corporation.key).")
    var keys: String = ProcessInfo.processInfo.environment["QYZMET_KEYS_DIR"] ?? "compose/dev-keys"

    var client: StackHTTPClient {
        let p = ports.split(separator: ",").compactMap { Int($0) }
        let names = ["intake", "identity", "review", "issuance"]
        // With the development issuing key at hand the CLI acts as the officers it names (the
        // demonstration's simulated officers); elsewhere officers bring their own tokens.
        let issuer = URL(fileURLWithPath: keys).appendingPathComponent("officer-issuer.key")
        return StackHTTPClient(host: host, ports: Dictionary(uniqueKeysWithValues: zip(names, p)),
                               officerKey: FileManager.default.fileExists(atPath: issuer.path) ? issuer : nil)
    }
}

/// The services' SQLite files in a data directory (`.run/data` for the embedded stack).
enum StoreFiles {
    static let services = ["intake", "identity", "review", "issuance"]

    static func path(of service: String, in dataDir: String) -> String {
        URL(fileURLWithPath: dataDir).appendingPathComponent("\(service).sqlite").path
    }

    /// Those that exist, by service; at least one, or a validation error.
    static func existing(in dataDir: String) throws -> [String: String] {
        var paths: [String: String] = [:]
        for service in services where FileManager.default.fileExists(atPath: path(of: service, in: dataDir)) {
            paths[service] = path(of: service, in: dataDir)
        }
        guard !paths.isEmpty else { throw ValidationError("no store in \(dataDir)") }
        return paths
    }
}

