import Foundation
import GRDB
import Hummingbird
import QyzmetDomain
import QyzmetRuntime

/// The authority: registers cases, gathers state data, decides automatically where the
/// regulation says so, and keeps the executors' worklist.
public struct ReviewApp: ServiceApplication {
    public static let name = "review"

    let context: ServiceContext
    let gateway: GatewayClient
    let registration: CaseRegistration
    let commands: ExecutorCommands
    let deadlines: DeadlineWatch

    public static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        ReviewTables.registerMigrations(&migrator)
        GatewayClient.registerMigration(&migrator)
    }

    public init(context: ServiceContext) throws {
        self.context = context
        gateway = GatewayClient(client: "review", trust: context.keys.trust,
                                timeout: context.environment.double("QYZMET_GATEWAY_TIMEOUT_SECONDS", default: 5))
        let decisions = DecisionRecorder()
        let evaluation = CaseEvaluation(catalogue: context.catalogue, dueDates: context.dueDates, decisions: decisions)
        registration = CaseRegistration(catalogue: context.catalogue, gateway: gateway, evaluation: evaluation)
        commands = ExecutorCommands(catalogue: context.catalogue, decisions: decisions)
        deadlines = DeadlineWatch(warningWindow: context.environment.double("QYZMET_DEADLINE_WARNING_SECONDS", default: 2 * 3600))
    }

    public var topics: [String] { [Topics.cases, gateway.replyTopic] }

    public func handle(_ event: ConsumedEvent, in tx: Transaction) throws {
        switch event.topic {
        case Topics.cases:
            try registration.register(event, in: tx)
        case gateway.replyTopic:
            if case .answered(let response, let purpose, _) = try gateway.receive(event, in: tx), purpose == CaseRegistration.purpose {
                try registration.answered(response, in: tx)
            }
        default:
            throw PoisonMessage("event.unexpected-topic", event.topic)
        }
    }

    /// An executor's decision on a case awaiting one.
    public func decide(applicationId: String, _ request: ExecutorDecisionRequest) async throws -> Decision.Outcome {
        let commands = self.commands
        return try await context.write { try commands.decide(applicationId: applicationId, request, in: $0) }
    }

    public func reassign(applicationId: String, to executorId: String) async throws {
        let commands = self.commands
        try await context.write { try commands.reassign(applicationId: applicationId, to: executorId, in: $0) }
    }

    public func periodicTasks() -> [PeriodicTask] {
        let context = self.context
        let gateway = self.gateway
        let deadlines = self.deadlines
        return [
            PeriodicTask(name: "gateway-retries", every: .milliseconds(500), logger: context.logger) {
                _ = try await context.write { try gateway.retryDue(in: $0) }
            },
            PeriodicTask(name: "deadline-watch", every: .seconds(5), logger: context.logger) {
                _ = try await context.write { try deadlines.check(in: $0) }
            },
        ]
    }

    public func addRoutes(to router: QyzmetRouter) {
        let context = self.context
        let app = self
        router.get("/worklist") { request, _ -> Response in
            let executor = request.uri.queryParameters["executor"].map(String.init)
            let service = request.uri.queryParameters["service"].map(String.init)
            let now = context.clock.now()
            return try .json(try await context.read { try Worklist.items($0, executorId: executor, service: service, now: now) })
        }
        router.get("/executors") { _, _ -> Response in
            try .json(try await context.read { db in
                try Row.fetchAll(db.cachedStatement(sql: "SELECT executorId, name, provider FROM executors WHERE active ORDER BY executorId")).map {
                    ["executorId": $0["executorId"] as String, "name": $0["name"] as String, "provider": $0["provider"] as String]
                }
            })
        }
        router.post("/cases/:id/decision") { request, requestContext -> Response in
            let id = try requestContext.parameters.require("id")
            let body: ExecutorDecisionRequest
            do { body = try await request.decode(as: ExecutorDecisionRequest.self, context: requestContext) } catch {
                return .problem(.badRequest, "invalid-body", "expected {action, executorId, grounds?, motivation?}: \(error)")
            }
            return await .command {
                let outcome = try await app.decide(applicationId: id, body)
                return try .json(["applicationId": id, "outcome": outcome.rawValue])
            }
        }
        router.post("/cases/:id/assign") { request, requestContext -> Response in
            let id = try requestContext.parameters.require("id")
            guard let body = try? await request.decode(as: [String: String].self, context: requestContext), let executor = body["executorId"] else {
                return .problem(.badRequest, "invalid-body", "expected {executorId}")
            }
            return await .command {
                try await app.reassign(applicationId: id, to: executor)
                return try .json(["applicationId": id, "executorId": executor])
            }
        }
    }

    public func healthDetails() async -> [String: Int] {
        let gateway = self.gateway
        let counts = (try? await context.read { db in
            (try gateway.openCalls(db), try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM cases WHERE state = 'awaiting-executor'")) ?? 0)
        }) ?? (-1, -1)
        return ["openGatewayCalls": counts.0, "worklist": counts.1]
    }
}
