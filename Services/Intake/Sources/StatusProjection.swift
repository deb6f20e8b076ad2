import Foundation
import GRDB
import QyzmetDomain
import QyzmetRules
import QyzmetRuntime

/// Every service's status events, folded into "where is application X and when is it due".
struct StatusProjection: Sendable {
    func apply(_ event: ConsumedEvent, in tx: Transaction) throws {
        guard event.envelope.type == EventType.statusChanged else {
            throw PoisonMessage("event.unexpected-type", "\(event.envelope.type) on \(event.topic)")
        }
        guard let change = try? event.envelope.decodeData(StatusChanged.self) else {
            // A status this version does not know (a newer minor version of the contract): keep
            // it in the history, leave the projection where it is.
            let raw = event.envelope.data
            guard let status = raw["status"]?.stringValue, ApplicationStatus(rawValue: status) == nil else {
                throw PoisonMessage("status.invalid", "status.changed does not follow contract v1")
            }
            try tx.db.cachedStatement(sql: """
                INSERT OR IGNORE INTO status_history (eventKey, applicationId, status, at, actor, location, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: ["\(event.envelope.source) \(event.envelope.id)", event.envelope.applicationId, status, event.envelope.time,
                                 raw["actor"]?.stringValue ?? "?", raw["location"]?.stringValue, raw["detail"]?.stringValue])
            return
        }
        try tx.db.cachedStatement(sql: """
            INSERT OR IGNORE INTO status_history (eventKey, applicationId, status, at, actor, location, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: ["\(event.envelope.source) \(event.envelope.id)", change.applicationId, change.status.rawValue, change.at,
                             change.actor, change.location, change.detail])
        // Events from different services can arrive out of order, so across services the
        // projection only moves forward in the life cycle. One service's own events arrive in
        // order (same key, same partition), so they may move it back: a recalled result is
        // ready for collection again. Due date and registration number, once known, are kept.
        try tx.db.cachedStatement(sql: """
            INSERT INTO status_projection (applicationId, status, stage, at, actor, service, registrationNumber, dueAt, dueDate, location, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(applicationId) DO UPDATE SET
              status = CASE WHEN excluded.stage >= stage OR excluded.actor = actor OR excluded.status = 'reconsideration' THEN excluded.status ELSE status END,
              at = CASE WHEN excluded.stage >= stage OR excluded.actor = actor OR excluded.status = 'reconsideration' THEN excluded.at ELSE at END,
              actor = CASE WHEN excluded.stage >= stage OR excluded.actor = actor OR excluded.status = 'reconsideration' THEN excluded.actor ELSE actor END,
              location = CASE WHEN excluded.stage >= stage OR excluded.actor = actor OR excluded.status = 'reconsideration' THEN coalesce(excluded.location, location) ELSE location END,
              detail = CASE WHEN excluded.stage >= stage OR excluded.actor = actor OR excluded.status = 'reconsideration' THEN excluded.detail ELSE detail END,
              service = coalesce(service, excluded.service),
              registrationNumber = coalesce(registrationNumber, excluded.registrationNumber),
              dueAt = coalesce(excluded.dueAt, dueAt),
              dueDate = coalesce(excluded.dueDate, dueDate),
              stage = CASE WHEN excluded.stage >= stage OR excluded.actor = actor OR excluded.status = 'reconsideration' THEN excluded.stage ELSE stage END
            """).execute(arguments: [change.applicationId, change.status.rawValue, change.status.stage, change.at, change.actor, change.service,
                             change.registrationNumber, change.dueAt, change.dueDate?.description, change.location, change.detail])
    }
}

/// The answer to "where is application X and when is it due".
public struct ApplicationStatusView: Codable, Sendable {
    public struct Step: Codable, Sendable {
        public var status: String
        public var at: Date
        public var actor: String
        public var location: String?
        public var detail: String?
    }

    public var applicationId: String
    public var registrationNumber: String?
    public var service: String?
    public var serviceTitle: String?
    public var status: String
    /// The service holding the application now: intake, review or issuance.
    public var heldBy: String
    public var location: String?
    public var detail: String?
    public var dueAt: Date?
    public var dueDate: String?
    public var overdue: Bool
    public var final: Bool
    public var receipt: Receipt?
    /// The act version the application is judged by.
    public var rulesVersion: String?
    public var history: [Step]
}

enum StatusQuery {
    static func view(_ db: Database, applicationId: String, catalogue: Catalogue, now: Date) throws -> ApplicationStatusView? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM status_projection WHERE applicationId = ?"), arguments: [applicationId]) else { return nil }
        let status = ApplicationStatus(rawValue: row["status"]) ?? .identifying
        let history = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM status_history WHERE applicationId = ? ORDER BY at, id"), arguments: [applicationId]).map {
            ApplicationStatusView.Step(status: $0["status"], at: $0["at"], actor: $0["actor"], location: $0["location"], detail: $0["detail"])
        }
        let application = try Row.fetchOne(db.cachedStatement(sql: "SELECT receipt, rulesVersion FROM applications WHERE applicationId = ?"), arguments: [applicationId])
        let receipt = (application?["receipt"] as Data?).flatMap { try? ContractCoding.decode(Receipt.self, data: $0) }
        let rulesVersion: String? = application?["rulesVersion"]
        let dueAt: Date? = row["dueAt"]
        let service: String? = row["service"]
        return ApplicationStatusView(
            applicationId: applicationId, registrationNumber: row["registrationNumber"], service: service,
            serviceTitle: service.flatMap { code in rulesVersion.flatMap { catalogue.service(code, version: $0) } ?? catalogue.latest(code) }?.title.en, status: status.rawValue, heldBy: status.owner,
            location: row["location"], detail: row["detail"], dueAt: dueAt, dueDate: row["dueDate"],
            overdue: !status.isFinal && status.stage < ApplicationStatus.resultIssued.stage && (dueAt.map { $0 < now } ?? false),
            final: status.isFinal, receipt: receipt, rulesVersion: rulesVersion, history: history
        )
    }

    static func applicationId(_ db: Database, registrationNumber: String) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT applicationId FROM status_projection WHERE registrationNumber = ?"), arguments: [registrationNumber])
    }
}
