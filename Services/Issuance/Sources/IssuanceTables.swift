import GRDB

enum IssuanceTables {
    static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("issuance-v1") { db in
            try db.create(table: "documents", options: .withoutRowID) { t in
                t.primaryKey("documentNumber", .text)
                // One result per application, however often the decision is delivered.
                t.column("applicationId", .text).notNull().unique()
                t.column("registrationNumber", .text).notNull()
                t.column("service", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("format", .text).notNull()
                t.column("deliveryMethod", .text).notNull()
                t.column("branchId", .text)
                t.column("content", .blob).notNull()
                t.column("digest", .text).notNull()
                t.column("signature", .blob).notNull()
                t.column("issuedAt", .datetime).notNull()
                // delivered-to-cabinet | ready-for-collection | collected | stored-at-provider | returned-to-provider | filed
                t.column("state", .text).notNull().indexed()
                t.column("stateChangedAt", .datetime).notNull()
                // When the next storage step is due, for uncollected paper results.
                t.column("storageUntil", .datetime).indexed()
                t.column("lineage", .blob).notNull()
            }
            try db.create(table: "document_sequence", options: .withoutRowID) { t in
                t.primaryKey("prefix", .text)
                t.column("last", .integer).notNull()
            }
        }
        migrator.registerMigration("issuance-v2-recall") { db in
            // A result recalled from the provider has had its time there: when its period ends
            // uncollected at the branch, it is filed (or returned), not stored again.
            try db.alter(table: "documents") { t in t.add(column: "recalledAt", .datetime) }
        }
        migrator.registerMigration("issuance-v3-notices") { db in
            // A case may now have several documents (an extension notice, then the certificate):
            // one per decision sequence instead of one per application.
            try db.create(table: "documents_new", options: .withoutRowID) { t in
                t.primaryKey("documentNumber", .text)
                t.column("applicationId", .text).notNull()
                t.column("sequence", .integer).notNull().defaults(to: 0)
                t.column("registrationNumber", .text).notNull()
                t.column("service", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("format", .text).notNull()
                t.column("deliveryMethod", .text).notNull()
                t.column("branchId", .text)
                t.column("content", .blob).notNull()
                t.column("digest", .text).notNull()
                t.column("signature", .blob).notNull()
                t.column("issuedAt", .datetime).notNull()
                t.column("state", .text).notNull().indexed()
                t.column("stateChangedAt", .datetime).notNull()
                t.column("storageUntil", .datetime).indexed()
                t.column("lineage", .blob).notNull()
                t.column("recalledAt", .datetime)
                t.column("rulesVersion", .text)
                // Which storage rule of the case's version applies (chosen at issue, in the case's
                // context), and which of its steps the result is in (0: at the branch).
                t.column("storageRule", .integer)
                t.column("storageStep", .integer).notNull().defaults(to: 0)
                t.uniqueKey(["applicationId", "sequence"])
            }
            try db.execute(sql: """
                INSERT INTO documents_new (documentNumber, applicationId, registrationNumber, service, kind, format, deliveryMethod, branchId, content, digest,
                                           signature, issuedAt, state, stateChangedAt, storageUntil, lineage, recalledAt)
                SELECT documentNumber, applicationId, registrationNumber, service, kind, format, deliveryMethod, branchId, content, digest,
                       signature, issuedAt, state, stateChangedAt, storageUntil, lineage, recalledAt FROM documents
                """)
            try db.drop(table: "documents")
            try db.rename(table: "documents_new", to: "documents")
            try db.create(index: "documents_application", on: "documents", columns: ["applicationId"])
        }
        migrator.registerMigration("issuance-v4-parts") { db in
            // One decision may produce several documents (the paper certificate and the signed
            // collection-place notice): `part` numbers them within the decision's sequence.
            try db.create(table: "documents_v4", options: .withoutRowID) { t in
                t.primaryKey("documentNumber", .text)
                t.column("applicationId", .text).notNull()
                t.column("sequence", .integer).notNull().defaults(to: 0)
                t.column("part", .integer).notNull().defaults(to: 0)
                t.column("registrationNumber", .text).notNull()
                t.column("service", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("format", .text).notNull()
                t.column("deliveryMethod", .text).notNull()
                t.column("branchId", .text)
                t.column("content", .blob).notNull()
                t.column("digest", .text).notNull()
                t.column("signature", .blob).notNull()
                t.column("issuedAt", .datetime).notNull()
                t.column("state", .text).notNull().indexed()
                t.column("stateChangedAt", .datetime).notNull()
                t.column("storageUntil", .datetime).indexed()
                t.column("lineage", .blob).notNull()
                t.column("recalledAt", .datetime)
                t.column("rulesVersion", .text)
                t.column("storageRule", .integer)
                t.column("storageStep", .integer).notNull().defaults(to: 0)
                t.uniqueKey(["applicationId", "sequence", "part"])
            }
            try db.execute(sql: """
                INSERT INTO documents_v4 (documentNumber, applicationId, sequence, registrationNumber, service, kind, format, deliveryMethod, branchId, content,
                                           digest, signature, issuedAt, state, stateChangedAt, storageUntil, lineage, recalledAt, rulesVersion, storageRule, storageStep)
                SELECT documentNumber, applicationId, sequence, registrationNumber, service, kind, format, deliveryMethod, branchId, content,
                       digest, signature, issuedAt, state, stateChangedAt, storageUntil, lineage, recalledAt, rulesVersion, storageRule, storageStep FROM documents
                """)
            try db.drop(table: "documents")
            try db.rename(table: "documents_v4", to: "documents")
            try db.create(index: "documents_application", on: "documents", columns: ["applicationId"])
        }
        migrator.registerMigration("issuance-v5-collection") { db in
            try db.alter(table: "documents") { t in
                // SHA-256 of the holder's identity document number: the branch checks the one shown
                // at collection against it, without keeping the number itself.
                t.add(column: "holderDocumentDigest", .text)
                t.add(column: "collectedBy", .text)
                t.add(column: "collectedAt", .datetime)
            }
        }
        migrator.registerMigration("issuance-v6-verification-codes") { db in
            try db.alter(table: "documents") { t in t.add(column: "verificationCode", .text) }
        }
        migrator.registerMigration("issuance-v7-attorney") { db in
            // SHA-256 of the power of attorney the application was filed under: a representative
            // collecting shows that one.
            try db.alter(table: "documents") { t in t.add(column: "attorneyDigest", .text) }
        }
        migrator.registerMigration("issuance-v8-storage-due") { db in
            // The storage-period task runs every second over results waiting at a branch or the
            // provider, which grow with every paper result; by state alone it read all of them.
            try db.create(index: "documents_storage_due", on: "documents", columns: ["state", "storageUntil"])
        }
    }
}
