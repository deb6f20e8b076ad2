import Foundation
import QyzmetLoad
import Testing

/// The test harness's processes, for the soak driver.
struct EmbeddedStackControl: StackControl {
    let stack: EmbeddedStack

    func kill(_ service: String) async throws { stack.crash(service) }
    func stop(_ service: String) async throws { stack.stop(service) }
    func start(_ service: String) async throws {
        try stack.start(service)
        try await stack.waitUntilReady([service])
    }
    func restartBroker() async throws { try await stack.restartBroker() }
}

extension SoakRun {
    /// The soak driver on a test stack, publishing as the channels do with the development keys.
    init(embedded stack: EmbeddedStack) throws {
        self.init(control: EmbeddedStackControl(stack: stack), client: stack.http, bootstrap: stack.bootstrap,
                  signer: try ChannelSigner(keysDirectory: Paths.devKeys), storePaths: stack.storePaths, logger: stack.logger)
    }
}

/// The short version of `./compose/soak.sh` (the full run: 100,000 applications, 50 kills, 3
/// broker restarts, the gateway down for two minutes; docs/runbook.md section 18).
extension StackSuite {
    @Suite("Crash soak, through real processes")
    struct SoakTests {
        @Test("applications across the catalogue through SIGKILLs, a broker restart and the gateway down: every one terminal once, none lost")
        func soak() async throws {
            let stack = try await EmbeddedStack("soak")
            defer { stack.shutdown() }
            let soak = try SoakRun(embedded: stack)
            let plan = SoakRun.Plan(applications: 2000, kills: 5, brokerRestarts: 1, gatewayDown: .seconds(20), rate: 100, seed: 11)
            let report = try await soak.run(plan, index: StackSession.index, answerTimeout: .seconds(400))
            #expect(report.passed, "\(report.text)")
            #expect(report.submitted == 2000 && report.terminal == 2000, "\(report.text)")
            #expect(report.kills == 5 && report.brokerRestarts == 1 && report.gatewayDownSeconds == 20)
            #expect(report.audit?.problems.isEmpty == true, "\(report.text)")
        }
    }
}
