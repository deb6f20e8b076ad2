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
        migrator.registerMigration("review-v2-process") { db in
            try db.alter(table: "cases") { t in
                // `state` now holds the state id of the service's process (gathering, additional-check, ...).
                t.add(column: "rulesVersion", .text)
                t.add(column: "enteredAt", .datetime)
                // The deadline of the current state and the next timer of its process.
                t.add(column: "stateDueAt", .datetime)
                t.add(column: "timerDueAt", .datetime)
                t.add(column: "final", .boolean).notNull().defaults(to: false)
                // Facts recorded for the result: from the gateway and from the executor's findings.
                t.add(column: "recorded", .blob)
                t.add(column: "hearingAt", .datetime)
                t.add(column: "hearingOutcome", .text)
                t.add(column: "documentSequence", .integer).notNull().defaults(to: 0)
                t.add(column: "authorityId", .text)
            }
            try db.create(index: "cases_timers", on: "cases", columns: ["timerDueAt"])
            try db.alter(table: "executors") { t in
                // The authority an officer serves; nil: any authority of the provider.
                t.add(column: "authorityId", .text)
            }
            // Who did what to which case, and when: every officer action and every automatic step.
            try db.create(table: "case_actions") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("applicationId", .text).notNull().indexed()
                t.column("action", .text).notNull()
                t.column("actor", .text).notNull()
                t.column("fromState", .text).notNull()
                t.column("toState", .text).notNull()
                t.column("inputs", .blob)
                t.column("at", .datetime).notNull()
            }
            // Findings of a completed case about a person (an additional reference check), for the
            // next application about the same person.
            try db.create(table: "subject_findings", options: .withoutRowID) { t in
                t.column("subjectIin", .text).notNull()
                t.column("service", .text).notNull()
                t.column("facts", .blob).notNull()
                t.column("applicationId", .text).notNull()
                t.column("at", .datetime).notNull()
                t.primaryKey(["subjectIin", "service"])
            }
        }
        migrator.registerMigration("review-v3-payments") { db in
            try db.alter(table: "cases") { t in
                // While a case waits for its state duty: by when, and when the gateway was last asked.
                t.add(column: "paymentDueAt", .datetime)
                t.add(column: "lastPaymentCheck", .datetime)
                // An event the process takes only once the application is accepted (filed at
                // night, answered at night: decided after opening, never before acceptance).
                t.add(column: "deferredEvent", .text)
            }
        }
        migrator.registerMigration("review-v4-queues") { db in
            // Persons waiting for a proactive service (the paid-training queue), in order.
            try db.create(table: "queue_entries") { t in
                t.autoIncrementedPrimaryKey("position")
                t.column("queue", .text).notNull()
                t.column("key", .text).notNull()
                t.column("iin", .text).notNull()
                t.column("person", .blob).notNull()
                t.column("applicationId", .text).notNull().unique()
                t.column("enqueuedAt", .datetime).notNull()
                // waiting, or why the person left: referred, removed-from-register, unpaid...
                t.column("status", .text).notNull()
                t.column("changedAt", .datetime).notNull()
                t.column("leftBy", .text)
            }
            try db.create(index: "queue_entries_waiting", on: "queue_entries", columns: ["queue", "key", "status", "position"])
            // The proactive cases opened for a queue entry, by course: a person is offered a course once.
            try db.create(table: "proactive_offers") { t in
                t.column("service", .text).notNull()
                t.column("key", .text).notNull()
                t.column("iin", .text).notNull()
                t.column("applicationId", .text).notNull()
                t.column("round", .text).notNull()
                t.column("openedAt", .datetime).notNull()
                t.primaryKey(["service", "key", "iin"])
            }
            try db.create(table: "review_sequence") { t in
                t.primaryKey("prefix", .text)
                t.column("last", .integer).notNull()
            }
        }
        migrator.registerMigration("review-v5-linked-and-complaints") { db in
            try db.alter(table: "cases") { t in
                // A linked case (one application, several services) waits for the main case's
                // document: the main application id while it waits, nil once started.
                t.add(column: "waitingFor", .text)
            }
            try db.create(index: "cases_waiting", on: "cases", columns: ["waitingFor"])
            // The bodies that review complaints, and the Committee's archive and apostille officers.
            for (id, name, provider) in [
                ("clssa-officer-2", "Insp. M. Abenova", "CLSSA"), ("gpo-officer-1", "Sr. Counsellor of Justice B. Tulegenov", "GPO"),
                ("mod-officer-1", "Col. R. Zhaksybekov", "MOD"), ("acsa-officer-1", "Chief Expert A. Karimova", "ACSA"),
                ("gfc-officer-1", "Deputy Head E. Saparov", "GFC"), ("mddiai-officer-1", "Chief Expert T. Nurpeisova", "MDDIAI"),
            ] {
                try db.execute(sql: "INSERT OR IGNORE INTO executors (executorId, name, provider) VALUES (?, ?, ?)", arguments: [id, name, provider])
            }
        }
        migrator.registerMigration("review-v6-open-case-indexes") { db in
            // Open cases are a few thousand, closed ones grow for ever. Assigning an executor
            // (open cases per executor) and the deadline watch (open cases not waiting) read
            // only the open ones through these; through the full indexes each new case read every
            // case its executors ever had, and a 100,000-application soak stalled on it at 15,000.
            // `final` in the key too: SQLite checks the partial index's condition against the
            // row unless the index holds the column, and fetching every open row was the cost.
            try db.execute(sql: "CREATE INDEX cases_open_by_executor ON cases(executorId, final) WHERE final = 0")
            try db.execute(sql: "CREATE INDEX cases_open_by_waiting ON cases(waitingFor, final) WHERE final = 0")
        }
    }
}
