import Foundation
import GRDB
import Hummingbird
import QyzmetCredentials
import QyzmetDomain
import QyzmetRules
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
    let timers: ProcessTimers
    let payments: PaymentRechecks
    let process: CaseProcess
    let proactive: ProactiveCases
    let nominations: Nominations

    public static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        ReviewTables.registerMigrations(&migrator)
        GatewayClient.registerMigration(&migrator)
    }

    public init(context: ServiceContext) throws {
        self.context = context
        gateway = GatewayClient(client: "review", trust: context.keys.trust, environment: context.environment)
        process = CaseProcess(catalogue: context.catalogue, dueDates: context.dueDates, decisions: DecisionRecorder(), guards: ProcessGuards(), gateway: gateway)
        registration = CaseRegistration(catalogue: context.catalogue, gateway: gateway, process: process)
        commands = ExecutorCommands(process: process)
        deadlines = DeadlineWatch(warningWindow: context.environment.double("QYZMET_DEADLINE_WARNING_SECONDS", default: 2 * 3600), catalogue: context.catalogue)
        timers = ProcessTimers(process: process)
        payments = PaymentRechecks(process: process, interval: context.environment.double("QYZMET_PAYMENT_RECHECK_SECONDS", default: 300))
        proactive = ProactiveCases(catalogue: context.catalogue, calendar: context.calendar, registration: registration)
        nominations = Nominations(catalogue: context.catalogue, dueDates: context.dueDates, registration: registration)
    }

    public var topics: [String] { [Topics.cases, gateway.replyTopic] }

    /// Cases come from the State Corporation (intake); gateway answers from identity.
    public func trustedProducers(for topic: String) -> Set<String>? {
        topic == Topics.cases ? ["service:intake"] : ["service:identity"]
    }

    public var trust: TrustStore? { context.keys.trust }

    public func handle(_ event: ConsumedEvent, in tx: Transaction) throws {
        switch event.topic {
        case Topics.cases:
            try registration.register(event, in: tx)
        case gateway.replyTopic:
            switch try gateway.receive(event, in: tx) {
            case .answered(let response, CaseRegistration.purpose, _): try registration.answered(response, in: tx)
            case .answered(let response, CaseProcess.paymentPurpose, _): try process.paymentAnswered(response, in: tx)
            case .answered(let response, CaseProcess.outsidePurpose, _): try process.outsideAnswered(response, in: tx)
            default: break
            }
        default:
            throw PoisonMessage("event.unexpected-topic", event.topic)
        }
    }

    /// An executor's action on a case; returns the state the case is in afterwards.
    public func act(applicationId: String, _ request: ExecutorActionRequest) async throws -> String {
        let commands = self.commands
        return try await context.write { try commands.act(applicationId: applicationId, request, in: $0) }
    }

    /// Fires what is due on the service clock: process timers and deferred events. The periodic
    /// task calls this every second; tests call it after moving the clock.
    @discardableResult
    public func runTimers() async throws -> Int {
        let timers = self.timers
        return try await context.write { try timers.fire(in: $0) }
    }

    /// Sends again what is due; a register call given up (past its attempts or deadline) lets
    /// the case go on without it (to an executor, with the reason among its facts) rather than
    /// wait for ever. Returns the ids given up.
    @discardableResult
    public func runGatewayRetries() async throws -> [String] {
        let context = self.context
        let gateway = self.gateway
        let registration = self.registration
        _ = try await context.write { try gateway.retryDue(in: $0) }
        let givenUp = try await context.write { tx -> [String] in
            try gateway.giveUpDue(in: tx).map { call in
                if call.purpose == CaseRegistration.purpose {
                    try tx.db.inSavepoint {
                        do {
                            try registration.answered(call.response, in: tx)
                            return .commit
                        } catch is CaseProcess.Rejected {
                            return .rollback
                        }
                    }
                }
                return call.response.applicationId
            }
        }
        for id in givenUp { context.logger.warning("gateway call given up", metadata: ["applicationId": "\(id)"]) }
        return givenUp
    }

    public func reassign(applicationId: String, to executorId: String, by supervisor: String = "supervisor") async throws {
        let commands = self.commands
        try await context.write { try commands.reassign(applicationId: applicationId, to: executorId, by: supervisor, in: $0) }
    }

    /// The executor an HTTP request acts as: the token's officer, who must be an executor on
    /// review's staff list, of the token's authority. A body naming someone else is refused.
    func executor(of request: Request, claimed: String?) async throws -> String {
        let officer = try await context.officers.credential(request, roles: [.executor])
        if let claimed, !claimed.isEmpty, claimed != officer.officer {
            throw CommandRejection.forbidden("the token is \(officer.officer)'s; it cannot act as \(claimed)")
        }
        let id = officer.officer
        let staffed = try await context.read { db -> (provider: String, authority: String?)? in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT provider, authorityId FROM executors WHERE executorId = ? AND active"), arguments: [id])
                .map { ($0["provider"], $0["authorityId"]) }
        }
        guard let staffed else { throw CommandRejection.forbidden("\(id) is not an active executor of review") }
        if let authority = officer.authority, let staffedAt = staffed.authority, authority != staffedAt {
            throw CommandRejection.forbidden("\(id) works at \(staffedAt), not \(authority)")
        }
        if let provider = officer.provider, provider != staffed.provider {
            throw CommandRejection.forbidden("\(id) is an officer of \(staffed.provider), not \(provider)")
        }
        return id
    }

    public func periodicTasks() -> [PeriodicTask] {
        let context = self.context
        let deadlines = self.deadlines
        let timers = self.timers
        let payments = self.payments
        let proactive = self.proactive
        let app = self
        return [
            PeriodicTask(name: "proactive-cases", every: .seconds(1), logger: context.logger) {
                _ = try await context.write { try proactive.run(in: $0) }
            },
            PeriodicTask(name: "payment-rechecks", every: .seconds(1), logger: context.logger) {
                _ = try await context.write { try payments.run(in: $0) }
            },
            PeriodicTask(name: "process-timers", every: .seconds(1), logger: context.logger) {
                _ = try await context.write { try timers.fire(in: $0) }
            },
            PeriodicTask(name: "gateway-retries", every: .milliseconds(500), logger: context.logger) {
                try await app.runGatewayRetries()
            },
            PeriodicTask(name: "deadline-watch", every: .seconds(5), logger: context.logger) {
                _ = try await context.write { try deadlines.check(in: $0) }
            },
        ]
    }

    public func addRoutes(to router: QyzmetRouter) {
        let context = self.context
        let app = self
        // A queue as the provider keeps it (the paid-training queue): who waits for which course,
        // who left and why; IINs shown redacted.
        let officers = context.officers
        let staff: Set<OfficerCredential.Role> = [.executor, .supervisor]
        router.get("/queues/:queue") { request, requestContext -> Response in
            let queue = try requestContext.parameters.require("queue")
            return await .command {
                _ = try await officers.credential(request, roles: staff)
                return try .json(try await context.read { try ServiceQueues.listing($0, queue: queue) })
            }
        }
        // The free-basis selection (order 357 Chapter 2): an officer of the defence department
        // nominates a conscript for a course of the free plan; the selected make up the App 4 list.
        router.post("/nominations") { request, requestContext -> Response in
            let body: NominationRequest
            do { body = try await request.decode(as: NominationRequest.self, context: requestContext) } catch {
                return .problem(.badRequest, "invalid-body", "expected {service, course, iin, lastName, firstName, patronymic?}: \(error)")
            }
            return await .command {
                let officer = try await app.executor(of: request, claimed: nil)
                let nominations = app.nominations
                return try .json(try await context.write { try nominations.nominate(body, by: officer, in: $0) })
            }
        }
        router.get("/free-training/:course/named-list") { request, requestContext -> Response in
            let course = try requestContext.parameters.require("course")
            return await .command {
                _ = try await officers.credential(request, roles: staff)
                let catalogue = context.catalogue
                guard let list = try await context.read({ try NamedList.build($0, course: course, catalogue: catalogue) }) else {
                    throw CommandRejection.notFound("no course \(course) in the plans")
                }
                return try .json(list)
            }
        }
        router.get("/proactive-cases") { request, _ -> Response in
            await .command {
                _ = try await officers.credential(request, roles: staff)
                return try .json(try await context.read { try ProactiveOffer.all($0) })
            }
        }
        // An executor sees the cases assigned to them; a supervisor sees everyone's.
        router.get("/worklist") { request, _ -> Response in
            await .command {
                let officer = try await officers.credential(request, roles: staff)
                let asked = request.uri.queryParameters["executor"].map(String.init)
                let executor = officer.role == .supervisor ? asked : officer.officer
                let service = request.uri.queryParameters["service"].map(String.init)
                let now = context.clock.now()
                let process = app.process
                return try .json(try await context.read { try Worklist.items($0, executorId: executor, service: service, now: now, process: process) })
            }
        }
        router.get("/executors") { _, _ -> Response in
            try .json(try await context.read { db in
                try Row.fetchAll(db.cachedStatement(sql: "SELECT executorId, name, provider FROM executors WHERE active ORDER BY executorId")).map {
                    ["executorId": $0["executorId"] as String, "name": $0["name"] as String, "provider": $0["provider"] as String]
                }
            })
        }
        // The older decide endpoint: approve or refuse, answered with the outcome.
        router.post("/cases/:id/decision") { request, requestContext -> Response in
            let id = try requestContext.parameters.require("id")
            var body: ExecutorActionRequest
            do { body = try await request.decode(as: ExecutorActionRequest.self, context: requestContext) } catch {
                return .problem(.badRequest, "invalid-body", "expected {action, grounds?, motivation?}: \(error)")
            }
            guard ["approve", "refuse"].contains(body.action) else { return .problem(.badRequest, "invalid-body", "action must be approve or refuse") }
            return await .command {
                body.executorId = try await app.executor(of: request, claimed: body.executorId)
                _ = try await app.act(applicationId: id, body)
                return try .json(["applicationId": id, "outcome": body.action == "approve" ? "approved" : "refused"])
            }
        }
        // Any action the case's process offers now (GET /worklist lists them per case).
        router.post("/cases/:id/actions") { request, requestContext -> Response in
            let id = try requestContext.parameters.require("id")
            var body: ExecutorActionRequest
            do { body = try await request.decode(as: ExecutorActionRequest.self, context: requestContext) } catch {
                return .problem(.badRequest, "invalid-body", "expected {action, findings?, grounds?, motivation?, term?, hearingAt?, hearingOutcome?}: \(error)")
            }
            return await .command {
                body.executorId = try await app.executor(of: request, claimed: body.executorId)
                let state = try await app.act(applicationId: id, body)
                return try .json(["applicationId": id, "action": body.action, "state": state])
            }
        }
        router.get("/cases/:id/actions") { request, requestContext -> Response in
            let id = try requestContext.parameters.require("id")
            do { _ = try await officers.credential(request, roles: staff) } catch {
                return await .command { throw error }
            }
            let rows = try await context.read { db in
                try Row.fetchAll(db.cachedStatement(sql: "SELECT action, actor, fromState, toState, at FROM case_actions WHERE applicationId = ? ORDER BY id"), arguments: [id]).map {
                    ["action": $0["action"] as String, "actor": $0["actor"] as String, "from": $0["fromState"] as String, "to": $0["toState"] as String,
                     "at": KazakhstanTime.format($0["at"] as Date)]
                }
            }
            return try .json(rows)
        }
        router.post("/cases/:id/assign") { request, requestContext -> Response in
            let id = try requestContext.parameters.require("id")
            guard let body = try? await request.decode(as: [String: String].self, context: requestContext), let executor = body["executorId"] else {
                return .problem(.badRequest, "invalid-body", "expected {executorId}")
            }
            return await .command {
                let supervisor = try await officers.credential(request, roles: [.supervisor])
                try await app.reassign(applicationId: id, to: executor, by: supervisor.officer)
                return try .json(["applicationId": id, "executorId": executor])
            }
        }
    }

    public func healthDetails() async -> [String: Int] {
        let gateway = self.gateway
        let counts = (try? await context.read { db in
            (try gateway.openCalls(db), try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM cases WHERE final = 0 AND executorId IS NOT NULL")) ?? 0)
        }) ?? (-1, -1)
        return ["openGatewayCalls": counts.0, "worklist": counts.1]
    }
}
