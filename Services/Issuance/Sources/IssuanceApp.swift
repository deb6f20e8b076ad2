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

    /// What a verifier learns from a document's number and code: whether it is genuine and the
    /// minimum to match it against the paper and the person presenting it; no birth date, IIN or facts.
    public struct PublicVerification: Codable, Sendable {
        public var valid: Bool
        public var documentNumber: String
        public var kind: String
        public var title: String
        public var service: String
        public var issuedOn: String
        public var holderName: String
        public var state: String
        /// SHA-256 of the signed content, to compare with the document's own.
        public var digest: String
    }

    public func addRoutes(to router: QyzmetRouter) {
        let context = self.context
        let app = self
        // Public: the number and the code printed on the document. An unknown number and a wrong
        // code answer the same, so numbers cannot be walked.
        router.get("/verify/:number") { request, requestContext -> Response in
            let number = try requestContext.parameters.require("number")
            let code = request.uri.queryParameters["code"].map(String.init) ?? ""
            let found = try await context.read { db -> PublicVerification? in
                guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM documents WHERE documentNumber = ?"), arguments: [number]),
                      let expected = row["verificationCode"] as String?, VerificationCode.matches(code, expected) else { return nil }
                let content = try JSONValue.parse(row["content"] as Data)
                let signature = try ContractCoding.decode(DetachedSignature.self, data: row["signature"] as Data)
                let valid = (try? context.keys.trust.verify(signature, over: content, purpose: .resultDocument, trustedFor: "provider")) != nil
                return PublicVerification(valid: valid, documentNumber: number, kind: row["kind"], title: content["title"]?["en"]?.stringValue ?? "",
                                          service: row["service"], issuedOn: content["issuedOn"]?.stringValue ?? "",
                                          holderName: content["holder"]?["fullName"]?.stringValue ?? "", state: row["state"], digest: row["digest"])
            }
            guard let found else { return .problem(.notFound, "not-found", "no document with this number and verification code") }
            return try .json(found)
        }
        // The whole signed document, for the provider's and the State Corporation's staff.
        router.get("/documents/:number") { request, requestContext -> Response in
            let number = try requestContext.parameters.require("number")
            do { _ = try await context.officers.credential(request, roles: [.executor, .supervisor, .operator]) } catch {
                return await .command { throw error }
            }
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
