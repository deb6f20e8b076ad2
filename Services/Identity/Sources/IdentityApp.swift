import Foundation
import GRDB
import Hummingbird
import Logging
import Metrics
import QyzmetDomain
import QyzmetPopulation
import QyzmetRuntime

/// The simulated e-government gateway in front of the simulated state databases.
public struct IdentityApp: ServiceApplication {
    public static let name = "identity"
    public static let signingKeyName: String? = "identity"

    let context: ServiceContext
    let signingKey: SigningKey
    let simulation: GatewaySimulation
    let outsideBodies: OutsideBodies

    public static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        PopulationRegistry.registerMigrations(&migrator)
        MessageLog.registerMigrations(&migrator)
        PaymentGateway.registerMigrations(&migrator)
        RegisterOverrides.registerMigrations(&migrator)
    }

    public init(context: ServiceContext) throws {
        guard let key = context.keys.signingKey else { throw PoisonMessage("config", "identity needs its signing key") }
        self.context = context
        self.signingKey = key
        self.simulation = GatewaySimulation(environment: context.environment)
        self.outsideBodies = try OutsideBodies(environment: context.environment)
        try PopulationRegistry.seedIfEmpty(
            store: context.store.pool,
            size: context.environment.integer("QYZMET_POPULATION_SIZE", default: 100_000),
            seed: UInt64(context.environment.integer("QYZMET_POPULATION_SEED", default: Int(SyntheticPopulation.defaultSeed))),
            snapshot: context.environment.raw["QYZMET_POPULATION_SNAPSHOT"],
            logger: context.logger
        )
    }

    public var topics: [String] { [Topics.gatewayRequests, Topics.registers] }

    /// Questions from intake and review; register changes only from review.
    public func trustedProducers(for topic: String) -> Set<String>? {
        topic == Topics.registers ? ["service:review"] : ["service:intake", "service:review"]
    }

    public var trust: TrustStore? { context.keys.trust }

    public func handle(_ event: ConsumedEvent, in tx: Transaction) throws {
        if event.topic == Topics.registers { return try RegisterOverrides.apply(event, in: tx) }
        guard event.envelope.type == EventType.gatewayRequested else {
            throw PoisonMessage("event.unexpected-type", "\(event.envelope.type) on \(event.topic)")
        }
        let request: GatewayRequest
        do { request = try event.envelope.decodeData(GatewayRequest.self) } catch {
            throw PoisonMessage("gateway.invalid-request", "\(error)")
        }
        guard request.replyTo.hasPrefix("qyzmet.gateway.replies."), request.replyTo.hasSuffix(".v1") else {
            throw PoisonMessage("gateway.invalid-reply-topic", "replies go to qyzmet.gateway.replies.<client>.v1, not \(request.replyTo)")
        }
        let requestHash = Digest.sha256Hex(event.envelope.data.canonicalData())
        // The simulated faults are the e-government databases'; an outside body answers on paper.
        let fault = request.query == .outsideRequest ? .none : simulation.fault(for: request.requestId)
        Counter(label: "qyzmet_gateway_requests_total", dimensions: [("query", request.query.rawValue), ("fault", fault.rawValue)]).increment()
        if fault == .dropped {
            try MessageLog.append(tx.db, requestId: request.requestId, client: request.client, applicationId: request.applicationId,
                                  query: request.query.rawValue, subjectIin: request.subjectIin, consentReference: request.consentReference,
                                  requestHash: requestHash, responseHash: nil, outcome: "dropped", receivedAt: tx.now, respondAt: nil)
            return
        }
        var response = fault == .sourceError
            ? GatewayResponse(requestId: request.requestId, requestHash: requestHash, client: request.client, applicationId: request.applicationId,
                              query: request.query, outcome: .error, respondedAt: tx.now, error: "source database unavailable (simulated)")
            : try answer(request, requestHash: requestHash, db: tx.db, now: tx.now)
        response.respondedAt = tx.now
        let tree = try ContractCoding.tree(response)
        let signed = SignedGatewayResponse(response: tree, signature: try signingKey.sign(tree, purpose: .gatewayResponse))
        var respondAt = tx.now.addingTimeInterval(simulation.delay(for: request.requestId))
        // A body outside the e-government databases answers on paper, days later.
        if request.query == .outsideRequest, response.outcome == .found, let body = request.body,
           let answerAt = outsideBodies.answerAt(body, after: tx.now, dueDates: context.dueDates) {
            respondAt = answerAt
        }
        try tx.emit(EventType.gatewayResponded, signed, to: request.replyTo, lineage: event.lineage, notBefore: respondAt > tx.now ? respondAt : nil)
        try MessageLog.append(tx.db, requestId: request.requestId, client: request.client, applicationId: request.applicationId,
                              query: request.query.rawValue, subjectIin: request.subjectIin, consentReference: request.consentReference,
                              requestHash: requestHash, responseHash: Digest.sha256Hex(tree.canonicalData()), outcome: response.outcome.rawValue,
                              receivedAt: tx.now, respondAt: respondAt)
    }

    func answer(_ request: GatewayRequest, requestHash: String, db: Database, now: Date) throws -> GatewayResponse {
        var response = GatewayResponse(requestId: request.requestId, requestHash: requestHash, client: request.client,
                                       applicationId: request.applicationId, query: request.query, outcome: .notFound, respondedAt: now)
        if request.query == .payment {
            guard let due = request.amountDue else {
                response.outcome = .error
                response.error = "a payment question gives the amount due"
                return response
            }
            response.payment = try PaymentGateway.status(applicationId: request.applicationId, due: due, dueBy: request.dueBy, db: db)
            response.outcome = .found
            return response
        }
        guard IIN.isValid(request.subjectIin), let entry = try PopulationRegistry.lookup(db, iin: request.subjectIin) else { return response }
        let aboutSomeoneElse = request.requesterIin.map { $0 != request.subjectIin } ?? false
        let military = try RegisterOverrides.military(entry.military, iin: request.subjectIin, db: db)
        func found(_ records: [String: String]?) -> GatewayResponse {
            var answered = response
            guard let records else { return answered }
            answered.records = records
            answered.outcome = .found
            return answered
        }
        switch request.query {
        case .person:
            response.person = entry.person
        case .militaryRegistration:
            response.military = military
            response.records = try RegisterOverrides.militaryFacts(entry.person, military, iin: request.subjectIin, db: db)
        case .criminalRecords:
            // Records about another person are released only with that person's consent.
            if aboutSomeoneElse && (request.consentReference ?? "").isEmpty {
                response.outcome = .denied
                response.error = "the data subject's consent is required"
                return response
            }
            response.criminal = entry.criminal
        case .protocolBook: return found(RegisterRecords.protocolBook(entry.person, military))
        case .administrativePenalties: return found(RegisterRecords.penalties(entry.person, military))
        case .serviceRecords: return found(RegisterRecords.serviceRecords(entry.person, military))
        case .education: return found(RegisterRecords.education(entry.person))
        case .medicalCard: return found(RegisterRecords.medicalCard(entry.person, military))
        case .portalContacts: return found(RegisterRecords.portalContacts(entry.person))
        case .outsideRequest:
            guard let body = request.body, outsideBodies.isKnown(body) else {
                response.outcome = .error
                response.error = "an outside request names a known body (\(outsideBodies.known.joined(separator: ", ")))"
                return response
            }
            return found(RegisterRecords.outsideAnswer(iin: request.subjectIin, body: body, asks: request.asks ?? ""))
        case .officialDocuments:
            guard let number = request.asks, !number.isEmpty else {
                response.outcome = .error
                response.error = "a document check names the document's number (asks)"
                return response
            }
            return found(RegisterRecords.officialDocument(number: number))
        case .archiveSystem:
            return found(RegisterRecords.archiveSystem(key: request.asks ?? ""))
        case .digitalDocuments, .payment:
            response.outcome = .notFound
            response.error = "not simulated yet"
            return response
        }
        response.outcome = .found
        return response
    }

    public func addRoutes(to router: QyzmetRouter) {
        let context = self.context
        // The message log of one application, as an auditor would ask for it.
        router.get("/message-log/:applicationId") { _, requestContext -> Response in
            let id = try requestContext.parameters.require("applicationId")
            let entries = try await context.read { try MessageLog.entries($0, applicationId: id) }
            return try .json(entries)
        }
        // A payment reaching the simulated e-government payment gateway.
        router.post("/payments") { request, requestContext -> Response in
            guard let payment = try? await request.decode(as: PaymentGateway.Payment.self, context: requestContext), payment.amountTenge > 0 else {
                return .problem(.badRequest, "invalid-body", "expected {applicationId, amountTenge > 0, paidAt?}")
            }
            let now = context.clock.now()
            try await context.store.pool.write { try PaymentGateway.record(payment, now: now, db: $0) }
            return try .json(["applicationId": payment.applicationId, "amountTenge": "\(payment.amountTenge)"])
        }
    }

    public func healthDetails() async -> [String: Int] {
        let persons = (try? await context.read { try Int.fetchOne($0.cachedStatement(sql: "SELECT COUNT(*) FROM persons")) ?? 0 }) ?? -1
        return ["persons": persons]
    }
}
