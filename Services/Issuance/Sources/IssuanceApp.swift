import Foundation
import GRDB
import Hummingbird
import QyzmetDomain
import QyzmetRules
import QyzmetRuntime

/// The result and its delivery: numbered, signed documents, verification by number, collection
/// at branches and the storage of what nobody collects.
public struct IssuanceApp: ServiceApplication {
    public static let name = "issuance"
    public static let signingKeyName: String? = "issuance"

    let context: ServiceContext
    let issuing: ResultIssuing
    let storage: Storage
    let collection: Collection

    public static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        IssuanceTables.registerMigrations(&migrator)
    }

    public init(context: ServiceContext) throws {
        guard let key = context.keys.signingKey else { throw PoisonMessage("config", "issuance needs the provider's signing key") }
        self.context = context
        storage = Storage(catalogue: context.catalogue, dueDates: context.dueDates)
        issuing = ResultIssuing(catalogue: context.catalogue, signingKey: key, storage: storage)
        collection = Collection(catalogue: context.catalogue, dueDates: context.dueDates)
    }

    public var topics: [String] { [Topics.decisions] }

    /// A certificate only for a decision review signed: a forged decision issues nothing.
    public func trustedProducers(for topic: String) -> Set<String>? { ["service:review"] }

    public var trust: TrustStore? { context.keys.trust }

    public func handle(_ event: ConsumedEvent, in tx: Transaction) throws {
        try issuing.issue(event, in: tx)
    }

    /// Moves uncollected results whose storage period ended; returns how many moved.
    public func advanceStorage() async throws -> Int {
        let storage = self.storage
        return try await context.write { try storage.advance(in: $0) }
    }

    /// A branch hands a waiting result over.
    public func collect(_ documentNumber: String, _ request: CollectionRequest, operatorId: String = "branch-operator") async throws {
        let collection = self.collection
        try await context.write { try collection.collect(documentNumber, request, operatorId: operatorId, in: $0) }
    }

    /// The provider sends a result it keeps back to the branch; returns when it arrives there.
    public func recall(_ documentNumber: String) async throws -> Date {
        let collection = self.collection
        return try await context.write { try collection.recall(documentNumber, in: $0) }
    }

    public func periodicTasks() -> [PeriodicTask] {
        let app = self
        let logger = context.logger
        return [PeriodicTask(name: "storage-periods", every: .seconds(1), logger: logger) {
            let moved = try await app.advanceStorage()
            if moved > 0 { logger.info("storage periods ended", metadata: ["results": "\(moved)"]) }
        }]
    }

    /// What the verification lookup answers.
    public struct Verification: Codable, Sendable {
        public var documentNumber: String
        public var applicationId: String
        public var state: String
        public var issuedAt: Date
        public var digest: String
        public var signature: DetachedSignature
        /// The signature checked against the provider's key in the trust store.
        public var signatureValid: Bool
        public var content: JSONValue
    }

    public func addRoutes(to router: QyzmetRouter) {
        let context = self.context
        let app = self
        router.get("/documents/:number") { _, requestContext -> Response in
            let number = try requestContext.parameters.require("number")
            let found = try await context.read { db -> Verification? in
                guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM documents WHERE documentNumber = ? OR applicationId = ? ORDER BY sequence DESC, part LIMIT 1"), arguments: [number, number]) else {
                    return nil
                }
                let content = try JSONValue.parse(row["content"] as Data)
                let signature = try ContractCoding.decode(DetachedSignature.self, data: row["signature"] as Data)
                let valid = (try? context.keys.trust.verify(signature, over: content, purpose: .resultDocument, trustedFor: "provider")) != nil
                return Verification(documentNumber: row["documentNumber"], applicationId: row["applicationId"], state: row["state"],
                                    issuedAt: row["issuedAt"], digest: row["digest"], signature: signature, signatureValid: valid, content: content)
            }
            guard let found else { return .problem(.notFound, "not-found", "no document \(number)") }
            return try .json(found)
        }
        // A branch operator hands a result over: their token says who and where.
        router.post("/documents/:number/collect") { request, requestContext -> Response in
            let number = try requestContext.parameters.require("number")
            guard var body = try? await request.decode(as: CollectionRequest.self, context: requestContext) else {
                return .problem(.badRequest, "invalid-body", "expected {identityDocument, identityDocumentNumber, representativePowerOfAttorney?}")
            }
            return await .command {
                let operatorCredential = try await context.officers.credential(request, roles: [.operator])
                guard let branch = operatorCredential.branch else { throw CommandRejection.forbidden("\(operatorCredential.officer)'s token names no branch") }
                if let claimed = body.branchId, claimed != branch {
                    throw CommandRejection.forbidden("\(operatorCredential.officer) works at branch \(branch), not \(claimed)")
                }
                body.branchId = branch
                try await app.collect(number, body, operatorId: operatorCredential.officer)
                return try .json(["documentNumber": number, "state": "collected"])
            }
        }
        router.post("/documents/:number/recall") { request, requestContext -> Response in
            let number = try requestContext.parameters.require("number")
            return await .command {
                _ = try await context.officers.credential(request, roles: [.operator, .supervisor])
                let arrives = try await app.recall(number)
                return try .json(["documentNumber": number, "atBranchBy": KazakhstanTime.format(arrives)])
            }
        }
    }

    public func healthDetails() async -> [String: Int] {
        let counts = (try? await context.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT state, COUNT(*) AS n FROM documents GROUP BY state")).reduce(into: [String: Int]()) { $0[$1["state"]] = $1["n"] }
        }) ?? [:]
        return counts
    }
}
