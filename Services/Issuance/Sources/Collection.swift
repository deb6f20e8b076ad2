import Foundation
import GRDB
import QyzmetDomain
import QyzmetRules
import QyzmetRuntime

/// A branch hands a paper result over (on the holder's identity document, or to a representative
/// with a notarised power of attorney), or asks the provider to send back one it is keeping. The
/// operator and their branch are the token's, not fields of this request.
public struct CollectionRequest: Codable, Sendable {
    /// The branch handing over; over HTTP the operator's branch (a different one is refused).
    public var branchId: String?
    /// `id-card`, `passport` or `digital-id`.
    public var identityDocument: String
    /// The number of the identity document shown: the holder's, or the representative's.
    public var identityDocumentNumber: String?
    public var representativePowerOfAttorney: String?

    public init(branchId: String? = nil, identityDocument: String, identityDocumentNumber: String? = nil, representativePowerOfAttorney: String? = nil) {
        self.branchId = branchId
        self.identityDocument = identityDocument
        self.identityDocumentNumber = identityDocumentNumber
        self.representativePowerOfAttorney = representativePowerOfAttorney
    }
}

struct Collection: Sendable {
    let catalogue: Catalogue
    let dueDates: DueDateCalculator

    /// SHA-256 of an identity document number, as stored with a result.
    static func digest(ofDocumentNumber number: String) -> String { Digest.sha256Hex(Data(number.utf8)) }

    /// Hands the result over at `branch` by `operatorId` (the token's), to the holder on their
    /// identity document or to a representative with a power of attorney on theirs.
    func collect(_ number: String, _ request: CollectionRequest, operatorId: String = "branch-operator", in tx: Transaction) throws {
        let document = try load(number, tx.db)
        guard ["id-card", "passport", "digital-id"].contains(request.identityDocument) else {
            throw CommandRejection.invalid("results are handed over on an identity document (id-card, passport, digital-id)")
        }
        guard let shown = request.identityDocumentNumber?.trimmingCharacters(in: .whitespaces), !shown.isEmpty else {
            throw CommandRejection.invalid("give the number of the identity document shown (identityDocumentNumber)")
        }
        let representative = !(request.representativePowerOfAttorney ?? "").isEmpty
        if !representative, let expected = document.holderDocumentDigest, Self.digest(ofDocumentNumber: shown) != expected {
            throw CommandRejection.forbidden("the identity document shown is not the holder's; a representative shows a power of attorney")
        }
        // Filed under a notarised power of attorney: the representative collects under that one
        // (order 64 L233), not any paper that says so.
        if representative, let expected = document.attorneyDigest,
           Self.digest(ofDocumentNumber: request.representativePowerOfAttorney!.trimmingCharacters(in: .whitespaces)) != expected {
            throw CommandRejection.forbidden("the power of attorney shown is not the one the application was filed under")
        }
        switch document.state {
        case ApplicationStatus.readyForCollection.rawValue:
            guard document.branchId == request.branchId else {
                throw CommandRejection.conflict("the result waits at branch \(document.branchId ?? "-"), not \(request.branchId ?? "-")")
            }
        case ApplicationStatus.storedAtProvider.rawValue:
            throw CommandRejection.conflict("the result is kept by the provider: recall it to the branch first (POST /documents/\(number)/recall)")
        default:
            throw CommandRejection.conflict("the result is \(document.state)")
        }
        try move(document, to: .collected, until: nil, location: "handed over at branch \(request.branchId ?? "-") by \(operatorId)",
                 detail: request.representativePowerOfAttorney.map { "to a representative, power of attorney \($0)" } ?? "to the holder, on their identity document", in: tx)
        try tx.db.cachedStatement(sql: "UPDATE documents SET collectedBy = ?, collectedAt = ? WHERE documentNumber = ?").execute(arguments: [operatorId, tx.now, number])
        try tx.audit(action: "collect", applicationId: document.applicationId, actor: operatorId,
                     details: Data("\(number) \(request.branchId ?? "-") \(request.representativePowerOfAttorney.map { Digest.sha256Hex(Data($0.utf8)) } ?? "holder")".utf8))
    }

    /// The provider sends a kept result back to the branch within one working day (L235).
    func recall(_ number: String, in tx: Transaction) throws -> Date {
        let document = try load(number, tx.db)
        guard document.state == ApplicationStatus.storedAtProvider.rawValue else {
            throw CommandRejection.conflict("only a result kept by the provider can be recalled; this one is \(document.state)")
        }
        guard let service = catalogue.latest(document.service) else { throw CommandRejection.invalid("unknown service") }
        let within = service.storage?.compactMap(\.recallWithin).first ?? .workingDays(1)
        let arrives = dueDates.due(within, after: tx.now, hours: service.providerHours).at
        try move(document, to: .readyForCollection, until: document.storageUntil, location: "State Corporation branch \(document.branchId ?? "-")",
                 detail: "recalled from the provider; at the branch by \(KazakhstanTime.format(arrives))", in: tx)
        try tx.db.cachedStatement(sql: "UPDATE documents SET recalledAt = ? WHERE documentNumber = ?").execute(arguments: [tx.now, number])
        return arrives
    }

    struct StoredDocument {
        var number: String
        var applicationId: String
        var registrationNumber: String
        var service: String
        var state: String
        var branchId: String?
        var storageUntil: Date?
        var lineage: EventLineage
        var holderDocumentDigest: String?
        var attorneyDigest: String?
    }

    private func load(_ number: String, _ db: Database) throws -> StoredDocument {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM documents WHERE documentNumber = ?"), arguments: [number]) else {
            throw CommandRejection.notFound("no document \(number)")
        }
        return StoredDocument(number: number, applicationId: row["applicationId"], registrationNumber: row["registrationNumber"], service: row["service"],
                              state: row["state"], branchId: row["branchId"], storageUntil: row["storageUntil"],
                              lineage: try ContractCoding.decode(EventLineage.self, data: row["lineage"] as Data), holderDocumentDigest: row["holderDocumentDigest"],
                              attorneyDigest: row["attorneyDigest"])
    }

    private func move(_ document: StoredDocument, to status: ApplicationStatus, until: Date?, location: String, detail: String, in tx: Transaction) throws {
        try tx.db.execute(sql: "UPDATE documents SET state = ?, stateChangedAt = ?, storageUntil = ? WHERE documentNumber = ?",
                          arguments: [status.rawValue, tx.now, until, document.number])
        try tx.emitStatus(StatusChanged(applicationId: document.applicationId, status: status, at: tx.now, actor: "issuance", service: document.service,
                                        registrationNumber: document.registrationNumber, location: location, detail: detail), lineage: document.lineage)
    }
}
