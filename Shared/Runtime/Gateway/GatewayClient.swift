import Foundation
import GRDB
import QyzmetDomain

/// Request/reply with the e-government gateway over topics: each request has its own id, the
/// answer must carry the hash of the request and the gateway's signature, and a request left
/// unanswered is sent again with backoff, up to an attempt limit and a deadline; then the call is
/// given up and its caller told so, as an error answer (a case goes to an executor with the
/// reason, an application is told to file again), rather than waiting for ever.
public struct GatewayClient: Sendable {
    /// The X-Road client name: `intake` or `review`.
    public let client: String
    public let trust: TrustStore
    /// Wait before the first retry; doubles per attempt up to `maxTimeout`.
    public let timeout: TimeInterval
    public let maxTimeout: TimeInterval
    /// Attempts before a call is given up.
    public let maxAttempts: Int
    /// Seconds from the first attempt after which a call is given up, whatever the attempts.
    public let giveUpAfter: TimeInterval

    public init(client: String, trust: TrustStore, timeout: TimeInterval = 5, maxTimeout: TimeInterval = 120,
                maxAttempts: Int = 12, giveUpAfter: TimeInterval = 1800) {
        self.client = client
        self.trust = trust
        self.timeout = timeout
        self.maxTimeout = maxTimeout
        self.maxAttempts = maxAttempts
        self.giveUpAfter = giveUpAfter
    }

    /// The client as the service's environment configures it: `QYZMET_GATEWAY_TIMEOUT_SECONDS` (the
    /// first wait), `QYZMET_GATEWAY_MAX_ATTEMPTS` and `QYZMET_GATEWAY_GIVE_UP_SECONDS`.
    public init(client: String, trust: TrustStore, environment: ServiceEnvironment) {
        self.init(client: client, trust: trust, timeout: environment.double("QYZMET_GATEWAY_TIMEOUT_SECONDS", default: 5),
                  maxAttempts: environment.integer("QYZMET_GATEWAY_MAX_ATTEMPTS", default: 12),
                  giveUpAfter: environment.double("QYZMET_GATEWAY_GIVE_UP_SECONDS", default: 1800))
    }

    /// A call given up: the error answer its caller acts on, as if the gateway had said so.
    public struct GivenUp: Sendable {
        public var response: GatewayResponse
        public var purpose: String
        public var lineage: EventLineage
    }

    public var replyTopic: String { Topics.gatewayReplies(client: client) }

    public static func registerMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("gateway-client-v1") { db in
            try db.create(table: "gateway_requests") { t in
                t.primaryKey("requestId", .text)
                // The first request id of a chain of attempts for the same question.
                t.column("callId", .text).notNull().indexed()
                t.column("applicationId", .text).notNull().indexed()
                t.column("query", .text).notNull()
                t.column("subjectIin", .text).notNull()
                t.column("requesterIin", .text)
                t.column("consentReference", .text)
                t.column("purpose", .text).notNull()
                t.column("attempt", .integer).notNull()
                t.column("requestHash", .text).notNull()
                t.column("lineage", .blob).notNull()
                t.column("sentAt", .datetime).notNull()
                t.column("retryAt", .datetime)
                t.column("answeredAt", .datetime)
                t.column("outcome", .text)
            }
            try db.create(index: "gateway_requests_due", on: "gateway_requests", columns: ["answeredAt", "retryAt"])
        }
        migrator.registerMigration("gateway-client-v2-payments") { db in
            // A payment question carries the amount and deadline; a retry asks the same question.
            try db.alter(table: "gateway_requests") { t in
                t.add(column: "amountDue", .integer)
                t.add(column: "dueBy", .datetime)
            }
        }
        migrator.registerMigration("gateway-client-v3-outbox-row") { db in
            // The outbox row of each attempt: a request still waiting in our own outbox has not
            // been asked yet, and asking again would only lengthen the queue (a retry storm).
            try db.alter(table: "gateway_requests") { t in t.add(column: "outboxId", .integer) }
        }
        migrator.registerMigration("gateway-client-v4-body-asks") { db in
            // A retry asks the same question: the outside body and what it is asked about (the
            // document number to check) travel with every attempt, not only the first.
            try db.alter(table: "gateway_requests") { t in
                t.add(column: "body", .text)
                t.add(column: "asks", .text)
            }
        }
    }

    /// Sends a question about `subjectIin`; `purpose` tells the caller what to do with the answer.
    @discardableResult
    public func request(
        _ query: GatewayQuery, subjectIin: String, requesterIin: String? = nil, consentReference: String? = nil, purpose: String,
        amountDue: Int? = nil, dueBy: Date? = nil, body: String? = nil, asks: String? = nil, lineage: EventLineage, in tx: Transaction
    ) throws -> String {
        let requestId = UUID().uuidString.lowercased()
        try send(requestId: requestId, callId: requestId, attempt: 1, query: query, subjectIin: subjectIin, requesterIin: requesterIin,
                 consentReference: consentReference, purpose: purpose, amountDue: amountDue, dueBy: dueBy, body: body, asks: asks, lineage: lineage, in: tx)
        return requestId
    }

    private func send(
        requestId: String, callId: String, attempt: Int, query: GatewayQuery, subjectIin: String, requesterIin: String?,
        consentReference: String?, purpose: String, amountDue: Int? = nil, dueBy: Date? = nil, body: String? = nil, asks: String? = nil,
        lineage: EventLineage, in tx: Transaction
    ) throws {
        var request = GatewayRequest(
            requestId: requestId, client: client, applicationId: lineage.applicationId, query: query, subjectIin: subjectIin,
            requesterIin: requesterIin, consentReference: consentReference, replyTo: replyTopic, requestedAt: tx.now, attempt: attempt
        )
        request.amountDue = amountDue
        request.dueBy = dueBy
        request.body = body
        request.asks = asks
        let hash = Digest.sha256Hex(try ContractCoding.tree(request).canonicalData())
        let wait = min(timeout * pow(2, Double(attempt - 1)), maxTimeout)
        // A body outside the databases answers on paper days later: waiting for it is the
        // process's business (its deadline), not a reason to ask again.
        let retryAt: Date? = query == .outsideRequest ? nil : tx.now.addingTimeInterval(wait)
        try tx.db.cachedStatement(sql: """
            INSERT INTO gateway_requests (requestId, callId, applicationId, query, subjectIin, requesterIin, consentReference, purpose, attempt, requestHash, lineage, sentAt, retryAt,
                                          amountDue, dueBy, body, asks)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [requestId, callId, lineage.applicationId, query.rawValue, subjectIin, requesterIin, consentReference, purpose, attempt, hash,
                             try ContractCoding.data(lineage), tx.now, retryAt, amountDue, dueBy, body, asks])
        let queued = try tx.queue(EventType.gatewayRequested, request, to: Topics.gatewayRequests, lineage: lineage)
        try tx.db.cachedStatement(sql: "UPDATE gateway_requests SET outboxId = ? WHERE requestId = ?").execute(arguments: [queued.outboxId, requestId])
    }

    public enum Reply {
        /// The first valid answer to a call.
        case answered(GatewayResponse, purpose: String, lineage: EventLineage)
        /// The source database failed; the request is sent again shortly.
        case retrying
        /// A late or repeated answer to a call already answered.
        case ignored
    }

    /// Checks an answer: gateway signature, request hash, and that the call is still open.
    public func receive(_ event: ConsumedEvent, in tx: Transaction) throws -> Reply {
        guard event.envelope.type == EventType.gatewayResponded else {
            throw PoisonMessage("event.unexpected-type", "\(event.envelope.type) on \(event.topic)")
        }
        let signed: SignedGatewayResponse
        let response: GatewayResponse
        do {
            signed = try event.envelope.decodeData(SignedGatewayResponse.self)
            response = try ContractCoding.decode(GatewayResponse.self, from: signed.response)
        } catch {
            throw PoisonMessage("gateway.invalid-response", "\(error)")
        }
        do {
            try trust.verify(signed.signature, over: signed.response, purpose: .gatewayResponse, trustedFor: "gateway")
        } catch {
            throw PoisonMessage("signature.invalid", "gateway response \(response.requestId): \(error)")
        }
        guard let row = try Row.fetchOne(tx.db.cachedStatement(sql: "SELECT * FROM gateway_requests WHERE requestId = ?"), arguments: [response.requestId]) else {
            return .ignored
        }
        guard response.requestHash == row["requestHash"] as String else {
            throw PoisonMessage("gateway.request-hash-mismatch", "answer to \(response.requestId) is bound to another request")
        }
        let callId: String = row["callId"]
        let alreadyAnswered = try Bool.fetchOne(tx.db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM gateway_requests WHERE callId = ? AND answeredAt IS NOT NULL)"), arguments: [callId]) ?? false
        if alreadyAnswered { return .ignored }
        let lineage = try ContractCoding.decode(EventLineage.self, data: row["lineage"] as Data)
        if response.outcome == .error {
            // Retry soon rather than waiting out the timeout; only the newest attempt decides.
            try tx.db.execute(sql: "UPDATE gateway_requests SET retryAt = ?, outcome = 'error' WHERE requestId = ? AND retryAt IS NOT NULL",
                              arguments: [tx.now.addingTimeInterval(min(1.0 * Double(row["attempt"] as Int), 10)), response.requestId])
            return .retrying
        }
        try tx.db.cachedStatement(sql: "UPDATE gateway_requests SET answeredAt = ?, retryAt = NULL WHERE callId = ?").execute(arguments: [tx.now, callId])
        try tx.db.cachedStatement(sql: "UPDATE gateway_requests SET outcome = ? WHERE requestId = ?").execute(arguments: [response.outcome.rawValue, response.requestId])
        return .answered(response, purpose: row["purpose"], lineage: EventLineage(
            applicationId: lineage.applicationId, correlationId: lineage.correlationId, causationId: event.envelope.id, traceparent: event.envelope.traceparent
        ))
    }

    /// Sends again every unanswered request whose wait is over; returns how many.
    @discardableResult
    public func retryDue(in tx: Transaction, limit: Int = 200) throws -> Int {
        let rows = try Row.fetchAll(tx.db.cachedStatement(sql: """
            SELECT * FROM gateway_requests WHERE answeredAt IS NULL AND retryAt IS NOT NULL AND retryAt <= ? ORDER BY retryAt LIMIT ?
            """), arguments: [tx.now, limit])
        var resent = 0
        for row in rows {
            try tx.db.cachedStatement(sql: "UPDATE gateway_requests SET retryAt = NULL WHERE requestId = ?").execute(arguments: [row["requestId"] as String])
            guard let query = GatewayQuery(rawValue: row["query"]) else { continue }
            if try isSpent(row, tx) {
                // Left for `giveUpDue`, which answers the caller.
                try tx.db.cachedStatement(sql: "UPDATE gateway_requests SET outcome = 'give-up' WHERE requestId = ?").execute(arguments: [row["requestId"] as String])
                continue
            }
            if let outboxId = row["outboxId"] as Int64?,
               try Bool.fetchOne(tx.db.cachedStatement(sql: "SELECT publishedAt IS NULL FROM outbox WHERE id = ?"), arguments: [outboxId]) == true {
                // Our own relay has not sent it yet (a backlog, a broker down): wait again, no attempt spent.
                let wait = min(timeout * pow(2, Double((row["attempt"] as Int) - 1)), maxTimeout)
                try tx.db.cachedStatement(sql: "UPDATE gateway_requests SET retryAt = ? WHERE requestId = ?")
                    .execute(arguments: [tx.now.addingTimeInterval(wait), row["requestId"] as String])
                continue
            }
            resent += 1
            let lineage = try ContractCoding.decode(EventLineage.self, data: row["lineage"] as Data)
            try send(requestId: UUID().uuidString.lowercased(), callId: row["callId"], attempt: row["attempt"] as Int + 1,
                     query: query, subjectIin: row["subjectIin"], requesterIin: row["requesterIin"], consentReference: row["consentReference"], purpose: row["purpose"],
                     amountDue: row["amountDue"], dueBy: row["dueBy"], body: row["body"], asks: row["asks"], lineage: lineage, in: tx)
        }
        return resent
    }

    /// Whether a call has had its attempts or its time.
    private func isSpent(_ row: Row, _ tx: Transaction) throws -> Bool {
        let attempt: Int = row["attempt"]
        if attempt >= maxAttempts { return true }
        let first = try Date.fetchOne(tx.db.cachedStatement(sql: "SELECT min(sentAt) FROM gateway_requests WHERE callId = ?"), arguments: [row["callId"] as String])
        return first.map { tx.now.timeIntervalSince($0) >= giveUpAfter } ?? false
    }

    /// The calls given up since last asked: each closed, with the error answer for its caller.
    public func giveUpDue(in tx: Transaction, limit: Int = 200) throws -> [GivenUp] {
        let rows = try Row.fetchAll(tx.db.cachedStatement(sql: """
            SELECT * FROM gateway_requests WHERE answeredAt IS NULL AND outcome = 'give-up' ORDER BY sentAt LIMIT ?
            """), arguments: [limit])
        var out: [GivenUp] = []
        for row in rows {
            let callId: String = row["callId"]
            guard let query = GatewayQuery(rawValue: row["query"]) else { continue }
            let attempts = try Int.fetchOne(tx.db.cachedStatement(sql: "SELECT count(*) FROM gateway_requests WHERE callId = ?"), arguments: [callId]) ?? 1
            let first = try Date.fetchOne(tx.db.cachedStatement(sql: "SELECT min(sentAt) FROM gateway_requests WHERE callId = ?"), arguments: [callId]) ?? tx.now
            try tx.db.cachedStatement(sql: "UPDATE gateway_requests SET answeredAt = ?, retryAt = NULL WHERE callId = ?").execute(arguments: [tx.now, callId])
            let error = "the e-government gateway did not answer \(query.rawValue): \(attempts) attempts over \(Int(tx.now.timeIntervalSince(first))) s"
            let response = GatewayResponse(requestId: row["requestId"], requestHash: row["requestHash"], client: client, applicationId: row["applicationId"],
                                           query: query, outcome: .error, respondedAt: tx.now, error: error)
            out.append(GivenUp(response: response, purpose: row["purpose"], lineage: try ContractCoding.decode(EventLineage.self, data: row["lineage"] as Data)))
        }
        return out
    }

    /// Unanswered calls, for health and metrics.
    public func openCalls(_ db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(DISTINCT callId) FROM gateway_requests WHERE answeredAt IS NULL")) ?? 0
    }
}
