import Foundation
import QyzmetDomain
import QyzmetLoad
import Testing

/// The short version of `qyzmet fuzz` (the full run sends 10,000; see docs/runbook.md).
extension StackSuite {
    @Suite("Fuzz run, through real processes")
    struct FuzzTests {
        @Test("malformed messages on every consumed topic: each answered by a dead letter or a receipt, no service down")
        func fuzz() async throws {
            let stack = try await EmbeddedStack("fuzz")
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            var corpus = FuzzCorpus(seed: 7, signer: session.signer, index: StackSession.index)
            let cases = try corpus.cases(count: 600)
            let report = try await FuzzRun(publisher: session.publisher, watcher: session.watcher, client: stack.http).run(cases, timeout: .seconds(180))
            #expect(report.passed, "\(report.text)")
            #expect(report.unanswered.isEmpty)
            #expect(Set(report.byMutation.keys) == Set(FuzzCorpus.envelopeMutations + FuzzCorpus.applicationMutations))
            #expect(report.accepted == 0, "\(report.text)")
            // Correctly signed but wrong: the sender is known and gets a receipt saying why.
            #expect(report.codes["refused invalid-application", default: 0] > 0, "\(report.text)")
            #expect(report.codes["dead letter application.submitted-in-future", default: 0] > 0, "\(report.text)")
            #expect(report.codes["dead letter event.unsigned", default: 0] > 0, "\(report.text)")
            #expect(report.codes["dead letter envelope.not-json", default: 0] > 0, "\(report.text)")
            #expect(report.codes["dead letter event.unreadable", default: 0] > 0, "\(report.text)")
            for service in ["intake", "identity", "review", "issuance"] {
                #expect(stack.isRunning(service), "\(service) stopped")
            }
            await session.close()
        }
    }
}
