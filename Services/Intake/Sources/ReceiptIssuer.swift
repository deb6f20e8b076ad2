import Foundation
import GRDB
import Metrics
import QyzmetDomain
import QyzmetRuntime

/// Writes receipts: the acceptance receipt with its registration number and due date, or the
/// refusal to accept with its reason.
struct ReceiptIssuer: Sendable {
    func refuse(_ application: ApplicationSubmission, _ refusal: RefusalToAccept, lineage: EventLineage, in tx: Transaction) throws {
        try refuse(applicationId: application.applicationId, service: application.service, channel: application.channel, refusal, lineage: lineage, in: tx)
    }

    func refuse(applicationId: String, service: String, channel: Channel, _ refusal: RefusalToAccept, lineage: EventLineage, in tx: Transaction) throws {
        let receipt = Receipt(applicationId: applicationId, service: service, channel: channel, outcome: .refused, issuedAt: tx.now, refusal: refusal)
        try tx.db.execute(sql: "UPDATE applications SET state = 'refused', refusalCode = ?, receipt = ?, completedAt = ? WHERE applicationId = ?",
                          arguments: [refusal.code, try ContractCoding.data(receipt), tx.now, applicationId])
        try tx.emit(EventType.receiptIssued, receipt, to: Topics.receipts, lineage: lineage)
        try tx.emitStatus(StatusChanged(applicationId: applicationId, status: .refusedToAccept, at: tx.now, actor: "intake", service: service,
                                        detail: "\(refusal.code): \(refusal.reason)"), lineage: lineage)
        Counter(label: "qyzmet_receipts_total", dimensions: [("outcome", "refused"), ("code", refusal.code)]).increment()
    }

    func accept(_ receipt: Receipt, caseOpened: CaseOpened, location: String, lineage: EventLineage, in tx: Transaction) throws {
        try tx.db.cachedStatement(sql: """
            UPDATE applications SET state = 'accepted', registrationNumber = ?, acceptedOn = ?, dueAt = ?, receipt = ?, completedAt = ?
            WHERE applicationId = ?
            """).execute(arguments: [receipt.registrationNumber, receipt.acceptedOn?.description, receipt.dueAt,
                             try ContractCoding.data(receipt), tx.now, receipt.applicationId])
        try tx.emit(EventType.receiptIssued, receipt, to: Topics.receipts, lineage: lineage)
        try tx.emit(EventType.caseOpened, caseOpened, to: Topics.cases, lineage: lineage)
        try tx.emitStatus(StatusChanged(applicationId: receipt.applicationId, status: .accepted, at: tx.now, actor: "intake", service: receipt.service,
                                        registrationNumber: receipt.registrationNumber, dueAt: receipt.dueAt, dueDate: receipt.dueDate,
                                        location: location, detail: "accepted on \(receipt.acceptedOn!), handed to the provider"), lineage: lineage)
        Counter(label: "qyzmet_receipts_total", dimensions: [("outcome", "accepted"), ("code", "accepted")]).increment()
    }

    /// A case the same application opened for a linked service: handed to the provider with the
    /// main one, under its own id (key), waiting there for the main case's document.
    func openLinked(_ caseOpened: CaseOpened, main receipt: Receipt, lineage: EventLineage, in tx: Transaction) throws {
        var linkedLineage = lineage
        linkedLineage.applicationId = caseOpened.applicationId
        try tx.emit(EventType.caseOpened, caseOpened, to: Topics.cases, lineage: linkedLineage)
        try tx.emitStatus(StatusChanged(applicationId: caseOpened.applicationId, status: .accepted, at: tx.now, actor: "intake", service: caseOpened.service,
                                        registrationNumber: caseOpened.registrationNumber, location: "handed to the provider with \(receipt.registrationNumber ?? "")",
                                        detail: "accepted with application \(receipt.applicationId) under the one-application principle; starts when its document exists"),
                          lineage: linkedLineage)
    }
}
