import Foundation
import QyzmetDomain
import QyzmetLoad
import Testing

extension StackSuite {
    @Suite("A slow, unreliable gateway")
    struct GatewayFaultTests {
        @Test("with 40% of gateway calls failing or lost, every application is still answered, once")
        func faults() async throws {
            let stack = try await EmbeddedStack("faults", overrides: [
                "identity": ["QYZMET_GATEWAY_FAULT_RATE": "0.4", "QYZMET_GATEWAY_LATENCY_MS": "30", "QYZMET_GATEWAY_JITTER_MS": "40"],
                "intake": ["QYZMET_GATEWAY_TIMEOUT_SECONDS": "1"], "review": ["QYZMET_GATEWAY_TIMEOUT_SECONDS": "1"],
            ])
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            var dealer = StackSession.index.dealer()
            let applications = (0..<16).map { i in
                session.factory.criminalRecord(for: dealer.next(.criminalClear), channel: i % 2 == 0 ? .portal : .stateCorporation,
                                               purpose: "general", branchId: "ALA-01", submittedAt: Date())
            }
            try await session.submit(applications)
            try await session.waitForAnswers(applications.map(\.applicationId), timeout: .seconds(120))
            let seen = session.seen
            #expect(applications.allSatisfy { seen.receipts[$0.applicationId]?.count == 1 && seen.results[$0.applicationId]?.count == 1 })
            var retried = 0
            for application in applications {
                let (_, body) = try await stack.http.get(stack.http.identity, "message-log/\(application.applicationId)")
                if case .array(let log)? = stack.http.json(body), log.count > 2 { retried += 1 }
            }
            #expect(retried > 0, "some calls should have needed a retry")
            #expect(seen.deadLetters.isEmpty)
            await session.close()
        }

        @Test("the gateway down past the give-up deadline: the applicant is told to file again, once; back up, a new filing is served")
        func gatewayDownPastTheDeadline() async throws {
            let stack = try await EmbeddedStack("gateway-down", overrides: [
                "intake": ["QYZMET_GATEWAY_TIMEOUT_SECONDS": "1", "QYZMET_GATEWAY_GIVE_UP_SECONDS": "5"],
            ])
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            var dealer = StackSession.index.dealer()
            stack.crash("identity")
            let person = dealer.next(.criminalClear)
            let first = session.factory.criminalRecord(for: person, channel: .portal, purpose: "general", branchId: "ALA-01", submittedAt: Date())
            try await session.submit([first])
            let refused = try await eventually("told to file again", timeout: .seconds(30)) { session.seen.receipts[first.applicationId]?.first }
            #expect(refused.refusal?.code == "gateway-unavailable")
            #expect(session.seen.receipts[first.applicationId]?.count == 1)
            try stack.start("identity")
            try await stack.waitUntilReady(["identity"])
            let again = session.factory.criminalRecord(for: person, channel: .portal, purpose: "general", branchId: "ALA-01", submittedAt: Date())
            try await session.submit([again])
            try await session.waitForAnswers([again.applicationId])
            #expect(session.seen.receipts[again.applicationId]?.first?.outcome == .accepted)
            await session.close()
        }
    }
}
