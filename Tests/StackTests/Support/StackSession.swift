import Foundation
import QyzmetDomain
import QyzmetLoad
import QyzmetMessaging

/// A test's view of a running stack as a producer and an ops team see it: it publishes signed
/// applications, reads the outcome topics, and works the executors' worklist over HTTP.
final class StackSession: @unchecked Sendable {
    let stack: EmbeddedStack
    let watcher: OutcomeWatcher
    let publisher: ApplicationPublisher
    let signer: ChannelSigner
    let officers: OfficerSimulation
    private let watching: Task<Void, Never>

    static let index = PopulationIndex(size: EmbeddedStack.populationSize, today: KazakhstanTime.localDate(of: Date()))
    let factory = ApplicationFactory()

    init(_ stack: EmbeddedStack) async throws {
        self.stack = stack
        watcher = try OutcomeWatcher(bootstrapServers: stack.bootstrap, logger: stack.logger)
        let watcher = self.watcher
        watching = Task { await watcher.run() }
        publisher = try ApplicationPublisher(bootstrapServers: stack.bootstrap, logger: stack.logger)
        signer = try ChannelSigner(keysDirectory: Paths.devKeys)
        officers = OfficerSimulation(client: stack.http)
        _ = try await eventually("the watcher joined its group") { watcher.isAssigned ? true : nil }
    }

    func submit(_ applications: [ApplicationSubmission]) async throws {
        try await publisher.publish(try applications.map { try signer.envelope(for: $0) })
    }

    /// Files complaints on their own topic, signed by their channel as applications are.
    func complain(_ complaints: [ApplicationSubmission]) async throws {
        try await publisher.publish(try complaints.map { try signer.envelope(for: $0, complaint: true) })
    }

    func publishRaw(_ messages: [OutgoingMessage]) async throws {
        try await publisher.publishRaw(messages)
    }

    func answered(_ id: String) -> Bool { watcher.seen.isAnswered(id) }

    /// Waits until every application has its answer, working the worklist meanwhile.
    func waitForAnswers(_ ids: [String], timeout: Duration = .seconds(90)) async throws {
        _ = try await eventually("answers for \(ids.count) applications", timeout: timeout, every: .milliseconds(200)) { () -> Bool? in
            _ = try? await officers.workOnce()
            return ids.allSatisfy(answered) ? true : nil
        }
    }

    var seen: OutcomeWatcher.Seen { watcher.seen }

    func close() async {
        watcher.stop()
        await watching.value
        await publisher.close()
    }
}
