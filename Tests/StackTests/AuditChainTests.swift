import Foundation
import GRDB
import QyzmetDomain
import QyzmetLoad
import QyzmetStorage
import Testing

/// The four services' audit chains, written by real processes, checked against each other and the
/// heads on the topics; then one stored row is changed and the verifier names it.
extension StackSuite {
    @Suite("Audit chains, through real processes")
    struct AuditChainTests {
        @Test("the four chains agree with each other and with the topics; a changed row is named by store and entry")
        func chains() async throws {
            let stack = try await EmbeddedStack("audit")
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            var dealer = StackSession.index.dealer()
            let applications = [
                session.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .portal, purpose: "general", branchId: "AST-01", submittedAt: Date()),
                session.factory.emigration(for: dealer.next(.reservist), channel: .stateCorporation, branchId: "KAR-01", submittedAt: Date()),
            ]
            try await session.submit(applications)
            try await session.waitForAnswers(applications.map(\.applicationId))
            let services = ["intake", "identity", "review", "issuance"]
            let paths = Dictionary(uniqueKeysWithValues: services.map { ($0, stack.dataDirectory.appendingPathComponent("\($0).sqlite").path) })
            // Issuance's last status reaches intake's desk shortly after the result.
            let heads = try await AuditTopicReader(bootstrapServers: stack.bootstrap, sessionTimeoutMilliseconds: 1000, logger: stack.logger).heads(idle: 2)
            let intact = try AuditVerifier(storePaths: paths).verify(topicHeads: heads)
            #expect(intact.problems.isEmpty, "\(intact.problems)")
            #expect(services.allSatisfy { (intact.entries[$0] ?? 0) > 0 })
            // Every service's hand-offs were received by another one and recorded there.
            #expect(intact.crossChecked > heads.count)
            #expect(Set(heads.map(\.service)).isSuperset(of: ["intake", "identity", "review", "issuance"]))

            let review = try DatabaseQueue(path: paths["review"]!)
            try await review.write { db in try db.execute(sql: "UPDATE audit SET actor = 'someone-else' WHERE seq = 3") }
            let broken = try AuditVerifier(storePaths: paths).verify(topicHeads: heads)
            #expect(broken.problems.first?.store == "review" && broken.problems.first?.seq == 3, "\(broken.problems)")
            await session.close()
        }
    }
}
