import Foundation
import GRDB
import Logging
import QyzmetDomain
import QyzmetPopulation

/// The simulated state databases (ГБД ФЛ, military registration, criminal records), seeded once
/// from the synthetic population.
enum PopulationRegistry {
    static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("identity-population-v1") { db in
            try db.create(table: "persons", options: .withoutRowID) { t in
                t.primaryKey("iin", .text)
                t.column("populationIndex", .integer).notNull()
                t.column("person", .blob).notNull()
                t.column("military", .blob).notNull()
                t.column("criminal", .blob).notNull()
            }
            try db.create(table: "population_meta") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
        }
    }

    /// Seeds the registry if it is empty; a restart keeps what is there.
    static func seedIfEmpty(store pool: DatabasePool, size: Int, seed: UInt64, logger: Logger) throws {
        let existing = try pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM persons") ?? 0 }
        guard existing == 0 else {
            logger.info("population present", metadata: ["persons": "\(existing)"])
            return
        }
        let started = Date()
        let encoder = JSONEncoder()
        try pool.write { db in
            let statement = try db.makeStatement(sql: "INSERT INTO persons (iin, populationIndex, person, military, criminal) VALUES (?, ?, ?, ?, ?)")
            try SyntheticPopulation(seed: seed).generate(count: size) { p in
                try statement.execute(arguments: [p.person.iin, p.index, try encoder.encode(p.person), try encoder.encode(p.military), try encoder.encode(p.criminal)])
            }
            try db.execute(sql: "INSERT INTO population_meta (key, value) VALUES ('seed', ?), ('size', ?)", arguments: [String(seed), String(size)])
        }
        logger.info("population seeded", metadata: ["persons": "\(size)", "seconds": "\(String(format: "%.1f", Date().timeIntervalSince(started)))"])
    }

    struct Entry {
        let person: PersonRecord
        let military: MilitaryRecord
        let criminal: CriminalRecordExtract
    }

    static func lookup(_ db: Database, iin: String) throws -> Entry? {
        guard let row = try Row.fetchOne(db, sql: "SELECT person, military, criminal FROM persons WHERE iin = ?", arguments: [iin]) else { return nil }
        let decoder = JSONDecoder()
        return Entry(
            person: try decoder.decode(PersonRecord.self, from: row["person"] as Data),
            military: try decoder.decode(MilitaryRecord.self, from: row["military"] as Data),
            criminal: try decoder.decode(CriminalRecordExtract.self, from: row["criminal"] as Data)
        )
    }
}
