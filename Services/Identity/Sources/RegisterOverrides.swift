import Foundation
import GRDB
import QyzmetDomain
import QyzmetPopulation
import QyzmetRuntime

/// Changes decisions made to the simulated registers, kept over the synthetic population: the
/// gateway answers from the changed record, so a later application sees the removal from the
/// military register that an earlier one caused.
enum RegisterOverrides {
    static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("identity-v3-register-overrides") { db in
            try db.create(table: "register_overrides", options: .withoutRowID) { t in
                t.column("iin", .text).notNull()
                t.column("register", .text).notNull()
                t.column("changes", .blob).notNull()
                t.column("applicationId", .text).notNull()
                t.column("changedAt", .datetime).notNull()
                t.primaryKey(["iin", "register"])
            }
        }
    }

    static func apply(_ event: ConsumedEvent, in tx: Transaction) throws {
        guard event.envelope.type == EventType.registerChanged else {
            throw PoisonMessage("event.unexpected-type", "\(event.envelope.type) on \(event.topic)")
        }
        let change = try event.envelope.decodeData(RegisterChange.self)
        guard GatewayQuery(rawValue: change.register) == .militaryRegistration else {
            throw PoisonMessage("register.unknown", "\(change.register) cannot be changed through the gateway simulation")
        }
        guard IIN.isValid(change.subjectIin) else { throw PoisonMessage("register.invalid-iin", "the subject's IIN is not valid") }
        var merged = try current(tx.db, iin: change.subjectIin, register: change.register) ?? [:]
        merged.merge(change.changes) { _, new in new }
        try tx.db.execute(sql: """
            INSERT INTO register_overrides (iin, register, changes, applicationId, changedAt) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(iin, register) DO UPDATE SET changes = excluded.changes, applicationId = excluded.applicationId, changedAt = excluded.changedAt
            """, arguments: [change.subjectIin, change.register, try ContractCoding.data(merged), change.applicationId, change.changedAt])
    }

    static func current(_ db: Database, iin: String, register: String) throws -> [String: String]? {
        try Data.fetchOne(db.cachedStatement(sql: "SELECT changes FROM register_overrides WHERE iin = ? AND register = ?"), arguments: [iin, register])
            .map { try ContractCoding.decode([String: String].self, data: $0) }
    }

    /// The military record as the changes left it.
    static func military(_ record: MilitaryRecord, iin: String, db: Database) throws -> MilitaryRecord {
        guard let changes = try current(db, iin: iin, register: GatewayQuery.militaryRegistration.rawValue) else { return record }
        var changed = record
        func value(_ key: String) -> String?? { changes[key].map { $0.isEmpty ? nil : $0 } }
        if let status = changes["status"], !status.isEmpty { changed.status = status }
        if let v = value("documentType") { changed.documentType = v }
        if let v = value("documentNumber") { changed.documentNumber = v }
        if let v = value("office") { changed.office = v }
        if let v = value("category") ?? value("composition") { changed.category = v }
        return changed
    }

    /// The military record as facts, with every changed field: the named ones under their fact
    /// names, any other key a decision set under its own name.
    static func militaryFacts(_ person: PersonRecord, _ record: MilitaryRecord, iin: String, db: Database) throws -> [String: String] {
        var facts = RegisterRecords.military(person, record)
        guard let changes = try current(db, iin: iin, register: GatewayQuery.militaryRegistration.rawValue) else { return facts }
        let named = ["status": "militaryStatus", "documentType": "militaryDocumentType", "documentNumber": "militaryDocumentNumber",
                     "office": "militaryOffice", "category": "militaryComposition", "composition": "militaryComposition", "rank": "militaryRank"]
        for (key, value) in changes where !value.isEmpty {
            facts[named[key] ?? key] = value
        }
        if record.status == "deregistered" || record.status == "removed" {
            facts["precinct"] = nil
        }
        return facts
    }
}
