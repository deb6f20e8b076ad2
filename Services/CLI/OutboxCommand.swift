import ArgumentParser
import Foundation
import GRDB
import QyzmetStorage

struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "List a service's parked outbox messages, or release them to be published again (after the cause is fixed)."
    )

    @Argument(help: "list or release") var action: String = "list"
    @Option(help: "intake, identity, review or issuance") var service: String
    @Option(help: "Only this parked message (its id).") var id: Int64?
    @Option(help: "Directory holding the services' SQLite files.")
    var dataDir: String = ProcessInfo.processInfo.environment["QYZMET_DATA_DIR"] ?? ".data"

    func run() throws {
        guard ["list", "release"].contains(action) else { throw ValidationError("action is list or release") }
        let path = StoreFiles.path(of: service, in: dataDir)
        guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("no store at \(path)") }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        // The running service writes the same file: WAL lets both, one transaction at a time.
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        let rows = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT id, topic, applicationId, eventType, attempts, lastError FROM outbox_parked \(id.map { "WHERE id = \($0)" } ?? "") ORDER BY id")
        }
        for row in rows {
            print("\(row["id"] as Int64)  \(row["topic"] as String)  \(row["eventType"] as String? ?? "-")  \(row["applicationId"] as String? ?? "-")  attempts=\(row["attempts"] as Int)")
            print("    \(row["lastError"] as String? ?? "")")
        }
        print("\(rows.count) parked in \(service)")
        guard action == "release", !rows.isEmpty else { return }
        let released = try queue.write { db in try OutboxParking.release(db, ids: id.map { [$0] }) }
        print("released \(released): the relay publishes them ahead of newer messages")
    }
}
