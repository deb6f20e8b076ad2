import Foundation
import GRDB
import IdentityService
import IntakeService
import QyzmetDomain
import ReviewService
import QyzmetLoad
import QyzmetRuntime
import Testing

@Suite("Gateway request/reply")
struct GatewayClientTests {
    func start(faultRate: Double = 0) throws -> (InMemoryStack, ServiceHarness<IdentityApp>, ApplicationSubmission) {
        let stack = try InMemoryStack(now: Fixtures.monday.addingTimeInterval(60))
        let identity = try ServiceHarness<IdentityApp>(clock: stack.clock, environment: [
            "QYZMET_POPULATION_SIZE": String(InMemoryStack.populationSize), "QYZMET_GATEWAY_FAULT_RATE": String(faultRate),
        ])
        var dealer = Fixtures.index.dealer()
        let application = Fixtures.factory.emigration(for: dealer.next(.conscript), channel: .portal, branchId: "AST-01", submittedAt: Fixtures.monday)
        try stack.intake.deliver([Fixtures.event(application)])
        return (stack, identity, application)
    }

    func retryDue(_ stack: InMemoryStack) async throws -> Int {
        let gateway = GatewayClient(client: "intake", trust: stack.intake.context.keys.trust)
        return try await stack.intake.context.write { try gateway.retryDue(in: $0) }
    }

    @Test("an unanswered request is sent again after its timeout, with a new id; the first answer wins")
    func timeoutRetry() async throws {
        let (stack, identity, _) = try start()
        let first = try stack.intake.published().on(Topics.gatewayRequests)
        #expect(try await retryDue(stack) == 0)
        stack.clock.advance(by: 6)
        #expect(try await retryDue(stack) == 1)
        let second = try stack.intake.published().on(Topics.gatewayRequests)
        let attempts = try (first + second).map { try $0.decode(GatewayRequest.self) }
        #expect(attempts.map(\.attempt) == [1, 2])
        #expect(attempts[0].requestId != attempts[1].requestId)
        // Both answers arrive; one receipt.
        try identity.deliver(first + second)
        let answers = try identity.published()
        #expect(try stack.intake.deliver(answers) == [.applied(type: EventType.gatewayResponded), .applied(type: EventType.gatewayResponded)])
        #expect(try stack.intake.published().on(Topics.receipts).count == 1)
        stack.clock.advance(by: 600)
        #expect(try await retryDue(stack) == 0)
    }

    @Test("a retry asks the same question: the body and what it is asked about travel with every attempt")
    func retryKeepsBodyAndAsks() async throws {
        let (stack, _, application) = try start()
        _ = try stack.intake.published()
        let gateway = GatewayClient(client: "intake", trust: stack.intake.context.keys.trust)
        let lineage = EventLineage(applicationId: application.applicationId, correlationId: application.applicationId,
                                   traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
        try await stack.intake.context.write {
            try gateway.request(.officialDocuments, subjectIin: application.applicant.iin, purpose: "check", body: "prosecution", asks: "PGO-123456-7",
                                lineage: lineage, in: $0)
        }
        _ = try stack.intake.published()
        stack.clock.advance(by: 6)
        #expect(try await retryDue(stack) >= 1)
        let again = try stack.intake.published().on(Topics.gatewayRequests).map { try $0.decode(GatewayRequest.self) }.filter { $0.query == .officialDocuments }
        #expect(again.map(\.attempt) == [2])
        #expect(again.first?.asks == "PGO-123456-7" && again.first?.body == "prosecution")
    }

    @Test("a request still in the outbox (the relay behind, the broker down) is not asked again; once published it is")
    func noRetryBeforePublished() async throws {
        let (stack, _, _) = try start()
        stack.clock.advance(by: 6)
        #expect(try await retryDue(stack) == 0)
        stack.clock.advance(by: 6)
        #expect(try await retryDue(stack) == 0)
        #expect(try stack.intake.published().on(Topics.gatewayRequests).map { try $0.decode(GatewayRequest.self).attempt } == [1])
        stack.clock.advance(by: 6)
        #expect(try await retryDue(stack) == 1)
        #expect(try stack.intake.published().on(Topics.gatewayRequests).map { try $0.decode(GatewayRequest.self).attempt } == [2])
    }

    @Test("a call past its attempts or its deadline is given up: the applicant is told to file again, not that they do not exist")
    func givenUp() async throws {
        let stack = try InMemoryStack(now: Fixtures.monday.addingTimeInterval(60))
        let intake = try ServiceHarness<IntakeApp>(clock: stack.clock, environment: ["QYZMET_GATEWAY_GIVE_UP_SECONDS": "30"])
        var dealer = Fixtures.index.dealer()
        let application = Fixtures.factory.emigration(for: dealer.next(.conscript), channel: .portal, branchId: "AST-01", submittedAt: Fixtures.monday)
        try intake.deliver([Fixtures.event(application)])
        // The gateway never answers: asked again with backoff (5, 10, 20 s) until the deadline.
        var sent = 0
        // The relay publishes each request (a request still in the outbox is not asked again).
        var out = try intake.published()
        for _ in 0..<8 {
            stack.clock.advance(by: 6)
            sent += try await intake.app.runGatewayRetries().isEmpty ? 0 : 1
            out += try intake.published()
        }
        let requests = try out.on(Topics.gatewayRequests).map { try $0.decode(GatewayRequest.self) }
        #expect(requests.count >= 3 && requests.count <= 5, "asked again until the deadline, then no more")
        #expect(sent == 1, "given up once")
        let receipt = try #require(try out.on(Topics.receipts).last?.decode(Receipt.self))
        #expect(receipt.refusal?.code == "gateway-unavailable")
        #expect(receipt.refusal?.reason.contains("did not answer in time") == true)
        stack.clock.advance(by: 600)
        #expect(try await intake.app.runGatewayRetries().isEmpty)
        #expect(try intake.published().on(Topics.gatewayRequests).isEmpty)
    }

    @Test("a register call given up lets the case go on to an executor, with the reason among its facts")
    func registerGivenUp() async throws {
        let stack = try InMemoryStack(now: Fixtures.monday.addingTimeInterval(60))
        let review = try ServiceHarness<ReviewApp>(clock: stack.clock, environment: ["QYZMET_GATEWAY_MAX_ATTEMPTS": "2"])
        var dealer = Fixtures.index.dealer()
        let application = Fixtures.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .portal, purpose: "general", branchId: "AST-01",
                                                          submittedAt: Fixtures.monday)
        let flow = try stack.pump([Fixtures.event(application)])
        let opened = try #require(flow.on(Topics.cases).first)
        try review.deliver([opened])
        _ = try review.published()
        stack.clock.advance(by: 6)
        try await review.app.runGatewayRetries()
        _ = try review.published()
        stack.clock.advance(by: 11)
        #expect(try await review.app.runGatewayRetries() == [application.applicationId])
        let state = try review.read { try String.fetchOne($0, sql: "SELECT state FROM cases WHERE applicationId = ?", arguments: [application.applicationId]) }
        #expect(state == "executor-review")
        let facts = try review.read { try Data.fetchOne($0, sql: "SELECT facts FROM cases WHERE applicationId = ?", arguments: [application.applicationId]) }
        #expect(facts.map { String(decoding: $0, as: UTF8.self).contains("did not answer criminal.records") } == true)
    }

    @Test("a source error is retried soon; a forged or rebound answer is dead-lettered")
    func errorsAndForgery() async throws {
        let (stack, identity, _) = try start(faultRate: 1)
        let requests = try stack.intake.published().on(Topics.gatewayRequests)
        try identity.deliver(requests)
        let log = try identity.read { try String.fetchAll($0, sql: "SELECT outcome FROM message_log") }
        let answers = try identity.published()
        if log == ["error"] {
            #expect(try stack.intake.deliver(answers) == [.applied(type: EventType.gatewayResponded)])
            stack.clock.advance(by: 1.5)
            #expect(try await retryDue(stack) == 1)
        } else {
            #expect(log == ["dropped"] && answers.isEmpty)
        }

        // A clean gateway answers; then we tamper with copies of its answer.
        let honest = try ServiceHarness<IdentityApp>(clock: stack.clock, environment: ["QYZMET_POPULATION_SIZE": String(InMemoryStack.populationSize)])
        try honest.deliver(requests)
        let answer = try #require(try honest.published().first)
        let forged = try answer.tampered(id: "forged") { $0.setting(["response", "outcome"], to: .string("not-found")) }
        let forgedOutcome = try stack.intake.deliver([forged])
        // The envelope's producer signature no longer verifies.
        #expect(forgedOutcome == [.deadLettered(code: "event.signature-invalid", applicationId: answer.envelope.applicationId)])
        // Signed again with identity's event key, the gateway's own signature over the answer still fails.
        var resigned = try forged.tampered(id: "forged-2") { $0 }
        resigned.envelopeOrNil!.signature = try EventSignature.sign(resigned.envelope, with: try #require(honest.context.keys.eventKey))
        #expect(try stack.intake.deliver([resigned]) == [.deadLettered(code: "signature.invalid", applicationId: answer.envelope.applicationId)])
        #expect(try stack.intake.deliver([answer]) == [.applied(type: EventType.gatewayResponded)])
        #expect(try stack.intake.published().on(Topics.receipts).count == 1)
    }

    @Test("faults are a pure function of the request id and the configured rate")
    func faultsAreDeterministic() throws {
        let requestIds = (0..<2000).map { "req-\($0)" }
        func faults(_ rate: Double, seed: Int = 7) throws -> [String] {
            let env = ServiceEnvironment(serviceName: "identity", environment: ["QYZMET_GATEWAY_FAULT_RATE": String(rate), "QYZMET_GATEWAY_FAULT_SEED": String(seed)])
            let simulation = GatewaySimulationProbe(environment: env)
            return requestIds.map { simulation.fault(for: $0) }
        }
        let a = try faults(0.1)
        #expect(a == (try faults(0.1)))
        let share = Double(a.filter { $0 != "none" }.count) / Double(a.count)
        #expect((0.07...0.13).contains(share))
        #expect(Set(a) == ["none", "error", "dropped"])
        #expect(try faults(0).allSatisfy { $0 == "none" })
        #expect(a != (try faults(0.1, seed: 8)))
    }
}
