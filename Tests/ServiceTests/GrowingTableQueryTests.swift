import Foundation
import GRDB
@testable import IssuanceService
import QyzmetStorage
@testable import ReviewService
import Testing

/// The queries a service runs for every case or every second must read what is open or due,
/// not every row the store ever had: closed cases and delivered results grow for ever, and a
/// 100,000-application soak stalled at 15,000 on one that did (assigning an executor read every
/// case its executors ever had).
@Suite("Queries on growing tables use the open-row indexes")
struct GrowingTableQueryTests {
    func plan(_ store: ServiceStore, _ sql: String) throws -> String {
        try store.pool.read { db in
            // The plan for the statement as the service binds it: one value per placeholder.
            let arguments = StatementArguments(Array(repeating: "x", count: sql.filter { $0 == "?" }.count))
            return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }.joined(separator: "\n")
        }
    }

    @Test("review: assigning an executor and the deadline watch read open cases only")
    func review() throws {
        let store = try ServiceStore.temporary { ReviewApp.registerMigrations(&$0) }
        let assign = try plan(store, CaseProcess.leastBusyExecutorSQL)
        #expect(assign.contains("USING COVERING INDEX cases_open_by_executor"), "\(assign)")
        let watch = try plan(store, DeadlineWatch.dueSQL)
        #expect(watch.contains("USING INDEX cases_open_by_waiting"), "\(watch)")
    }

    @Test("issuance: the storage-period task reads only results whose period ended")
    func issuance() throws {
        let store = try ServiceStore.temporary { IssuanceApp.registerMigrations(&$0) }
        let due = try plan(store, Storage.dueSQL)
        #expect(due.contains("documents_storage_due (state=? AND storageUntil<?)"), "\(due)")
    }
}
