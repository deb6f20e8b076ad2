import Foundation
import GRDB
import Metrics
import QyzmetDomain
import QyzmetRuntime

/// Uncollected paper results: kept at the branch, then at the provider, then filed (or handed
/// back to the provider), per the service's storage rule.
struct Storage: Sendable {
    let catalogue: ServiceCatalogue

    static func add(months: Int, to instant: Date) -> Date {
        let day = KazakhstanTime.localDate(of: instant)
        let minute = KazakhstanTime.minuteOfDay(of: instant)
        return KazakhstanTime.instant(on: day.adding(months: months), minute: minute)
    }

    /// Moves every result whose storage period ended; returns how many moved.
    func advance(in tx: Transaction) throws -> Int {
        let rows = try Row.fetchAll(tx.db.cachedStatement(sql: """
            SELECT documentNumber, applicationId, registrationNumber, service, state, storageUntil, branchId, lineage, recalledAt FROM documents
            WHERE state IN ('ready-for-collection', 'stored-at-provider') AND storageUntil <= ? LIMIT 500
            """), arguments: [tx.now])
        for row in rows {
            guard let policy = catalogue.service(row["service"])?.storage else { continue }
            let until: Date = row["storageUntil"]
            let next: ApplicationStatus
            var nextUntil: Date?
            var location: String
            let recalled = (row["recalledAt"] as Date?) != nil
            if row["state"] as String == ApplicationStatus.readyForCollection.rawValue && policy.atProviderMonths > 0 && !recalled {
                next = .storedAtProvider
                nextUntil = Storage.add(months: policy.atProviderMonths, to: until)
                location = "provider's storage"
            } else if policy.finally == "filed" {
                next = .filed
                location = "provider's archive (nomenclature file)"
            } else {
                next = .returnedToProvider
                location = "returned to the provider"
            }
            try tx.db.execute(sql: "UPDATE documents SET state = ?, stateChangedAt = ?, storageUntil = ? WHERE documentNumber = ?",
                              arguments: [next.rawValue, tx.now, nextUntil, row["documentNumber"] as String])
            let lineage = try ContractCoding.decode(EventLineage.self, data: row["lineage"] as Data)
            try tx.emitStatus(StatusChanged(
                applicationId: row["applicationId"], status: next, at: tx.now, actor: "issuance", service: row["service"],
                registrationNumber: row["registrationNumber"], location: location,
                detail: "not collected by \(KazakhstanTime.format(until))" + (nextUntil.map { "; kept until \(KazakhstanTime.format($0))" } ?? "")
            ), lineage: lineage)
            Counter(label: "qyzmet_storage_transitions_total", dimensions: [("to", next.rawValue)]).increment()
        }
        return rows.count
    }
}
