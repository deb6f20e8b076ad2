import ArgumentParser
import Foundation
import Logging
import QyzmetDomain
import QyzmetRules
import QyzmetLoad

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Submit a demonstration load through both channels and print what became of it.")

    @Option(help: "Applications to submit (both services, both channels).") var count = 240
    @Option(help: "Applications to submit twice (as the same event, and as a new event with the same content).") var duplicates = 10
    @Option(help: "Seconds to wait for every answer.") var timeout: Double = 180
    @OptionGroup var stack: StackOptions

    func run() async throws {
        var logger = Logger(label: "demo")
        logger.logLevel = .warning
        let client = stack.client
        try await waitForServices(client)
        let now = Date()
        print("Preparing \(count) applications from the synthetic population…")
        let index = PopulationIndex(today: KazakhstanTime.localDate(of: now))
        let plan = DemoPlan(count: count, index: index, now: now).applications
        let watcher = try OutcomeWatcher(bootstrapServers: stack.bootstrap, sessionTimeoutMilliseconds: stack.sessionTimeoutMs, logger: logger)
        let watching = Task { await watcher.run() }
        defer { watcher.stop() }
        while !watcher.isAssigned { try await Task.sleep(for: .milliseconds(100)) }
        let publisher = try ApplicationPublisher(bootstrapServers: stack.bootstrap, logger: logger)
        let run = LoadRun(signer: try ChannelSigner(keysDirectory: URL(fileURLWithPath: stack.keys)), publisher: publisher,
                          watcher: watcher, officers: OfficerSimulation(client: client))
        print("Submitting through the portal and State Corporation front offices; officers work the review worklist…")
        var lastReport = Date.distantPast
        let outcome = try await run.run(plan, duplicates: duplicates, timeout: timeout) { done, total in
            guard done == total || Date().timeIntervalSince(lastReport) >= 1 else { return }
            lastReport = Date()
            print("  \(done)/\(total) answered")
        }
        await publisher.close()
        watcher.stop()
        await watching.value
        DemoReport(outcome: outcome, catalogue: try CatalogueLoader.bundled()).print(ports: stack.ports)
        if !outcome.complete { throw ExitCode(1) }
    }

    func waitForServices(_ client: StackHTTPClient) async throws {
        let deadline = Date().addingTimeInterval(120)
        for (name, url) in [("intake", client.intake), ("review", client.review), ("issuance", client.issuance)] {
            while !(await client.isReady(url)) {
                if Date() > deadline { throw ValidationError("\(name) at \(url) is not ready; is the stack running? (./compose/up.sh)") }
                try await Task.sleep(for: .milliseconds(250))
            }
        }
    }
}
