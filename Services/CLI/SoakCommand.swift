import ArgumentParser
import Foundation
import Logging
import QyzmetDomain
import QyzmetLoad

struct Soak: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The crash soak against the embedded stack of the compose scripts: applications across the catalogue while services are killed, the broker restarts and the gateway is down; counted from the topics (run it with ./compose/soak.sh)."
    )

    @Option(help: "Applications.") var count = 100_000
    @Option(help: "SIGKILLs of a random service, each restarted.") var kills = 50
    @Option(help: "Broker restarts without its memory, each recovered.") var brokerRestarts = 3
    @Option(help: "Seconds the gateway (identity) is down, once.") var gatewayDown = 120
    @Option(help: "Applications published per second.") var rate = 150.0
    @Option(help: "Seed of the chaos schedule.") var seed: UInt64 = 1
    @Option(help: "Give up waiting for answers after this many seconds.") var timeout = 3600
    @Option(help: "Directory holding the services' SQLite files.")
    var dataDir: String = ProcessInfo.processInfo.environment["QYZMET_DATA_DIR"] ?? ".run/data"
    @Option(help: "Directory of the compose scripts (up.sh, broker-restart.sh).") var compose = "compose"
    @OptionGroup var stack: StackOptions

    func run() async throws {
        var logger = Logger(label: "soak")
        logger.logLevel = .warning
        let pids = URL(fileURLWithPath: dataDir).deletingLastPathComponent().appendingPathComponent("pids")
        let control = ComposeControl(compose: URL(fileURLWithPath: compose), pids: pids)
        let soak = SoakRun(control: control, client: stack.client, bootstrap: stack.bootstrap,
                           signer: try ChannelSigner(keysDirectory: URL(fileURLWithPath: stack.keys)),
                           storePaths: StoreFiles.services.reduce(into: [:]) { $0[$1] = StoreFiles.path(of: $1, in: dataDir) },
                           partitions: Int(ProcessInfo.processInfo.environment["QYZMET_PARTITIONS"] ?? "") ?? 3, logger: logger)
        let plan = SoakRun.Plan(applications: count, kills: kills, brokerRestarts: brokerRestarts, gatewayDown: .seconds(gatewayDown), rate: rate, seed: seed)
        let started = Date()
        let report = try await soak.run(plan, index: PopulationIndex(today: KazakhstanTime.localDate(of: Date())), answerTimeout: .seconds(timeout)) { line in
            // Unbuffered: the progress shows as it happens, also in a log file.
            FileHandle.standardOutput.write(Data("[soak +\(Int(Date().timeIntervalSince(started)))s] \(line)\n".utf8))
        }
        print(report.text)
        if !report.passed { throw ExitCode(1) }
    }
}

/// The compose scripts' processes: pid files in `.run/pids`, `up.sh` starts what is not running.
struct ComposeControl: StackControl {
    let compose: URL
    let pids: URL

    func kill(_ service: String) async throws {
        try signal(service, SIGKILL)
        try await waitUntilGone(service)
    }

    func stop(_ service: String) async throws {
        try signal(service, SIGTERM)
        try await waitUntilGone(service)
    }

    /// A signalled process lingers a moment; `up.sh` would take it for running.
    private func waitUntilGone(_ service: String) async throws {
        let pid = try self.pid(service)
        for _ in 0..<400 where Glibc.kill(pid, 0) == 0 { try await Task.sleep(for: .milliseconds(50)) }
    }

    func start(_ service: String) async throws { try await script("up.sh") }

    func restartBroker() async throws { try await script("broker-restart.sh") }

    private func pid(_ service: String) throws -> pid_t {
        let text = try String(contentsOf: pids.appendingPathComponent("\(service).pid"), encoding: .utf8)
        guard let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw ValidationError("no pid for \(service)") }
        return pid
    }

    private func signal(_ service: String, _ signal: Int32) throws {
        _ = Glibc.kill(try pid(service), signal)
    }

    /// Runs a compose script on a thread of its own (`system` blocks it) and waits for it there,
    /// not on the pool. (Foundation's `Process.terminationHandler` did not always fire here once
    /// the script had started daemons.)
    private func script(_ name: String) async throws {
        let command = "/bin/bash '\(compose.appendingPathComponent(name).path)' > /dev/null"
        let status: Int32 = await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: system(command)) }.start()
        }
        guard status == 0 else { throw ValidationError("\(name) exited with status \(status >> 8)") }
    }
}
