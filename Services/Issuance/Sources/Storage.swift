import Foundation
import GRDB
import Metrics
import QyzmetDomain
import QyzmetRules
import QyzmetRuntime

/// Uncollected paper results, as the storage rule of the case's version says: kept at the branch
/// for a period, then at the provider, then filed (or handed back); or kept at the branch until
/// collected where the regulation sets no period.
struct Storage: Sendable {
    let catalogue: Catalogue
    let dueDates: DueDateCalculator

    /// The storage rule for a result in the case's context, and its position in the service's list.
    func rule(for service: ServiceRules, format: ResultIssued.Format, context: ConditionContext) -> (index: Int, rule: StorageRule)? {
        service.storage?.enumerated().first { $0.element.format == format && ($0.element.when?.holds(in: context) ?? true) }
            .map { ($0.offset, $0.element) }
    }

    /// When step `index` of the rule ends, counted from `start`; nil when it has no period.
    func end(of index: Int, in rule: StorageRule, from start: Date, service: ServiceRules) -> Date? {
        guard index < rule.steps.count, let period = rule.steps[index].period else { return nil }
        switch period.unit {
        case .calendarMonths:
            return KazakhstanTime.instant(on: KazakhstanTime.localDate(of: start).adding(months: period.amount), minute: KazakhstanTime.minuteOfDay(of: start))
        case .calendarDays:
            return start.addingTimeInterval(TimeInterval(period.amount * 86_400))
        default:
            return dueDates.due(period, after: start, hours: service.providerHours).at
        }
    }

    /// Results whose period ended, through `documents_storage_due` (GrowingTableQueryTests).
    static let dueSQL = """
        SELECT documentNumber, applicationId, registrationNumber, service, rulesVersion, state, storageUntil, storageRule, storageStep, branchId, lineage, recalledAt
        FROM documents WHERE state IN ('ready-for-collection', 'stored-at-provider') AND storageUntil <= ? ORDER BY storageUntil LIMIT 500
        """

    /// Moves every result whose storage period ended; returns how many moved.
    func advance(in tx: Transaction) throws -> Int {
        let rows = try Row.fetchAll(tx.db.cachedStatement(sql: Self.dueSQL), arguments: [tx.now])
        for row in rows {
            let version: String? = row["rulesVersion"]
            guard let service = version.flatMap({ catalogue.service(row["service"], version: $0) }) ?? catalogue.latest(row["service"]),
                  let index = row["storageRule"] as Int?, let rules = service.storage, rules.indices.contains(index)
            else { continue }
            let policy = rules[index]
            let until: Date = row["storageUntil"]
            var step: Int = row["storageStep"]
            // A result recalled from the provider has had its time there: when its period at the
            // branch ends again, it goes to the final step.
            if (row["recalledAt"] as Date?) != nil { step = policy.steps.count - 1 }
            let nextIndex = step + 1
            let next: ApplicationStatus
            var nextUntil: Date?
            let location: String
            if nextIndex < policy.steps.count {
                next = policy.steps[nextIndex].at == "provider" ? .storedAtProvider : .readyForCollection
                nextUntil = end(of: nextIndex, in: policy, from: until, service: service)
                location = next == .storedAtProvider ? "provider's storage" : "State Corporation branch"
            } else if policy.finally == "filed" {
                next = .filed
                location = "provider's archive (nomenclature file)"
            } else {
                next = .returnedToProvider
                location = "returned to the provider"
            }
            try tx.db.execute(sql: "UPDATE documents SET state = ?, stateChangedAt = ?, storageUntil = ?, storageStep = ? WHERE documentNumber = ?",
                              arguments: [next.rawValue, tx.now, nextUntil, nextIndex, row["documentNumber"] as String])
            let lineage = try ContractCoding.decode(EventLineage.self, data: row["lineage"] as Data)
            try tx.emitStatus(StatusChanged(
                applicationId: row["applicationId"], status: next, at: tx.now, actor: "issuance", service: row["service"],
                registrationNumber: row["registrationNumber"], location: location,
                detail: "not collected by \(KazakhstanTime.format(until)) (\(policy.source))" + (nextUntil.map { "; kept until \(KazakhstanTime.format($0))" } ?? "")
            ), lineage: lineage)
            Counter(label: "qyzmet_storage_transitions_total", dimensions: [("to", next.rawValue)]).increment()
        }
        return rows.count
    }
}
