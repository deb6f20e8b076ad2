import ArgumentParser
import Foundation
import Logging
import QyzmetLoad
import QyzmetStorage

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Verify the hash-chained audit logs of the four stores against each other and the topics."
    )

    @Argument(help: "verify") var action: String = "verify"
    @Option(help: "Directory holding intake.sqlite, identity.sqlite, review.sqlite and issuance.sqlite.")
    var dataDir: String = ProcessInfo.processInfo.environment["QYZMET_DATA_DIR"] ?? ".data"
    @Flag(help: "Also compare with the heads carried on every topic (needs the broker).") var topics = false
    @Option(help: "Stop reading the topics after this many idle seconds.") var idle: Double = 3
    @OptionGroup var stack: StackOptions

    func run() async throws {
        guard action == "verify" else { throw ValidationError("action is verify") }
        let paths = try StoreFiles.existing(in: dataDir)
        var heads: [(service: String, head: String)] = []
        if topics {
            var logger = Logger(label: "audit")
            logger.logLevel = .warning
            heads = try await AuditTopicReader(bootstrapServers: stack.bootstrap, sessionTimeoutMilliseconds: stack.sessionTimeoutMs, logger: logger).heads(idle: idle)
        }
        let summary = try AuditVerifier(storePaths: paths).verify(topicHeads: heads)
        for (store, count) in summary.entries.sorted(by: { $0.key < $1.key }) { print("\(store): \(count) entries") }
        print("\(summary.crossChecked) heads cross-checked (\(heads.count) from topics)")
        for problem in summary.problems.prefix(50) { print("BROKEN \(problem)") }
        if summary.problems.count > 50 { print("... and \(summary.problems.count - 50) more") }
        if summary.problems.isEmpty {
            print("audit chains intact")
        } else {
            throw ExitCode(2)
        }
    }
}
