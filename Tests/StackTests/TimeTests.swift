import Foundation
import QyzmetDomain
import QyzmetLoad
import Testing

extension StackSuite {
    @Suite("One clock for all services")
    struct TimeTests {
        @Test("weeks later: uncollected paper moves to the provider and is filed; an undecided case breaches its deadline")
        func weeksLater() async throws {
            let stack = try await EmbeddedStack("clock")
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            var dealer = StackSession.index.dealer()
            let abroad = session.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .portal, purpose: "travel-abroad", branchId: "PAV-01", submittedAt: Date())
            let waiting = session.factory.emigration(for: dealer.next(.conscript), channel: .portal, branchId: "AST-01", submittedAt: Date())
            try await session.submit([abroad, waiting])
            // No officer works the worklist in this test.
            _ = try await eventually("the certificate at the branch and the case on the worklist") { () -> Bool? in
                let item = try? await stack.http.worklist().first { $0["applicationId"]?.stringValue == waiting.applicationId }
                return session.answered(abroad.applicationId) && item != nil ? true : nil
            }
            func status(_ id: String) async throws -> String? { try await stack.http.status(id)?["status"]?.stringValue }
            #expect(try await status(abroad.applicationId) == "ready-for-collection")

            try stack.setClockOffset(days: 32)
            _ = try await eventually("stored at the provider after a month") { try await status(abroad.applicationId) == "stored-at-provider" ? true : nil }
            _ = try await eventually("a deadline breach for the undecided case") {
                session.seen.deadlineAlerts[waiting.applicationId]?.contains { $0.kind == .breach } == true ? true : nil
            }
            let overdue = try await stack.http.status(waiting.applicationId)?["overdue"]?.boolValue
            #expect(overdue == true)

            try stack.setClockOffset(days: 95)
            _ = try await eventually("filed after three months") { try await status(abroad.applicationId) == "filed" ? true : nil }
            await session.close()
        }
    }
}
