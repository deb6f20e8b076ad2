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

    /// Seeds the registry if it is empty; a restart keeps what is there. With a snapshot path,
    /// the first start copies the persons from the snapshot when it holds the same population,
    /// and writes the snapshot after generating otherwise: generating 100,000 persons takes
    /// seconds, copying them a fraction of one.
    static func seedIfEmpty(store pool: DatabasePool, size: Int, seed: UInt64, snapshot: String?, logger: Logger) throws {
        let existing = try pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM persons") ?? 0 }
        guard existing == 0 else {
            logger.info("population present", metadata: ["persons": "\(existing)"])
            return
        }
        if let snapshot, FileManager.default.fileExists(atPath: snapshot) {
            let started = Date()
            if try copy(from: snapshot, into: pool, size: size, seed: seed) {
                logger.info("population copied from snapshot", metadata: ["persons": "\(size)", "snapshot": "\(snapshot)", "seconds": "\(String(format: "%.2f", Date().timeIntervalSince(started)))"])
                return
            }
            logger.warning("population snapshot does not match, generating", metadata: ["snapshot": "\(snapshot)"])
        }
        try generate(into: pool, size: size, seed: seed, logger: logger)
        if let snapshot { try write(snapshot: snapshot, from: pool, logger: logger) }
    }

    private static func copy(from snapshot: String, into pool: DatabasePool, size: Int, seed: UInt64) throws -> Bool {
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS snapshot", arguments: [snapshot])
            defer { try? db.execute(sql: "DETACH DATABASE snapshot") }
            let meta = try Row.fetchAll(db, sql: "SELECT key, value FROM snapshot.population_meta").reduce(into: [String: String]()) { $0[$1["key"]] = $1["value"] }
            guard meta["seed"] == String(seed), meta["size"] == String(size) else { return false }
            try db.inTransaction {
                try db.execute(sql: "INSERT INTO persons SELECT iin, populationIndex, person, military, criminal FROM snapshot.persons")
                try db.execute(sql: "INSERT INTO population_meta SELECT key, value FROM snapshot.population_meta")
                return .commit
            }
            return true
        }
    }

    private static func write(snapshot: String, from pool: DatabasePool, logger: Logger) throws {
        let temporary = snapshot + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: snapshot).deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: temporary)
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS snapshot", arguments: [temporary])
            defer { try? db.execute(sql: "DETACH DATABASE snapshot") }
            try db.execute(sql: """
                CREATE TABLE snapshot.persons AS SELECT * FROM persons;
                CREATE TABLE snapshot.population_meta AS SELECT * FROM population_meta;
                """)
        }
        // Another process may be writing the same snapshot; the rename is atomic either way.
        _ = rename(temporary, snapshot)
        logger.info("population snapshot written", metadata: ["snapshot": "\(snapshot)"])
    }

    private static func generate(into pool: DatabasePool, size: Int, seed: UInt64, logger: Logger) throws {
        let started = Date()
        try pool.write { db in
            let statement = try db.makeStatement(sql: "INSERT INTO persons (iin, populationIndex, person, military, criminal) VALUES (?, ?, ?, ?, ?)")
            try SyntheticPopulation(seed: seed).generate(count: size) { p in
                try statement.execute(arguments: [p.person.iin, p.index, try ContractCoding.data(p.person), try ContractCoding.data(p.military), try ContractCoding.data(p.criminal)])
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
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT person, military, criminal FROM persons WHERE iin = ?"), arguments: [iin]) else { return nil }
        return Entry(
            person: try ContractCoding.decode(PersonRecord.self, data: row["person"] as Data),
            military: try ContractCoding.decode(MilitaryRecord.self, data: row["military"] as Data),
            criminal: try ContractCoding.decode(CriminalRecordExtract.self, data: row["criminal"] as Data)
        )
    }
}
