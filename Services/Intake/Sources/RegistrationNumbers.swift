import GRDB
import QyzmetDomain

/// Registration numbers like `EMG-20261123-000042`: service, day of acceptance, sequence of the day.
enum RegistrationNumbers {
    static func next(_ db: Database, shortCode: String, day: LocalDate) throws -> String {
        let prefix = "\(shortCode)-\(String(format: "%04d%02d%02d", day.year, day.month, day.day))"
        let last = try Int.fetchOne(db.cachedStatement(sql: """
            INSERT INTO registration_sequence (prefix, last) VALUES (?, 1)
            ON CONFLICT(prefix) DO UPDATE SET last = last + 1 RETURNING last
            """), arguments: [prefix])!
        return "\(prefix)-\(String(format: "%06d", last))"
    }
}
