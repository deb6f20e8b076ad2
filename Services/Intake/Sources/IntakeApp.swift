import Foundation
import GRDB
import Hummingbird
import QyzmetDomain
import QyzmetRules
import QyzmetRuntime

/// The State Corporation's reception: applications in, receipts out, accepted cases handed to
/// the authority; and the status desk for the personal cabinet and the 1414 contact centre.
public struct IntakeApp: ServiceApplication {
    public static let name = "intake"

    let context: ServiceContext
    let gateway: GatewayClient
    let reception: ApplicationReception
    let identification: ApplicantIdentification
    let projection = StatusProjection()

    public static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        IntakeTables.registerMigrations(&migrator)
        GatewayClient.registerMigration(&migrator)
    }

    public init(context: ServiceContext) throws {
        self.context = context
        gateway = GatewayClient(client: "intake", trust: context.keys.trust, environment: context.environment)
        let issuer = ReceiptIssuer()
        reception = ApplicationReception(catalogue: context.catalogue, trust: context.keys.trust, gateway: gateway,
                                         check: PackageCheck(catalogue: context.catalogue), issuer: issuer,
                                         window: SubmissionWindow(environment: context.environment.raw))
        identification = ApplicantIdentification(catalogue: context.catalogue, dueDates: context.dueDates, issuer: issuer)
    }

    public var topics: [String] { [Topics.applications, Topics.complaints, gateway.replyTopic, Topics.status] }

    /// Applications carry their channel's signature in their data; gateway answers come from
    /// identity; the status desk believes only the services' own statuses.
    public func trustedProducers(for topic: String) -> Set<String>? {
        switch topic {
        case Topics.applications, Topics.complaints: return nil
        case Topics.status: return ["service:intake", "service:review", "service:issuance"]
        default: return ["service:identity"]
        }
    }

    public var trust: TrustStore? { context.keys.trust }

    public func handle(_ event: ConsumedEvent, in tx: Transaction) throws {
        switch event.topic {
        case Topics.applications, Topics.complaints:
            try reception.receive(event, in: tx)
        case gateway.replyTopic:
            if case .answered(let response, let purpose, let lineage) = try gateway.receive(event, in: tx),
               [ApplicantIdentification.purpose, ApplicantIdentification.subjectPurpose, ApplicantIdentification.dutyPurpose].contains(purpose) {
                try identification.identified(response, purpose: purpose, lineage: lineage, in: tx)
            }
        case Topics.status:
            try projection.apply(event, in: tx)
        default:
            throw PoisonMessage("event.unexpected-topic", event.topic)
        }
    }

    public func periodicTasks() -> [PeriodicTask] {
        let app = self
        return [PeriodicTask(name: "gateway-retries", every: .milliseconds(500), logger: context.logger) {
            try await app.runGatewayRetries()
        }]
    }

    /// Sends again what is due, and answers the applications whose calls were given up (past
    /// their attempts or deadline) instead of leaving them waiting; returns the ids given up.
    @discardableResult
    public func runGatewayRetries() async throws -> [String] {
        let context = self.context
        let gateway = self.gateway
        let identification = self.identification
        let retried = try await context.write { try gateway.retryDue(in: $0) }
        if retried > 0 { context.logger.info("gateway requests sent again", metadata: ["count": "\(retried)"]) }
        let givenUp = try await context.write { tx -> [String] in
            try gateway.giveUpDue(in: tx).map { call in
                try identification.identified(call.response, purpose: call.purpose, lineage: call.lineage, in: tx)
                return call.response.applicationId
            }
        }
        for id in givenUp { context.logger.warning("gateway call given up", metadata: ["applicationId": "\(id)"]) }
        return givenUp
    }

    public func addRoutes(to router: QyzmetRouter) {
        let context = self.context
        // "Where is application X and when is it due": by application id or registration number.
        router.get("/applications/:id") { _, requestContext -> Response in
            let id = try requestContext.parameters.require("id")
            let now = context.clock.now()
            let view = try await context.read { db -> ApplicationStatusView? in
                let applicationId = try StatusQuery.applicationId(db, registrationNumber: id) ?? id
                return try StatusQuery.view(db, applicationId: applicationId, catalogue: context.catalogue, now: now)
            }
            guard let view else { return .problem(.notFound, "not-found", "no application \(id)") }
            return try .json(view)
        }
        router.get("/statistics") { _, _ -> Response in
            let counts = try await context.read { db in
                try Row.fetchAll(db.cachedStatement(sql: "SELECT status, COUNT(*) AS n FROM status_projection GROUP BY status")).reduce(into: [String: Int]()) {
                    $0[$1["status"]] = $1["n"]
                }
            }
            return try .json(counts)
        }
        ReplayRoutes(catalogue: context.catalogue, calendar: context.dueDates.calendar).add(to: router)
    }

    public func healthDetails() async -> [String: Int] {
        let gateway = self.gateway
        return ["openGatewayCalls": (try? await context.read { try gateway.openCalls($0) }) ?? -1]
    }
}
