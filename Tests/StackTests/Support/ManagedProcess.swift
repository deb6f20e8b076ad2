import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process a test owns: started with its output in a log file, stopped with a signal
/// and a deadline, killed if it does not go.
final class ManagedProcess: @unchecked Sendable {
    let name: String
    let logFile: URL
    private let process = Process()

    init(name: String, executable: URL, arguments: [String], environment: [String: String], logFile: URL) throws {
        self.name = name
        self.logFile = logFile
        if !FileManager.default.fileExists(atPath: logFile.path) {
            _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        }
        let log = try FileHandle(forWritingTo: logFile)
        log.seekToEndOfFile()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// Sends `signal`, waits up to `grace` for the exit, then SIGKILL.
    func stop(signal: Int32 = SIGTERM, grace: TimeInterval = 10) {
        guard process.isRunning else { return }
        kill(process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(grace)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            while process.isRunning { usleep(10_000) }
        }
    }

    /// SIGKILL: the process gets no chance to clean up, as in a crash.
    func crash() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        while process.isRunning { usleep(10_000) }
    }

    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    deinit { stop(grace: 3) }
}
