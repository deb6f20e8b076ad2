import Foundation
import GRDB
import QyzmetDomain
import QyzmetRuntime

/// The e-government payment gateway, simulated: payments arrive for an application (a citizen
/// pays through a bank or the portal; here `POST /payments`), and the gateway answers whether
/// the duty was paid in full and in time. Answers are signed like every other gateway answer.
enum PaymentGateway {
    struct Payment: Codable, Sendable {
        var applicationId: String
        var amountTenge: Int
        /// When the money was paid; now when not given.
        var paidAt: Date?
    }

    static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("identity-v2-payments") { db in
            try db.create(table: "payments") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("applicationId", .text).notNull().indexed()
                t.column("amountTenge", .integer).notNull()
                t.column("paidAt", .datetime).notNull()
            }
        }
    }

    static func record(_ payment: Payment, now: Date, db: Database) throws {
        try db.execute(sql: "INSERT INTO payments (applicationId, amountTenge, paidAt) VALUES (?, ?, ?)",
                       arguments: [payment.applicationId, payment.amountTenge, payment.paidAt ?? now])
    }

    /// Paid in full by the deadline, in full after it, partly, or not at all.
    static func status(applicationId: String, due: Int, dueBy: Date?, db: Database) throws -> PaymentRecord {
        let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT amountTenge, paidAt FROM payments WHERE applicationId = ? ORDER BY paidAt"),
                                    arguments: [applicationId])
        var paid = 0
        var completedAt: Date?
        for row in rows {
            paid += row["amountTenge"] as Int
            if completedAt == nil && paid >= due { completedAt = row["paidAt"] }
        }
        let status: String
        if paid == 0 { status = "unpaid" } else if paid < due { status = "short" } else if let dueBy, let completedAt, completedAt > dueBy { status = "late" } else { status = "paid" }
        return PaymentRecord(status: status, paidTenge: paid, dueTenge: due, lastPaidAt: rows.last?["paidAt"])
    }
}
