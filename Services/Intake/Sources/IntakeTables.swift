import GRDB

enum IntakeTables {
    static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("intake-v1") { db in
            try db.create(table: "applications", options: .withoutRowID) { t in
                t.primaryKey("applicationId", .text)
                // SHA-256 of the canonical application: a resubmission with other content under
                // the same id is an error, with the same content a harmless duplicate.
                t.column("contentHash", .text).notNull()
                t.column("service", .text).notNull()
                t.column("channel", .text).notNull()
                // identifying | accepted | refused
                t.column("state", .text).notNull()
                t.column("submission", .blob).notNull()
                t.column("lineage", .blob).notNull()
                t.column("filedAt", .datetime).notNull()
                t.column("receivedAt", .datetime).notNull()
                t.column("registrationNumber", .text).unique()
                t.column("acceptedOn", .text)
                t.column("dueAt", .datetime)
                t.column("refusalCode", .text)
                t.column("receipt", .blob)
                t.column("completedAt", .datetime)
            }
            try db.create(table: "registration_sequence", options: .withoutRowID) { t in
                t.primaryKey("prefix", .text)
                t.column("last", .integer).notNull()
            }
            // What the portal's personal cabinet and the 1414 contact centre are told.
            try db.create(table: "status_projection", options: .withoutRowID) { t in
                t.primaryKey("applicationId", .text)
                t.column("status", .text).notNull()
                t.column("stage", .integer).notNull()
                t.column("at", .datetime).notNull()
                t.column("actor", .text).notNull()
                t.column("service", .text)
                t.column("registrationNumber", .text).indexed()
                t.column("dueAt", .datetime)
                t.column("dueDate", .text)
                t.column("location", .text)
                t.column("detail", .text)
            }
            try db.create(table: "status_history") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("eventKey", .text).notNull().unique()
                t.column("applicationId", .text).notNull().indexed()
                t.column("status", .text).notNull()
                t.column("at", .datetime).notNull()
                t.column("actor", .text).notNull()
                t.column("location", .text)
                t.column("detail", .text)
            }
        }
        migrator.registerMigration("intake-v2-rules") { db in
            try db.alter(table: "applications") { t in
                // The act version in force on the filing day; the case keeps it for life.
                t.add(column: "rulesVersion", .text)
                // Identification answers still awaited (applicant, subject), and those received.
                t.add(column: "pendingQueries", .integer).notNull().defaults(to: 0)
                t.add(column: "identified", .blob)
            }
        }
        migrator.registerMigration("intake-v3-complaints") { db in
            try db.alter(table: "applications") { t in
                // A complaint: the application it appeals, as found at filing.
                t.add(column: "appealed", .blob)
                // The payment gateway's answer on a duty paid before acceptance.
                t.add(column: "duty", .blob)
            }
            // Complaints look up earlier applications of the same applicant.
            try db.create(index: "applications_service", on: "applications", columns: ["service"])
        }
    }
}
