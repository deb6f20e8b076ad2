import ArgumentParser
import Foundation
import Logging
import QyzmetLoad

struct BrokerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broker",
        abstract: "Recover after the broker lost its memory: topics, a new broker identity, and every kept hand-off published again."
    )

    @Argument(help: "recover") var action: String = "recover"
    @Option(help: "Directory holding the services' SQLite files.")
    var dataDir: String = ProcessInfo.processInfo.environment["QYZMET_DATA_DIR"] ?? ".data"
    @Option(help: "Partitions per topic, as the services create them (QYZMET_PARTITIONS).")
    var partitions: Int = Int(ProcessInfo.processInfo.environment["QYZMET_PARTITIONS"] ?? "") ?? 3
    @Option(help: "Seconds back that receipts, results, statuses and deadline alerts (read outside Qyzmet) are published again.")
    var outsideReaderWindow: Int = Int(BrokerRecovery.defaultOutsideReaderWindow.components.seconds)
    @OptionGroup var stack: StackOptions

    func run() async throws {
        guard action == "recover" else { throw ValidationError("action is recover") }
        let stores = try StoreFiles.existing(in: dataDir)
        var logger = Logger(label: "broker-recovery")
        logger.logLevel = .warning
        let report = try await BrokerRecovery(bootstrapServers: stack.bootstrap, partitions: partitions, outsideReaderWindow: .seconds(outsideReaderWindow), logger: logger).recover(stores: stores)
        print("broker identity \(report.identity)")
        for (service, count) in report.requeued.sorted(by: { $0.key < $1.key }) { print("\(service): \(count) kept messages published again, \(report.alreadyApplied[service] ?? 0) left out (applied by their consumer, or sent to outside readers more than \(outsideReaderWindow) s ago)") }
        print("the services go on within a few seconds (GET /health: ready)")
    }
}
