import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tansu broker with in-memory storage on a free port, for one test.
final class TansuBroker: @unchecked Sendable {
    let port: Int
    private let logDirectory: URL
    private var process: ManagedProcess
    private(set) var restarts = 0

    var bootstrap: String { "127.0.0.1:\(port)" }

    init(logDirectory: URL) throws {
        port = FreePort.next()
        self.logDirectory = logDirectory
        process = try Self.launch(port: port, log: logDirectory.appendingPathComponent("tansu.log"))
    }

    private static func launch(port: Int, log: URL) throws -> ManagedProcess {
        try ManagedProcess(
            name: "tansu", executable: Paths.tansu,
            arguments: [
                "broker", "--listener-url", "tcp://127.0.0.1:\(port)", "--advertised-listener-url", "tcp://127.0.0.1:\(port)",
                "--storage-engine", "memory://tansu/",
            ],
            environment: ProcessInfo.processInfo.environment, logFile: log
        )
    }

    /// Stops the broker and starts a new one on the same port: with in-memory storage it comes
    /// back without topics, offsets or groups, as the embedded broker does after a crash.
    func restart() async throws {
        stop()
        _ = try await eventually("port \(port) free", timeout: .seconds(10)) { FreePort.isAcceptingConnections(self.port) ? nil : true }
        restarts += 1
        process = try Self.launch(port: port, log: logDirectory.appendingPathComponent("tansu-\(restarts).log"))
        try await waitUntilReady()
    }

    func waitUntilReady() async throws {
        _ = try await eventually("tansu listening on \(port)", timeout: .seconds(10)) {
            FreePort.isAcceptingConnections(port) ? true : nil
        }
    }

    /// tansu ignores SIGTERM; it shuts down on SIGINT.
    func stop() { process.stop(signal: SIGINT, grace: 5) }
}

/// A scratch directory removed when the test ends.
final class ScratchDirectory: @unchecked Sendable {
    let url: URL

    init(_ name: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("qyzmet-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        if ProcessInfo.processInfo.environment["QYZMET_KEEP_TEST_DIRS"] == nil {
            try? FileManager.default.removeItem(at: url)
        }
    }
}
