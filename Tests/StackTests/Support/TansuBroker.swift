import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tansu broker with in-memory storage on a free port, for one test.
final class TansuBroker: @unchecked Sendable {
    let port: Int
    private let process: ManagedProcess

    var bootstrap: String { "127.0.0.1:\(port)" }

    init(logDirectory: URL) throws {
        port = FreePort.next()
        process = try ManagedProcess(
            name: "tansu", executable: Paths.tansu,
            arguments: [
                "broker", "--listener-url", "tcp://127.0.0.1:\(port)", "--advertised-listener-url", "tcp://127.0.0.1:\(port)",
                "--storage-engine", "memory://tansu/",
            ],
            environment: ProcessInfo.processInfo.environment, logFile: logDirectory.appendingPathComponent("tansu.log")
        )
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
