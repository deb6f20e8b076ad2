import ArgumentParser
import Foundation
import Logging
import QyzmetDomain
import QyzmetLoad
import QyzmetPopulation

struct Fuzz: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send malformed messages to every topic the services consume and count how each was answered."
    )

    @Option(help: "How many messages.") var count = 10_000
    @Option(help: "Seed of the corpus (the same seed sends the same messages).") var seed: UInt64 = 1
    @Option(help: "Give up waiting for answers after this many seconds.") var timeout = 600
    @OptionGroup var stack: StackOptions

    func run() async throws {
        var logger = Logger(label: "fuzz")
        logger.logLevel = .warning
        let client = stack.client
        let watcher = try OutcomeWatcher(bootstrapServers: stack.bootstrap, sessionTimeoutMilliseconds: stack.sessionTimeoutMs, logger: logger)
        let watching = Task { await watcher.run() }
        let started = Date()
        while !watcher.isAssigned, Date().timeIntervalSince(started) < 30 { try await Task.sleep(for: .milliseconds(100)) }
        let publisher = try ApplicationPublisher(bootstrapServers: stack.bootstrap, logger: logger)
        let signer = try ChannelSigner(keysDirectory: URL(fileURLWithPath: stack.keys))
        var corpus = FuzzCorpus(seed: seed, signer: signer, index: PopulationIndex(today: KazakhstanTime.localDate(of: Date())))
        let cases = try corpus.cases(count: count)
        let report = try await FuzzRun(publisher: publisher, watcher: watcher, client: client).run(cases, timeout: .seconds(timeout))
        watcher.stop()
        await watching.value
        await publisher.close()
        print(report.text)
        if !report.passed { throw ExitCode(1) }
    }
}
