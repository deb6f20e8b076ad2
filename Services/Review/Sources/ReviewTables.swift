import GRDB

enum ReviewTables {
    static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("review-v1") { db in
            try db.create(table: "cases", options: .withoutRowID) { t in
                t.primaryKey("applicationId", .text)
                t.column("registrationNumber", .text).notNull().unique()
                t.column("service", .text).notNull()
                // gathering | awaiting-executor | decided
                t.column("state", .text).notNull().indexed()
                t.column("caseData", .blob).notNull()
                t.column("lineage", .blob).notNull()
                t.column("registeredAt", .datetime).notNull()
                t.column("dueAt", .datetime).notNull()
                t.column("executorId", .text).indexed()
                t.column("executorDueAt", .datetime)
                // Gateway answers gathered for the decision, by query.
                t.column("facts", .blob).notNull()
                t.column("pendingQueries", .integer).notNull()
                t.column("recommendation", .blob)
                t.column("decision", .blob)
                t.column("decidedAt", .datetime)
                // none | warning | breach: the deadline alerts already sent.
                t.column("alerted", .text).notNull().defaults(to: "none")
            }
            try db.create(table: "executors", options: .withoutRowID) { t in
                t.primaryKey("executorId", .text)
                t.column("name", .text).notNull()
                t.column("provider", .text).notNull()
                t.column("active", .boolean).notNull().defaults(to: true)
            }
            // Officers of the authority; in production this table is filled from the HR system.
            for (id, name, provider) in [
                ("lmab-officer-1", "Capt. A. Seitkali", "LMAB"), ("lmab-officer-2", "Maj. D. Omarov", "LMAB"),
                ("lmab-officer-3", "Lt. S. Ismailova", "LMAB"), ("clssa-officer-1", "Insp. G. Nurlanova", "CLSSA"),
            ] {
                try db.execute(sql: "INSERT INTO executors (executorId, name, provider) VALUES (?, ?, ?)", arguments: [id, name, provider])
            }
        }
    }
}
